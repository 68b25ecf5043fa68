import path from 'node:path';
import { SHARED_FILE } from './domains.mjs';
import { walk } from './walk.mjs';

function refsIn(node) {
  const refs = [];
  walk(node, (n) => {
    if (!Array.isArray(n) && typeof n.$ref === 'string') refs.push(n.$ref);
  });
  return refs;
}

/** `./shared.yaml#/components/x/y` -> `/components/x/y`; undefined for refs elsewhere. */
function sharedPointer(ref, inShared) {
  const [file, pointer = ''] = ref.split('#');
  if (file === '' ? inShared : path.posix.normalize(file) === SHARED_FILE) return pointer;
  return undefined;
}

/**
 * Shared components that no domain document uses, directly or through another shared component.
 * Spectral's unused-component rule cannot see across documents, so this check stands in for it.
 * @returns {string[]} pointers such as `/components/schemas/Money`
 */
export function findUnusedSharedComponents({ shared, domains }) {
  const reached = new Set();
  const queue = domains.flatMap(({ doc }) => refsIn(doc).map((r) => sharedPointer(r, false))).filter(Boolean);
  while (queue.length > 0) {
    const pointer = queue.pop();
    if (reached.has(pointer)) continue;
    reached.add(pointer);
    const [, , section, name] = pointer.split('/');
    const target = shared.components?.[section]?.[name];
    if (target)
      queue.push(
        ...refsIn(target)
          .map((r) => sharedPointer(r, true))
          .filter(Boolean),
      );
  }
  const unused = [];
  for (const [section, entries] of Object.entries(shared.components ?? {})) {
    for (const name of Object.keys(entries)) {
      if (!reached.has(`/components/${section}/${name}`)) unused.push(`/components/${section}/${name}`);
    }
  }
  return unused;
}
