/** The services a smoke run can be limited to (the x-shopeasy-service of each operation). */
export const SERVICES = ['users', 'catalog', 'cart', 'orders', 'feedback'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Ids an earlier check found, for the checks whose path needs one. */
export interface Found {
  categoryId?: string;
  productId?: string;
}

/**
 * One unauthenticated GET: the operation it calls, its path (undefined = skipped, nothing to call
 * it with), the status a healthy release answers, and what it tells later checks.
 */
export interface ReadCheck {
  readonly service: ServiceName;
  readonly operationId: string;
  readonly path: (found: Found) => string | undefined;
  readonly status: number;
  readonly learn?: (body: unknown, found: Found) => void;
}

// Well-formed ids that no record has (ULID of time zero).
const NO_PRODUCT = 'prd_00000000000000000000000000';
const firstId = (body: unknown) => (body as { items?: { id?: string }[] } | undefined)?.items?.[0]?.id;

/**
 * The contract checks of each service's read operations: every public GET, with a record when
 * one exists, plus one secured GET without a token (the 401 the contract promises).
 */
export const READ_CHECKS: readonly ReadCheck[] = [
  { service: 'users', operationId: 'getJwks', path: () => '/v1/.well-known/jwks.json', status: 200 },
  { service: 'users', operationId: 'getCurrentUser', path: () => '/v1/users/me', status: 401 },
  {
    service: 'catalog',
    operationId: 'listCategories',
    path: () => '/v1/categories',
    status: 200,
    learn: (body, found) => void (found.categoryId = firstId(body)),
  },
  {
    service: 'catalog',
    operationId: 'listProducts',
    path: () => '/v1/products?limit=5',
    status: 200,
    learn: (body, found) => void (found.productId = firstId(body)),
  },
  {
    service: 'catalog',
    operationId: 'getProduct',
    path: ({ productId }) => productId && `/v1/products/${productId}`,
    status: 200,
  },
  { service: 'catalog', operationId: 'getProduct', path: () => `/v1/products/${NO_PRODUCT}`, status: 404 },
  {
    service: 'catalog',
    operationId: 'listCategoryProducts',
    path: ({ categoryId }) => categoryId && `/v1/categories/${categoryId}/products?limit=5`,
    status: 200,
  },
  { service: 'cart', operationId: 'getCart', path: () => '/v1/cart', status: 401 },
  { service: 'orders', operationId: 'listOrders', path: () => '/v1/orders', status: 401 },
  {
    service: 'feedback',
    operationId: 'listProductReviews',
    path: ({ productId }) => `/v1/products/${productId ?? NO_PRODUCT}/reviews?limit=5`,
    status: 200,
  },
];
