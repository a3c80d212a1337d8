// Prints the gzipped size of what the browser loads first (index.html, its entry script and
// the chunks and styles that entry imports statically) and fails above the budget.
// Lazily loaded chunks (ECharts, screens) are listed but not counted.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 400;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = new Set(['index.html']);
for (const m of html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)) first.add(m[1]);
// Follow static imports of the first-load chunks (not dynamic import()).
const queue = [...first].filter((f) => f.endsWith('.js'));
while (queue.length) {
  const f = queue.pop();
  const code = readFileSync(join(dist, f), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+)["']/g)) {
    const dep = 'assets/' + m[1];
    if (!first.has(dep)) {
      first.add(dep);
      queue.push(dep);
    }
  }
}
let total = 0;
for (const f of first) {
  const size = gz(join(dist, f));
  total += size;
  console.log(`  first load  ${(size / 1024).toFixed(1).padStart(7)} KB gz  ${f}`);
}
for (const f of readdirSync(join(dist, 'assets')).filter((name) => !name.endsWith('.gz'))) {
  if (!first.has('assets/' + f)) {
    console.log(`  lazy        ${(gz(join(dist, 'assets', f)) / 1024).toFixed(1).padStart(7)} KB gz  assets/${f}`);
  }
}
const kb = total / 1024;
console.log(`First-load size (gzipped): ${kb.toFixed(1)} KB (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error(`Bundle too large: ${kb.toFixed(1)} KB > ${BUDGET_KB} KB`);
  process.exit(1);
}
