import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '@shopeasy/service-kit/errors';
import type { StockEvents } from './inventory-ports.js';
import type { Money, Product, ProductRecord } from './model.js';
import type { CatalogStore } from './ports.js';
import { MAX_PRICE } from './sort-keys.js';
import { publishAfterCommit, stockEvents } from './stock-events.js';
import { productTokens } from './tokenize.js';

export interface ProductDeps {
  store: CatalogStore;
  /** The one currency the catalog prices in (ISO 4217). */
  currency: string;
  now: () => string;
  newId: (prefix: string) => string;
  /** Committed stock changes go to the inventory stream. */
  events: StockEvents;
}

export interface NewProduct {
  categoryId: string;
  name: string;
  description: string;
  price: Money;
  stock: number;
}

export type ProductPatch = Partial<Pick<Product, 'categoryId' | 'name' | 'description' | 'price' | 'active'>>;

/** Writes with retries when a concurrent change wins the conditional write. */
const MAX_ATTEMPTS = 3;

/** The product as the API shows it. */
export function toProduct({ tokens: _tokens, version: _version, ...product }: ProductRecord): Product {
  return product;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Product ${id} does not exist.`);
}

function unknownCategory(id: string): UnprocessableError {
  return new UnprocessableError(`Category ${id} does not exist.`, [
    { field: 'body.categoryId', message: `category ${id} does not exist` },
  ]);
}

function checkText(
  field: 'name' | 'description',
  value: string | undefined,
  required: boolean,
): string | undefined {
  const trimmed = value?.trim();
  if (trimmed === '' && required)
    throw new ValidationError('The request is not valid.', [
      { field: `body.${field}`, message: 'must not be blank' },
    ]);
  return trimmed;
}

function checkPrice(price: Money | undefined, currency: string): void {
  if (price === undefined) return;
  const errors = [];
  if (price.currency !== currency)
    errors.push({ field: 'body.price.currency', message: `must be ${currency}, the catalog's currency` });
  if (price.amount > MAX_PRICE)
    errors.push({ field: 'body.price.amount', message: `must be at most ${MAX_PRICE}` });
  if (errors.length > 0) throw new UnprocessableError('The price cannot be used.', errors);
}

export async function createProduct(deps: ProductDeps, input: NewProduct): Promise<Product> {
  const name = checkText('name', input.name, true) as string;
  const description = checkText('description', input.description, false) as string;
  checkPrice(input.price, deps.currency);
  const now = deps.now();
  const record: ProductRecord = {
    id: deps.newId('prd'),
    categoryId: input.categoryId,
    name,
    description,
    price: { amount: input.price.amount, currency: input.price.currency },
    stock: input.stock,
    active: true,
    rating: { average: 0, count: 0 },
    availability: { inCarts: 0, updatedAt: now },
    createdAt: now,
    updatedAt: now,
    tokens: productTokens(name, description),
    version: 1,
  };
  if ((await deps.store.createProduct(record)) === 'unknown-category')
    throw unknownCategory(input.categoryId);
  await publishStockSet(deps, record.id, record.stock, record.stock);
  return toProduct(record);
}

/** An active product; inactive and deleted ones are not found. */
export async function getProduct(store: CatalogStore, id: string): Promise<Product> {
  const record = await store.getProduct(id);
  if (!record?.active) throw notFound(id);
  return toProduct(record);
}

export async function updateProduct(deps: ProductDeps, id: string, patch: ProductPatch): Promise<Product> {
  const name = checkText('name', patch.name, true);
  const description = checkText('description', patch.description, false);
  checkPrice(patch.price, deps.currency);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await deps.store.getProduct(id);
    if (!current) throw notFound(id);
    const next: ProductRecord = {
      ...current,
      ...patch,
      name: name ?? current.name,
      description: description ?? current.description,
      updatedAt: deps.now(),
      version: current.version + 1,
    };
    next.tokens = next.active ? productTokens(next.name, next.description) : [];
    const result = await deps.store.replaceProduct(current, next);
    if (result === 'unknown-category') throw unknownCategory(next.categoryId);
    // Stock may have moved meanwhile (it is written separately), so answer what is stored now.
    if (result === 'replaced') return toProduct((await deps.store.getProduct(id)) ?? next);
  }
  throw new ConflictError(`Product ${id} is being changed by someone else; try again.`);
}

/** Soft delete: the record stays as a tombstone, its index entries and tokens go. */
export async function deleteProduct(deps: ProductDeps, id: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await deps.store.getProduct(id);
    if (!current) throw notFound(id);
    if ((await deps.store.deleteProduct(current, deps.now())) === 'deleted') return;
  }
  throw new ConflictError(`Product ${id} is being changed by someone else; try again.`);
}

/** Sets the absolute stock level (retries are safe); works on inactive products too. */
export async function setStock(deps: ProductDeps, id: string, stock: number): Promise<Product> {
  const result = await deps.store.updateStock(id, { set: stock }, deps.now());
  if (result === undefined || result === 'insufficient') throw notFound(id);
  await publishStockSet(deps, id, stock - result.previousStock, result.product.stock);
  return toProduct(result.product);
}

function publishStockSet(deps: ProductDeps, productId: string, quantityDelta: number, stock: number) {
  return publishAfterCommit(
    deps.events,
    () => stockEvents(deps, 'stock.set', [{ productId, quantityDelta, stock }]),
    { type: 'stock.set', productId },
  );
}
