import { createHmac, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import type { GateTool } from './gate.js';
import { loadExampleRequests, type ExampleRequest } from './examples-bundle.js';

const BUNDLE = 'contracts/dist/shopeasy.openapi.json';

/**
 * The examples tell one story (Ada registers, shops for the seeded trail shoe, orders, reviews;
 * the admin edits the catalog), so they are sent in its order. A public operation missing here
 * fails the run: a new operation needs its place in the story.
 */
// prettier-ignore
const STORY = [
  'registerUser', 'login', 'getCurrentUser', 'updateCurrentUser', 'getJwks',
  'listCategories', 'createCategory', 'listCategoryProducts', 'listProducts', 'getProduct', 'listProductReviews',
  'addCartItem', 'getCart', 'updateCartItem', 'removeCartItem', 'clearCart', 'createGuestCart', 'mergeGuestCart',
  'createOrder', 'listOrders', 'getOrder', 'cancelOrder', 'shipOrder', 'receiveStripeWebhook',
  'createReview', 'getReview',
  'createProduct', 'updateProduct', 'setProductStock', 'deleteProduct',
  'refreshTokens', 'logout',
];

/** State an example needs first, made from the story's own examples (not checked themselves). */
const SETUP: Record<string, string[]> = {
  updateCartItem: ['addCartItem'],
  removeCartItem: ['addCartItem'],
  createOrder: ['addCartItem'],
  // Each order operation gets an order of its own: a cancelled order cannot ship, and back.
  getOrder: ['addCartItem', 'createOrder'],
  cancelOrder: ['addCartItem', 'createOrder'],
  shipOrder: ['addCartItem', 'createOrder'],
};

// The local stack's Stripe webhook secret (services/orders README): the webhook example is signed
// with it as Stripe signs its events (v1: HMAC-SHA256 of `<timestamp>.<body>`).
const LOCAL_WEBHOOK_SECRET = 'whsec_shopeasy_local';
function stripeSignature(payload: string): string {
  const timestamp = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', LOCAL_WEBHOOK_SECRET).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

// Values the stack mints at run time (ids, tokens): the example's value stands for the real one.
const MINTED = /^(usr|cat|prd|ord|rev)_[0-9A-Z]{26}$|^rt_|^gct_/;

interface Outcome {
  operationId: string;
  expected: number;
  got: number;
  detail?: string;
}

const xml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** One JUnit test case per example request, for the pipeline's junit step. */
function junit(outcomes: Outcome[], failures: number): string {
  const cases = outcomes.map((o) => {
    const name = `<testcase classname="examples" name="${o.operationId}"`;
    if (o.got === o.expected) return `  ${name}/>`;
    const message = xml(`expected ${o.expected}, got ${o.got}`);
    return `  ${name}><failure message="${message}">${xml(o.detail ?? '')}</failure></testcase>`;
  });
  const suite = `<testsuite name="examples" tests="${outcomes.length}" failures="${failures}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${suite}\n${cases.join('\n')}\n</testsuite>\n`;
}

/** Every example request of the public bundle, sent to the seeded stack, gets its example's status. */
export const examples: GateTool = async (target) => {
  const requests = loadExampleRequests(repoRoot(), BUNDLE);
  const missing = [...requests.keys()].filter((id) => !STORY.includes(id));
  const minted = new Map<string, string>();
  const tokens: Partial<Record<'admin' | 'customer', string>> = {};
  const substitute = (text: string) => {
    for (const [example, real] of minted) text = text.replaceAll(example, real);
    return text;
  };

  async function send(request: ExampleRequest, fixture: boolean) {
    const query = new URLSearchParams(
      Object.entries(request.query).map(([k, v]): [string, string] => [k, substitute(v)]),
    );
    const url = `${target.gatewayUrl}${substitute(request.path)}${query.size > 0 ? `?${query}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    for (const [name, value] of Object.entries(request.headers)) headers[name] = substitute(value);
    // A fixture order must not replay the example order under its idempotency key.
    if (fixture && 'Idempotency-Key' in headers) headers['Idempotency-Key'] = randomUUID();
    if (request.role) headers.authorization = `Bearer ${tokens[request.role]}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const sent = request.body === undefined ? undefined : substitute(JSON.stringify(request.body));
    if (request.operationId === 'receiveStripeWebhook' && sent)
      headers['Stripe-Signature'] = stripeSignature(sent);
    const response = await fetch(url, { method: request.method, headers, body: sent });
    const text = await response.text();
    const body =
      text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text;
    if (response.status === request.status) learn(request.responseExample, body);
    if (request.operationId === 'login' || request.operationId === 'refreshTokens')
      tokens.customer = (body as { accessToken?: string }).accessToken ?? tokens.customer;
    return { status: response.status, body };
  }

  /** Records which real value stands for each minted value of the example response. */
  function learn(example: unknown, real: unknown) {
    if (!example || !real || typeof example !== 'object' || typeof real !== 'object') return;
    for (const [key, value] of Object.entries(example)) {
      const actual = (real as Record<string, unknown>)[key];
      if (typeof value === 'string' && MINTED.test(value) && typeof actual === 'string')
        minted.set(value, actual);
    }
  }

  const admin = await fetch(`${target.gatewayUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(target.admin),
  });
  tokens.admin = ((await admin.json()) as { accessToken: string }).accessToken;

  const outcomes: Outcome[] = [];
  for (const operationId of STORY) {
    const request = requests.get(operationId);
    if (!request) continue;
    for (const step of SETUP[operationId] ?? []) await send(requests.get(step)!, true);
    const { status, body } = await send(request, false);
    outcomes.push({
      operationId,
      expected: request.status,
      got: status,
      ...(status === request.status ? {} : { detail: JSON.stringify(body).slice(0, 400) }),
    });
  }

  const dir = target.reportDir('examples');
  const wrong = outcomes.filter((o) => o.got !== o.expected);
  writeFileSync(join(dir, 'junit.xml'), junit(outcomes, wrong.length));
  for (const o of wrong)
    console.error(`examples: ${o.operationId} expected ${o.expected}, got ${o.got}: ${o.detail}`);
  for (const id of missing)
    console.error(`examples: ${id} has no place in the story (tests/contract/src/examples.ts)`);
  const matched = outcomes.length - wrong.length;
  return {
    tool: 'examples',
    ok: wrong.length === 0 && missing.length === 0 && outcomes.length > 0,
    summary:
      `${outcomes.length} requests, ${matched} got their example's status` +
      (missing.length > 0 ? `; not in the story: ${missing.join(', ')}` : ''),
  };
};
