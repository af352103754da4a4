/**
 * The dependency rules the build enforces (run by `npm run lint`; see docs/architecture.md):
 *
 * 1. The platform (src/platform) and the data layer (src/db) import no area.
 * 2. No cycle between areas: if one area imports another, the other never imports it back,
 *    directly or through others.
 * 3. No route file (routes.ts, *-routes.ts) imports the database: routes get services.
 * 4. An area's files are named for their part: routes, service, repository, rules, forms (and
 *    the area's module, demo data, command line and workers); sub-areas the same.
 *
 * (The fifth rule, no wall clock outside src/platform/clock.ts, is an ESLint rule.)
 *
 * `node scripts/check-architecture.ts --mermaid` prints the areas and their arrows as a Mermaid
 * graph instead; `--counts` prints how many imports each arrow stands for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
/** Folders of src that are not areas: the platform, the data layer, and the composition root's demo. */
const NOT_AREAS = new Set(['platform', 'db', 'demo']);
/** The names an area's (or sub-area's) files may have, each with its part. */
const PART_NAMES = /^(index|routes|service|repository|rules|forms|schema|demo|cli|worker|[a-z-]+-worker)\.ts$/;

interface Source {
  file: string; // relative to src, with '/'
  imports: string[]; // relative to src, or a package name
}

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)]
    .concat([...text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)])
    .concat([...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)])
    .map((match) => match[1]);
  // Packages keep their name, marked so they are never taken for a folder of src.
  return found.map((spec) => (spec.startsWith('.') ? relative(SRC, resolve(dirname(path), spec)) : `package:${spec}`));
}

function sources(): Source[] {
  return walk(SRC)
    .filter((path) => !path.endsWith('.test.ts'))
    .map((path) => ({ file: relative(SRC, path).split('\\').join('/'), imports: importsOf(path) }));
}

/** The area a file belongs to, or undefined for the platform, the data layer and the composition root. */
function areaOf(file: string): string | undefined {
  const [top, ...rest] = file.split('/');
  return rest.length > 0 && !NOT_AREAS.has(top) && !top.startsWith('..') && !top.startsWith('package:')
    ? top
    : undefined;
}

function isRouteFile(file: string): boolean {
  const name = file.split('/').pop()!;
  return name === 'routes.ts' || name.endsWith('-routes.ts');
}

/** Arrows between areas, with how many imports each stands for. */
function areaGraph(all: Source[]): Map<string, Map<string, number>> {
  const graph = new Map<string, Map<string, number>>();
  for (const source of all) {
    const from = areaOf(source.file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const target of source.imports) {
      const to = areaOf(target);
      if (to && to !== from) graph.get(from)!.set(to, (graph.get(from)!.get(to) ?? 0) + 1);
    }
  }
  return graph;
}

/** Groups of areas that import each other in a circle (Tarjan's strongly connected components). */
function cycles(graph: Map<string, Map<string, number>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!order.has(node)) visit(node);
  return found;
}

export function problems(all: Source[]): string[] {
  const found: string[] = [];
  for (const source of all) {
    const top = source.file.split('/')[0];
    for (const target of source.imports) {
      if ((top === 'platform' || top === 'db') && (areaOf(target) || target.startsWith('demo/')))
        found.push(`src/${source.file}: the ${top === 'db' ? 'data layer' : 'platform'} imports src/${target}`);
      if (isRouteFile(source.file) && (target.startsWith('db/') || target === 'package:kysely'))
        found.push(`src/${source.file}: a route file imports the database (${target}); ask a service instead`);
    }
    const area = areaOf(source.file);
    const name = source.file.split('/').pop()!;
    if (area && !PART_NAMES.test(name))
      found.push(
        `src/${source.file}: an area's files are routes, service, repository, rules or forms (see docs/architecture.md)`,
      );
  }
  const graph = areaGraph(all);
  for (const group of cycles(graph)) {
    const arrows = group.flatMap((from) =>
      group.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${graph.get(from)!.get(to)})`),
    );
    found.push(`areas import each other in a circle: ${arrows.join(', ')}`);
  }
  return found;
}

function mermaid(graph: Map<string, Map<string, number>>, counts: boolean): string {
  const lines = ['graph TD'];
  for (const [from, targets] of [...graph.entries()].sort(([a], [b]) => a.localeCompare(b)))
    for (const [to, n] of [...targets.entries()].sort(([a], [b]) => a.localeCompare(b)))
      lines.push(counts ? `  ${from} -->|${n}| ${to}` : `  ${from} --> ${to}`);
  return lines.join('\n');
}

if (import.meta.main) {
  const all = sources();
  if (process.argv.includes('--mermaid') || process.argv.includes('--counts')) {
    console.log(mermaid(areaGraph(all), process.argv.includes('--counts')));
  } else {
    const found = problems(all);
    for (const line of found) console.error(line);
    if (found.length > 0) {
      console.error(
        `\n${found.length} architecture problems (rules: scripts/check-architecture.ts, docs/architecture.md)`,
      );
      process.exitCode = 1;
    } else console.log('Architecture: the dependency rules hold.');
  }
}
