import { randomUUID } from 'node:crypto';
import * as api from '@shopeasy/api-client';

/** Generated API clients through the gateway; every call gives up after `timeoutMs`. */
export function clients(baseUrl: string, accessToken?: string, timeoutMs = 30_000) {
  const configuration = new api.Configuration({
    basePath: baseUrl,
    fetchApi: (...[input, init]: Parameters<typeof fetch>) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
  return {
    auth: new api.AuthApi(configuration),
    categories: new api.CategoriesApi(configuration),
    products: new api.ProductsApi(configuration),
    cart: new api.CartApi(configuration),
    orders: new api.OrdersApi(configuration),
  };
}

export type Clients = ReturnType<typeof clients>;

export interface Shopper {
  userId: string;
  accessToken: string;
  api: Clients;
}

/** Registers a fresh customer and logs in. */
export async function newShopper(baseUrl: string, name: string): Promise<Shopper> {
  const email = `load-${randomUUID()}@example.com`;
  const password = 'load-harness-shopper-password';
  const anonymous = clients(baseUrl);
  const user = await anonymous.auth.registerUser({ registerRequest: { email, password, name } });
  const tokens = await anonymous.auth.login({ loginRequest: { email, password } });
  return { userId: user.id, accessToken: tokens.accessToken, api: clients(baseUrl, tokens.accessToken) };
}

/** The admin the users service creates at start-up from ADMIN_EMAIL and ADMIN_PASSWORD. */
export async function adminClients(
  baseUrl: string,
  admin: { email: string; password: string },
): Promise<Clients> {
  const tokens = await clients(baseUrl).auth.login({ loginRequest: admin });
  return clients(baseUrl, tokens.accessToken);
}

/** What the scenarios load: the seeded categories and products, found through the API. */
export interface CatalogSample {
  categoryIds: string[];
  products: { id: string; name: string; stock: number }[];
}

export async function discoverCatalog(anonymous: Clients): Promise<CatalogSample> {
  const categories = await anonymous.categories.listCategories({ limit: 100 });
  const pages = await mapLimit(categories.items, 4, (c) =>
    anonymous.products.listCategoryProducts({ categoryId: c.id, limit: 100 }),
  );
  return {
    // Empty categories (a checkout run's, once its product is deleted) are not part of the catalog to load.
    categoryIds: categories.items.filter((_, i) => pages[i]!.items.length > 0).map((c) => c.id),
    products: pages.flatMap((p) => p.items.map(({ id, name, stock }) => ({ id, name, stock }))),
  };
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Status of a failed generated-client call, or the error's message. */
export function describeFailure(error: unknown): string {
  if (error instanceof api.ResponseError) return `HTTP ${error.response.status} from ${error.response.url}`;
  return error instanceof Error ? error.message : String(error);
}
