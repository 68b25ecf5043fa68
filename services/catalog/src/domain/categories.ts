import { ConflictError, ValidationError } from '@shopeasy/service-kit/errors';
import { categoryCursor, categoryCursorKey } from './cursor.js';
import type { Category } from './model.js';
import type { CategoryStore } from './ports.js';

/** The form of a name that must be unique: "Running  Shoes" and "running shoes" are one name. */
export function categoryNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Categories list by name; the id keeps equal sort names apart. */
export function categorySortKey(name: string, id: string): string {
  return `${categoryNameKey(name)}#${id}`;
}

export async function createCategory(
  store: CategoryStore,
  input: { name: string; description?: string },
  newId: (prefix: string) => string,
): Promise<Category> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') {
    throw new ValidationError('The request is not valid.', [
      { field: 'body.name', message: 'must not be blank' },
    ]);
  }
  const description = input.description?.trim();
  const category: Category = { id: newId('cat'), name, ...(description ? { description } : {}) };
  const result = await store.createCategory(
    category,
    categoryNameKey(name),
    categorySortKey(name, category.id),
  );
  if (result === 'name-taken') {
    throw new ConflictError(`A category named "${name}" already exists.`, [
      { field: 'body.name', message: 'is already used by another category' },
    ]);
  }
  return category;
}

export async function listCategories(
  store: CategoryStore,
  query: { limit: number; cursor?: string },
): Promise<{ items: Category[]; nextCursor?: string }> {
  const slice = await store.listCategories({ limit: query.limit, after: categoryCursorKey(query.cursor) });
  const items = slice.items.map(({ sortKey: _sortKey, ...category }) => category);
  const last = slice.items.at(-1);
  return slice.more && last ? { items, nextCursor: categoryCursor(last.sortKey) } : { items };
}
