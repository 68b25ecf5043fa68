// Every diagram is one module under src/diagrams/ exporting `diagram`: adding a file adds a picture.
import { readdirSync } from 'node:fs';
import type { Diagram } from './diagram.js';

const DIRECTORY = new URL('./diagrams/', import.meta.url);

/** Every diagram, by name. */
export async function allDiagrams(): Promise<Diagram[]> {
  // Sources under tsx, compiled files from dist/: whichever this module was loaded as.
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const files = readdirSync(DIRECTORY)
    .filter((file) => file.endsWith(extension) && !file.endsWith('.d.ts'))
    .sort();
  const diagrams: Diagram[] = [];
  for (const file of files) {
    const module = (await import(new URL(file, DIRECTORY).href)) as { diagram?: Diagram };
    if (!module.diagram) throw new Error(`src/diagrams/${file} exports no \`diagram\``);
    diagrams.push(module.diagram);
  }
  const names = new Set(diagrams.map((d) => d.name));
  if (names.size !== diagrams.length) throw new Error('two diagrams share a name');
  return diagrams.sort((a, b) => a.name.localeCompare(b.name));
}
