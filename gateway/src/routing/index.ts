import { readFile } from 'node:fs/promises';
import { compileRoutes } from './compile.js';
import { RouteTable } from './route-table.js';

export type { Route } from './compile.js';
export { compileRoutes } from './compile.js';
export { RouteTable, type RouteMatch } from './route-table.js';

/** Reads the API Gateway flavour of the bundled contract (`npm run contracts:bundle` writes it). */
export async function readApiDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`The API document ${path} does not exist; run \`npm run contracts:bundle\` first.`, {
      cause: error,
    });
  }
  return JSON.parse(text) as unknown;
}

/** The route table of an API document, with each `<service>Host` stage variable resolved to a base URL. */
export function buildRouteTable(
  document: unknown,
  stageVariables: Readonly<Record<string, string>>,
): RouteTable {
  return new RouteTable(compileRoutes(document, stageVariables));
}
