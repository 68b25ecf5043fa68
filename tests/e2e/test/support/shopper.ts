import { randomUUID } from 'node:crypto';
import * as api from '@shopeasy/api-client';

/** Typed API clients through the gateway, as a shopper's app or a partner would use them. */
export function clients(baseUrl: string, accessToken?: string) {
  const configuration = new api.Configuration({
    basePath: baseUrl,
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
  return {
    auth: new api.AuthApi(configuration),
    users: new api.UsersApi(configuration),
    categories: new api.CategoriesApi(configuration),
    products: new api.ProductsApi(configuration),
    cart: new api.CartApi(configuration),
    orders: new api.OrdersApi(configuration),
    reviews: new api.ReviewsApi(configuration),
  };
}

export type Clients = ReturnType<typeof clients>;

export interface Shopper {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  api: Clients;
}

/** Registers a fresh customer and logs in. */
export async function newShopper(baseUrl: string, name = 'E2E Shopper'): Promise<Shopper> {
  const email = `shopper-${randomUUID()}@example.com`;
  const password = 'correct-horse-battery-staple';
  const anonymous = clients(baseUrl);
  const user = await anonymous.auth.registerUser({ registerRequest: { email, password, name } });
  const tokens = await anonymous.auth.login({ loginRequest: { email, password } });
  return {
    email,
    password,
    userId: user.id,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    api: clients(baseUrl, tokens.accessToken),
  };
}

/**
 * The stack's admin, created by the users service at start-up from the ADMIN_EMAIL and
 * ADMIN_PASSWORD it was given (the stack's `env` holds both).
 */
export async function admin(baseUrl: string, env: Readonly<Record<string, string>>): Promise<Clients> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = env;
  if (!email || !password) throw new Error('The stack env has no ADMIN_EMAIL or ADMIN_PASSWORD');
  const tokens = await clients(baseUrl).auth.login({ loginRequest: { email, password } });
  return clients(baseUrl, tokens.accessToken);
}

/** Status and problem body of a failed call through the generated client. */
export async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; problem: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof api.ResponseError) {
      const text = await error.response.text();
      return { status: error.response.status, problem: text ? JSON.parse(text) : {} };
    }
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
