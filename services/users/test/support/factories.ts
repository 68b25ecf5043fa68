import { randomUUID } from 'node:crypto';
import { call } from './http.js';

export interface Customer {
  email: string;
  password: string;
  name: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

/** A customer nobody else uses: every test makes its own. */
export function newCustomer(overrides: Partial<Customer> = {}): Customer {
  const id = randomUUID();
  return {
    email: `shopper-${id}@example.com`,
    password: `pw-${id.slice(0, 18)}`,
    name: 'Ada Lovelace',
    ...overrides,
  };
}

export async function register(url: string, customer: Customer = newCustomer()) {
  const reply = await call(url, 'POST', '/v1/auth/register', { body: customer });
  if (reply.status !== 201)
    throw new Error(`registration failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { customer, user: reply.body as { id: string; email: string; name: string; role: string } };
}

export function login(url: string, credentials: { email: string; password: string }) {
  const { email, password } = credentials;
  return call<TokenPair>(url, 'POST', '/v1/auth/login', { body: { email, password } });
}

/** A registered, logged-in customer with a fresh token pair. */
export async function signedInCustomer(url: string) {
  const { customer, user } = await register(url);
  const reply = await login(url, customer);
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status}`);
  return { customer, user, tokens: reply.body };
}

/**
 * A login as the edge forwards it for the client at `address` (X-ShopEasy-Client-Ip), behind the
 * hops in `forwardedFor` (in AWS the last is the VPC link's, the same for every client).
 */
export async function loginFrom(
  url: string,
  credentials: { email: string; password: string },
  address: string,
  forwardedFor = '10.0.128.9',
) {
  const { email, password } = credentials;
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopeasy-client-ip': address,
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0), body };
}
