// Preloaded (`--import`, after tsx) into a process that the stack spawns before all it needs
// answers: loads the modules its entry point imports, tells the stack (IPC), waits for the
// environment to add, and returns. Node then runs the entry point, whose imports are loaded.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Sent by the process once loaded. */
export interface WarmLoaded {
  loaded: true;
}

/** Sent by the stack when the process may run: variables known only now (e.g. provisioned resources). */
export interface WarmGo {
  env: Record<string, string>;
}

// Static imports, type-only ones included (harmless); an import clause holds no quote or semicolon.
const STATIC_IMPORT = /^import\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

const entry = process.argv[1];
const send = process.send?.bind(process);
if (!entry || !send) throw new Error('warm-start needs an entry point and an IPC channel to the stack');
const base = pathToFileURL(entry);
const specifiers = [...readFileSync(entry, 'utf8').matchAll(STATIC_IMPORT)].map((m) => m[1]!);
// Best effort: a module that fails to load here fails again, with its error, when the entry imports it.
await Promise.allSettled(specifiers.map((s) => import(s.startsWith('.') ? new URL(s, base).href : s)));

const orphaned = () => process.exit(0); // the stack is gone: there is nothing to run for
const go = await new Promise<WarmGo>((resolve) => {
  process.once('message', (message) => resolve(message as WarmGo));
  process.once('disconnect', orphaned);
  send({ loaded: true } satisfies WarmLoaded);
});
process.off('disconnect', orphaned);
Object.assign(process.env, go.env);
// Nothing more comes; an open channel would keep the process alive after the entry point is done.
process.disconnect();
