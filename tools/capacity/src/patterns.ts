// Partition and item keys normalised to patterns by the ShopEasy ids in them.

/** What a pattern's variable part names; it decides how hot the hottest value gets. */
export type Variable = 'product' | 'category' | 'user' | 'order' | 'event' | 'review' | 'unique' | 'observed';

// newId(prefix) in packages/service-kit/src/ids.ts: `<prefix>_<ULID>`. The prefixes in use:
// services/catalog (prd, cat, evt), users (usr), orders (ord; a reservation id is its order id),
// feedback (rev), cart (evt).
const PREFIXES: Record<string, Exclude<Variable, 'unique' | 'observed'>> = {
  prd: 'product',
  cat: 'category',
  usr: 'user',
  ord: 'order',
  evt: 'event',
  rev: 'review',
};
// An id may be followed by a suffix of its own (`EVENT#evt_…_paid`): only another letter or digit ends the match.
const ID = /\b([a-z]{2,5})_([0-9A-HJKMNP-TV-Z]{26})(?![0-9A-Za-z])/g;
// One per request or per token: idempotency keys (UUID) and token hashes (hex).
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HASH = /\b[0-9a-f]{40,}\b/gi;

// The narrowest id decides: `CART#<user>|ITEM#<product>` is as hot as one shopper's cart gets.
const PRECEDENCE: Variable[] = ['unique', 'order', 'event', 'review', 'user', 'product', 'category'];

export interface KeyPattern {
  pattern: string;
  variable: Variable;
}

/**
 * `PRODUCT#prd_01J…` → `PRODUCT#<product>`; an unknown prefix becomes `<xyz>` (one per entity);
 * keys without ids (`PRODUCTS`, `RESERVATIONS#OPEN`, `TOKEN#sh`, `PRODUCTS#3`) stay as observed.
 */
export function normaliseKey(key: string): KeyPattern {
  const found = new Set<Variable>();
  const pattern = key
    .replace(ID, (_, prefix: string) => {
      const variable = PREFIXES[prefix] ?? 'unique';
      found.add(variable);
      return `<${PREFIXES[prefix] ?? prefix}>`;
    })
    .replace(UUID, () => (found.add('unique'), '<uuid>'))
    .replace(HASH, () => (found.add('unique'), '<hash>'));
  const variable = PRECEDENCE.find((v) => found.has(v)) ?? 'observed';
  return { pattern, variable };
}
