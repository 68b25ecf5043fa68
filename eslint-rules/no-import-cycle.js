// Imports point one way: no file reaches itself again through its imports, within a workspace or
// across workspaces (`@shopeasy/*` resolved through each package's `source` export). Type-only
// imports count too: a cycle of types is a cycle in what the code means, and the next value
// import turns it into a cycle at run time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const SKIP = new Set(['node_modules', 'dist', 'cdk.out', '.venv', '.tools', 'generated', '.git']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gu;

/** The repository's TypeScript import graph and its cycles, built once per lint run. */
let graph;

function workspaces(root) {
  const { workspaces: globs = [] } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const parent = glob.slice(0, -2);
    return readdirSync(path.join(root, parent)).map((name) => `${parent}/${name}`);
  });
  const packages = new Map();
  for (const dir of dirs) {
    const file = path.join(root, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    packages.set(pkg.name, { dir: path.join(root, dir), exports: pkg.exports ?? {} });
  }
  return packages;
}

function tsFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) tsFiles(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolver(packages) {
  return (from, spec) => {
    if (spec.startsWith('.')) {
      const base = path.resolve(path.dirname(from), spec);
      const candidates = [base.replace(/\.js$/u, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
      return candidates.find((file) => existsSync(file));
    }
    const match = /^(@shopeasy\/[^/]+)(\/.*)?$/u.exec(spec);
    const pkg = match && packages.get(match[1]);
    if (!pkg) return undefined;
    const entry = pkg.exports[`.${match[2] ?? ''}`];
    const source = typeof entry === 'object' ? entry.source : undefined;
    return source ? path.join(pkg.dir, source) : undefined;
  };
}

// Tarjan's strongly connected components: every file in a component of two or more is in a cycle.
function cycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const component = new Map();
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
    }
    if (low.get(node) !== index.get(node)) return;
    const members = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    if (members.length > 1) for (const m of members) component.set(m, members);
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return component;
}

function build(root) {
  const packages = workspaces(root);
  const resolve = resolver(packages);
  const edges = new Map();
  for (const { dir } of packages.values()) {
    for (const file of tsFiles(dir)) {
      const targets = new Map();
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = resolve(file, spec);
        if (target && !targets.has(target)) targets.set(target, spec);
      }
      edges.set(file, targets);
    }
  }
  const adjacency = new Map([...edges].map(([file, targets]) => [file, [...targets.keys()]]));
  return { edges, component: cycles(adjacency) };
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles within and across the workspaces.' },
    schema: [],
    messages: {
      cycle:
        "'{{spec}}' leads back here: {{files}} import each other in a circle. Move what they share so imports point one way.",
    },
  },
  create(context) {
    return {
      Program(node) {
        graph ??= build(ROOT);
        const file = context.filename;
        const members = graph.component.get(file);
        if (!members) return;
        const inCycle = new Set(members);
        const files = members.map((m) => path.relative(ROOT, m)).join(', ');
        const statements = new Map(
          node.body.filter((s) => s.source?.value !== undefined).map((s) => [s.source.value, s]),
        );
        for (const [target, spec] of graph.edges.get(file) ?? []) {
          if (!inCycle.has(target)) continue;
          context.report({ node: statements.get(spec) ?? node, messageId: 'cycle', data: { spec, files } });
        }
      },
    };
  },
};
