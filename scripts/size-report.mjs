// The size of the front-end's wasm and js, raw and brotli-compressed (as served). Run as a
// script it prints them; `sizes(dir)` gives them to other scripts (the front-end bench).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

// Every .wasm and .js file of `dir` with its raw and brotli (quality 11) size in bytes, and
// the totals.
export function sizes(dir = 'frontend/dist') {
  const files = readdirSync(dir)
    .filter((n) => /\.(wasm|js)$/.test(n))
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      const brotli = brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
      return { name, raw: bytes.length, brotli };
    });
  const raw = files.reduce((sum, f) => sum + f.raw, 0);
  const brotli = files.reduce((sum, f) => sum + f.brotli, 0);
  return { files, raw, brotli };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, raw, brotli } = sizes(process.argv[2] ?? 'frontend/dist');
  for (const f of files) console.log(`[size] ${f.name}: ${f.raw} B raw, ${f.brotli} B brotli`);
  console.log(`[size] wasm + js: ${raw} B raw, ${brotli} B brotli`);
}
