// Writes a gzip copy (file.gz) beside each text file of the built app, which `antq serve` sends
// to browsers that accept gzip: compressed once at build time, not on every request.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = /\.(html|js|mjs|css|svg|json|txt|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

let before = 0;
let after = 0;
for (const path of files(dist)) {
  const bytes = readFileSync(path);
  const packed = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  // A copy that saves nothing would only cost a read.
  if (packed.length >= bytes.length) continue;
  writeFileSync(`${path}.gz`, packed);
  before += bytes.length;
  after += packed.length;
}
console.log(`Precompressed: ${(before / 1024).toFixed(1)} KB of text files into ${(after / 1024).toFixed(1)} KB of .gz copies`);
