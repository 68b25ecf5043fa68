// DOT to SVG with Graphviz compiled to WebAssembly: no browser, no native binary, the same output
// on every machine (the version is pinned, and the comment naming it is kept as the record).
import { Graphviz } from '@hpcc-js/wasm-graphviz';

let graphviz: Promise<Graphviz> | undefined;

/** The SVG Graphviz's `dot` layout draws from a DOT source. */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  const svg = (await graphviz).dot(dot, 'svg');
  // Graphviz ends a file without a newline; the committed files end with one, as Prettier expects.
  return svg.endsWith('\n') ? svg : `${svg}\n`;
}
