import { newId } from '@shopeasy/service-kit/ids';
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { unique } from './harness.js';

export interface ApiProduct {
  id: string;
  categoryId: string;
  name: string;
  description: string;
  price: { amount: number; currency: string };
  stock: number;
  active: boolean;
  rating: { average: number; count: number };
  availability?: { inCarts: number; updatedAt: string };
  createdAt: string;
  updatedAt: string;
}

export interface ApiPage<T> {
  items: T[];
  nextCursor?: string;
}

/** Creates a category as an admin and returns its id. */
export async function createCategory(h: Harness, name = unique('Category')): Promise<string> {
  const res = await h.call<{ id: string }>('POST', '/v1/categories', { token: h.adminToken, body: { name } });
  expect(res.status).toBe(201);
  return res.body.id;
}

export async function createProduct(
  h: Harness,
  categoryId: string,
  fields: Partial<{ name: string; description: string; amount: number; stock: number }> = {},
): Promise<ApiProduct> {
  const res = await h.call<ApiProduct>('POST', '/v1/products', {
    token: h.adminToken,
    body: {
      categoryId,
      name: fields.name ?? unique('Test Product'),
      description: fields.description ?? 'A product made for tests.',
      price: { amount: fields.amount ?? 1000, currency: 'EUR' },
      stock: fields.stock ?? 10,
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** Follows nextCursor from the first page to the last, returning every page. */
export async function allPages(h: Harness, path: string): Promise<ApiPage<ApiProduct>[]> {
  const pages: ApiPage<ApiProduct>[] = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const res = await h.call<ApiPage<ApiProduct>>(
      'GET',
      `${path}${cursor ? `${separator}cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

export const ids = (products: { id: string }[]) => products.map((p) => p.id);

export interface ApiReservation {
  reservationId: string;
  status: 'reserved' | 'confirmed' | 'released';
  items: {
    productId: string;
    name: string;
    quantity: number;
    unitPrice: { amount: number; currency: string };
  }[];
  createdAt: string;
}

export interface ApiProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export const orderId = () => newId('ord');

/** A reservation, or (on 4xx) a problem: tests read what the status says is there. */
type ReservationReply = ApiReservation & Partial<Pick<ApiProblem, 'type' | 'detail' | 'errors'>>;

/** Reserves stock through the internal API. */
export const reserve = (
  h: Harness,
  reservationId: string,
  items: { productId: string; quantity: number }[],
) =>
  h.internal<ReservationReply>('POST', '/internal/v1/stock-reservations', {
    reservationId,
    items,
  });

export const release = (h: Harness, reservationId: string) =>
  h.internal<ReservationReply>('POST', `/internal/v1/stock-reservations/${reservationId}/release`);

export const confirm = (h: Harness, reservationId: string) =>
  h.internal<ReservationReply>('POST', `/internal/v1/stock-reservations/${reservationId}/confirm`);

/** The stock a shopper sees now. */
export async function stockOf(h: Harness, productId: string): Promise<number> {
  const res = await h.call<ApiProduct>('GET', `/v1/products/${productId}`);
  expect(res.status).toBe(200);
  return res.body.stock;
}
