// Starts the local marketplace server (functions + built front-end) on a free loopback port for
// a test, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

// `testHooks: true` serves the test routes (moving the server's time forward, tampering with a
// stored event: POST /api/v1/test/clock, /api/v1/test/tamper), and
// runs the scheduler every second. `env` adds to the server's environment; `startupMs` is how
// long it may take to load its data and listen.
export async function startServer({ testHooks = false, env = {}, startupMs = 30_000 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'market-e2e-'));
  const extra = testHooks ? { MARKET_TEST_HOOKS: '1', MARKET_SCHEDULER_SECONDS: '1' } : {};
  // MARKET_LOCAL_BIN points at another build of the server (a work tree without its own).
  const bin = process.env.MARKET_LOCAL_BIN ?? join(root, 'target/debug/market-local');
  const child = spawn(bin, [], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      MARKET_DATA_DIR: dataDir,
      MARKET_STATIC_DIR: join(root, 'frontend/dist'),
      RUST_LOG: 'warn',
      ...extra,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), startupMs);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
  });
  return {
    baseUrl,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}
