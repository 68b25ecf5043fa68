import type { Handlers } from '@shopeasy/service-kit/http';
import type { operations } from '@shopeasy/api-client/types/catalog';
import { listCategoryProducts, listProducts } from '../domain/browse.js';
import { createCategory, listCategories } from '../domain/categories.js';
import type { ReservationStore } from '../domain/inventory-ports.js';
import type { ProductSort, Reservation } from '../domain/model.js';
import {
  createProduct,
  deleteProduct,
  getProduct,
  setStock,
  updateProduct,
  type ProductDeps,
} from '../domain/products.js';
import { confirmStock, releaseStock, reserveStock, type ReservationDeps } from '../domain/reservations.js';
import { PUBLIC_READ_HEADERS as cacheable } from './read-cache.js';

/** The contract's default page size and order (openapi-backend does not fill in defaults). */
const DEFAULT_LIMIT = 20;
const DEFAULT_SORT: ProductSort = 'newest';

function page(query: { sort?: ProductSort; limit?: number; cursor?: string }) {
  return { sort: query.sort ?? DEFAULT_SORT, limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor };
}

/** A reservation as the contract shows it. */
function reservationView({
  releasedAt: _releasedAt,
  confirmedAt: _confirmedAt,
  expiresAt: _expiresAt,
  ...reservation
}: Reservation) {
  return reservation;
}

/** Thin HTTP handlers: the validated request in, a use case, the contract's reply out. */
export function catalogHandlers(
  deps: ProductDeps & {
    store: ProductDeps['store'] & ReservationStore;
    reservationTtlSeconds: number;
    metrics?: ReservationDeps['metrics'];
  },
): Handlers<operations> {
  const { store } = deps;
  return {
    listCategories: async ({ query }) => ({
      status: 200,
      headers: cacheable,
      body: await listCategories(store, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor }),
    }),
    createCategory: async ({ body }) => ({
      status: 201,
      body: await createCategory(store, body, deps.newId),
    }),
    listCategoryProducts: async ({ params, query }) => ({
      status: 200,
      headers: cacheable,
      body: await listCategoryProducts(store, params.categoryId, page(query)),
    }),
    listProducts: async ({ query }) => ({
      status: 200,
      headers: cacheable,
      body: await listProducts(store, {
        ...page(query),
        q: query.q,
        categoryId: query.categoryId,
        minPrice: query.minPrice,
        maxPrice: query.maxPrice,
      }),
    }),
    createProduct: async ({ body }) => ({ status: 201, body: await createProduct(deps, body) }),
    getProduct: async ({ params }) => ({
      status: 200,
      headers: cacheable,
      body: await getProduct(store, params.productId),
    }),
    updateProduct: async ({ params, body }) => ({
      status: 200,
      body: await updateProduct(deps, params.productId, body),
    }),
    deleteProduct: async ({ params }) => {
      await deleteProduct(deps, params.productId);
      return { status: 204 };
    },
    setProductStock: async ({ params, body }) => ({
      status: 200,
      body: await setStock(deps, params.productId, body.stock),
    }),
    reserveStock: async ({ body }) => {
      const { created, reservation } = await reserveStock(deps, body);
      return { status: created ? 201 : 200, body: reservationView(reservation) };
    },
    releaseStock: async ({ params }) => ({
      status: 200,
      body: reservationView(await releaseStock(deps, params.reservationId)),
    }),
    confirmStock: async ({ params }) => ({
      status: 200,
      body: reservationView(await confirmStock(deps, params.reservationId)),
    }),
  };
}
