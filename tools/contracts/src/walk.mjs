/** Small helpers to walk and copy plain JSON trees. */

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function clone(value) {
  return structuredClone(value);
}

/** Calls visit(node, pathSegments) for every object and array in the tree, parents first. */
export function walk(node, visit, pathSegments = []) {
  if (node === null || typeof node !== 'object') return;
  visit(node, pathSegments);
  const entries = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [key, child] of entries) walk(child, visit, [...pathSegments, key]);
}

/** Returns a deep copy whose `$ref` strings went through mapRef. */
export function mapRefs(node, mapRef) {
  if (Array.isArray(node)) return node.map((v) => mapRefs(v, mapRef));
  if (!isObject(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? mapRef(value) : mapRefs(value, mapRef);
  }
  return out;
}

const unescape = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Resolves a local JSON pointer ref such as `#/components/schemas/Money`; undefined when absent. */
export function resolveLocalRef(doc, ref) {
  if (!ref.startsWith('#/')) return undefined;
  let node = doc;
  for (const segment of ref.slice(2).split('/').map(unescape)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = node[segment];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Deep equality for JSON values (key order ignored). */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** Copy of an object with its keys sorted (one level). */
export function sortKeys(obj) {
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, obj[k]]),
  );
}
