// Which event types a component's code names, written short: `order.*` when it names them all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the inventory events' types are declared. */
export const INVENTORY_EVENTS = 'packages/events/src/inventory-events.ts';

/** The inventory event types, read from their declaration (`'cart.item.added' | …`). */
export function inventoryEventTypes(root: string): string[] {
  const text = readFileSync(join(root, INVENTORY_EVENTS), 'utf8');
  const types = [...text.matchAll(/'([a-z]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1] ?? '');
  return [...new Set(types)].sort();
}

/** The domain events a component publishes: `domainEvent('order.paid', …)` in its code. */
export function publishedDomainEvents(source: string, known: readonly string[]): string[] {
  const found = [...source.matchAll(/domainEvent\(\s*'([a-z_.]+)'/g)].map((m) => m[1] ?? '');
  return known.filter((type) => found.includes(type));
}

/** The known types a component's code names as string literals. */
export function namedTypes(source: string, known: readonly string[]): string[] {
  return known.filter((type) => source.includes(`'${type}'`));
}

/** Types grouped by all but their last part: a complete group of two or more becomes `prefix.*`. */
export function shorten(types: readonly string[], known: readonly string[]): string[] {
  const prefix = (type: string) => type.slice(0, type.lastIndexOf('.'));
  const out: string[] = [];
  for (const group of [...new Set(types.map(prefix))].sort()) {
    const all = known.filter((t) => prefix(t) === group);
    const mine = types.filter((t) => prefix(t) === group);
    if (all.length > 1 && mine.length === all.length) out.push(`${group}.*`);
    else out.push(...[...mine].sort());
  }
  return out;
}
