// Prints the size of the front-end's wasm and js, raw and brotli-compressed (as served).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'frontend/dist';
let raw = 0;
let brotli = 0;
for (const name of readdirSync(dir).filter((n) => /\.(wasm|js)$/.test(n))) {
  const bytes = readFileSync(join(dir, name));
  const compressed = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  raw += bytes.length;
  brotli += compressed;
  console.log(`[size] ${name}: ${bytes.length} B raw, ${compressed} B brotli`);
}
console.log(`[size] wasm + js: ${raw} B raw, ${brotli} B brotli`);
