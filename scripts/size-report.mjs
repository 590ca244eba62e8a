// The size of the front-end's wasm and js, raw and brotli-compressed (as served): the first
// download (the app's js, its main wasm module and the split loader) and everything (with the
// modules of the pages loaded on demand). Run as a script it prints them; `sizes(dir)` gives
// them to other scripts (the front-end bench).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

// What every page needs before anything shows: the rest is fetched when a page that needs it is
// first opened.
export const FIRST_DOWNLOAD = ['market_frontend.js', 'market_frontend_bg.wasm', '__wasm_split.js'];

// Every .wasm and .js file of `dir` with its raw and brotli (quality 11) size in bytes, the
// totals, and the totals of `first` (by default the first download).
export function sizes(dir = 'frontend/dist', first = FIRST_DOWNLOAD) {
  const files = readdirSync(dir)
    .filter((n) => /\.(wasm|js)$/.test(n))
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      const brotli = brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
      return { name, raw: bytes.length, brotli };
    });
  const total = (list) => ({
    raw: list.reduce((sum, f) => sum + f.raw, 0),
    brotli: list.reduce((sum, f) => sum + f.brotli, 0),
  });
  const missing = first.filter((name) => !files.some((f) => f.name === name));
  if (missing.length) throw new Error(`${dir} lacks ${missing.join(', ')}`);
  return { files, ...total(files), first: { names: first, ...total(files.filter((f) => first.includes(f.name))) } };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, raw, brotli, first } = sizes(process.argv[2] ?? 'frontend/dist');
  for (const f of files.filter((f) => first.names.includes(f.name))) {
    console.log(`[size] ${f.name}: ${f.raw} B raw, ${f.brotli} B brotli`);
  }
  console.log(`[size] first download (${first.names.join(' + ')}): ${first.raw} B raw, ${first.brotli} B brotli`);
  console.log(`[size] all ${files.length} wasm + js files: ${raw} B raw, ${brotli} B brotli`);
}
