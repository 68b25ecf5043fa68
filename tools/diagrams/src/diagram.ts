// What every diagram is: a name, a title, the page it illustrates and a Graphviz DOT source built
// only from ShopEasy's sources of truth, so that the same sources always draw the same picture.

/** Where a diagram reads its sources from. */
export interface DiagramContext {
  /** The repository root. */
  readonly root: string;
  /** A synthesized cloud assembly (every environment), e.g. infra/cdk.out. */
  readonly assembly: string;
}

export interface Diagram {
  /** The SVG's file name under confluence-docs/diagrams/, without `.svg` (kebab-case). */
  readonly name: string;
  /** One line saying what the picture shows, written into the SVG's <title>. */
  readonly title: string;
  /** Builds the DOT source. It reads files and runs nothing; the same inputs give the same text. */
  dot(context: DiagramContext): Promise<string> | string;
}
