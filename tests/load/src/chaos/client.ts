// How the chaos traffic talks to the gateway: as a careful client would, it sends a request again
// on no answer, a 5xx or a 429 (after Retry-After), with the same Idempotency-Key where there is one.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Recorder, TrafficKind } from './recorder.js';

export interface Answer {
  status: number;
  body: string;
  headers: Headers;
}

export interface Client {
  readonly recorder: Recorder;
  readonly gatewayUrl: string;
  /** Stops retrying: the run is over. */
  readonly stopped: () => boolean;
}

const RETRY_FOR_MS = 60_000;

/** Whether an answer should be asked for again: nothing, a 5xx, a throttle or a checkout still running. */
function again(answer: Answer | undefined): boolean {
  if (!answer) return true;
  if (answer.status >= 500 || answer.status === 429) return true;
  return answer.status === 409 && answer.body.includes('checkout-in-progress');
}

/** Sends until an answer is final (see `again`) or a minute went by; the last answer, if any. */
export async function persist(
  client: Client,
  kind: TrafficKind,
  path: string,
  init: { method?: string; token?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<Answer | undefined> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  const request = {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  };
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    const answer = await client.recorder.send(kind, `${client.gatewayUrl}${path}`, request);
    if (!again(answer) || Date.now() > deadline) return answer;
    const retryAfter = Number(answer?.headers.get('retry-after') ?? 0);
    await sleep(retryAfter > 0 ? Math.min(retryAfter, 3) * 1000 : 300);
  }
}

export function json<T>(answer: Answer | undefined): T | undefined {
  if (!answer || answer.status >= 300) return undefined;
  return JSON.parse(answer.body) as T;
}

export interface Account {
  email: string;
  token: string;
}

const PASSWORD = 'chaos-shopper-password';

/** A new customer, registered and logged in (a retried registration that had landed logs in). */
export async function newAccount(client: Client, name: string): Promise<Account> {
  const email = `chaos-${randomUUID()}@example.com`;
  const registered = await persist(client, 'register', '/v1/auth/register', {
    method: 'POST',
    body: { email, password: PASSWORD, name },
  });
  if (!registered || (registered.status !== 201 && registered.status !== 409))
    throw new Error(`registering ${email} answered ${registered?.status ?? 'nothing'}`);
  return { email, token: await login(client, email, PASSWORD) };
}

export async function login(client: Client, email: string, password: string): Promise<string> {
  const answer = await persist(client, 'register', '/v1/auth/login', {
    method: 'POST',
    body: { email, password },
  });
  const tokens = json<{ accessToken: string }>(answer);
  if (!tokens) throw new Error(`logging in ${email} answered ${answer?.status ?? 'nothing'}`);
  return tokens.accessToken;
}
