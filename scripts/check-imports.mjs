// The import check `npm test` runs (issue 17): no file imports itself back through others
// (type-only imports count: a cycle of types is still a knot to untie before any change), and
// no two folders of the server import each other. `--stats` prints files, lines and imports
// per server folder, the figures the structure is judged by.
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

const SOURCES = [
  'apps/server/src/**/*.ts',
  'apps/jira-sim/src/**/*.ts',
  'apps/forge/src/**/*.ts',
  'apps/client/src/**/*.{ts,tsx}',
  'libs/shared/src/**/*.ts',
  'test/**/*.ts',
  'bench/**/*.ts',
];
const SERVER = 'apps/server/src';

const tree = await parseDependencyTree(SOURCES, {
  context: process.cwd(),
  tsconfig: 'tsconfig.json',
  transform: false,
  skipDynamicImports: false,
});

const cycles = parseCircular(tree);
for (const cycle of cycles) console.error(`cycle: ${cycle.join(' -> ')}`);

/** The folder a server file sits in, relative to the server's root; undefined outside it. */
function serverFolder(file) {
  const path = relative(SERVER, file);
  return path.startsWith('..') ? undefined : dirname(path);
}

const edges = new Map();
const stats = new Map();
for (const [file, dependencies] of Object.entries(tree)) {
  const from = serverFolder(file);
  if (from === undefined) continue;
  const isSpec = file.endsWith('.spec.ts');
  const entry = stats.get(from) ?? { files: 0, lines: 0, imports: 0, importedBy: new Set() };
  if (!isSpec) {
    entry.files += 1;
    entry.lines += readFileSync(file, 'utf8').split('\n').length;
  }
  stats.set(from, entry);
  for (const dependency of dependencies ?? []) {
    const to = dependency.id ? serverFolder(dependency.id) : undefined;
    if (to === undefined || to === from || isSpec) continue;
    entry.imports += 1;
    const key = `${from}|${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

const twoWay = [...edges.keys()]
  .map((key) => key.split('|'))
  .filter(([from, to]) => from < to && edges.has(`${to}|${from}`));
for (const [a, b] of twoWay) console.error(`folders import each other: ${a} <-> ${b}`);

if (process.argv.includes('--stats')) {
  const rows = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log('| folder | files | lines | imports of other server folders |');
  console.log('|---|---|---|---|');
  for (const [folder, { files, lines, imports }] of rows) {
    console.log(`| ${folder} | ${files} | ${lines} | ${imports} |`);
  }
  console.log(`\nfile cycles: ${cycles.length}; two-way folder pairs: ${twoWay.length}`);
}

if (cycles.length > 0 || twoWay.length > 0) {
  console.error(`${cycles.length} import cycles, ${twoWay.length} two-way folder pairs.`);
  process.exit(1);
}
console.log('Imports: no cycles, no two folders importing each other.');
