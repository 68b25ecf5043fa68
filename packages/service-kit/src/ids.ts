import { ulid } from 'ulid';

/** Sortable, prefixed ids such as `prd_01JD3...`: the prefix tells what an id names. */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}
