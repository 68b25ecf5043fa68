// Draws every diagram and either writes the SVGs or compares them with the committed ones.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagram, DiagramContext } from './diagram.js';
import { renderSvg } from './render.js';
import { quote } from './style.js';

export const DIAGRAMS_DIRECTORY = 'confluence-docs/diagrams';

export interface Drawn {
  readonly name: string;
  readonly svg: string;
}

/** The SVG of one diagram, its title set as the graph's tooltip and <title>. */
export async function draw(diagram: Diagram, context: DiagramContext): Promise<Drawn> {
  const dot = await diagram.dot(context);
  // The DOT's own id becomes the SVG's <title>: the title, so a screen reader names the picture.
  const titled = dot.replace(
    /^\s*(strict\s+)?(di)?graph\s*("[^"]*"|\w+)?\s*\{/,
    (_m, strict = '', di = '') => {
      return `${strict}${di}graph ${quote(diagram.title)} {`;
    },
  );
  return { name: diagram.name, svg: await renderSvg(titled) };
}

/** Writes every SVG under the output directory; names of files no diagram draws any more are returned. */
export function writeAll(directory: string, drawn: readonly Drawn[]): string[] {
  mkdirSync(directory, { recursive: true });
  for (const { name, svg } of drawn) writeFileSync(join(directory, `${name}.svg`), svg);
  return stale(directory, drawn);
}

/** One line per SVG that differs from, is missing from or is left over in the directory. */
export function compareAll(directory: string, drawn: readonly Drawn[]): string[] {
  const problems: string[] = [];
  for (const { name, svg } of drawn) {
    const path = join(directory, `${name}.svg`);
    if (!existsSync(path)) problems.push(`${path} is missing`);
    else if (readFileSync(path, 'utf8') !== svg) problems.push(`${path} differs from what its sources draw`);
  }
  for (const name of stale(directory, drawn))
    problems.push(`${join(directory, name)} is drawn by no diagram`);
  return problems;
}

function stale(directory: string, drawn: readonly Drawn[]): string[] {
  if (!existsSync(directory)) return [];
  const names = new Set(drawn.map((d) => `${d.name}.svg`));
  return readdirSync(directory).filter((file) => file.endsWith('.svg') && !names.has(file));
}
