import type autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import type { Shopper } from '../src/api.js';
import type { LabelledRequest } from '../src/run-load.js';
import { browseRequests, cartRequests, searchTerms } from '../src/scenarios.js';

/** Builds the next request of a sequence the way autocannon does: setupRequest with the connection's context. */
function build(request: LabelledRequest, context: object): autocannon.Request {
  const setup = request.setupRequest;
  if (typeof setup !== 'function') throw new Error('expected a setupRequest function');
  return setup({}, context);
}

function answer(request: LabelledRequest, status: number, body: unknown, context: object): void {
  if (typeof request.onResponse === 'function') request.onResponse(status, JSON.stringify(body), context, {});
}

describe('Browse requests', () => {
  it('When a page has a nextCursor, then the next request asks for the same listing with that cursor', () => {
    const [page1, page2, page3] = browseRequests(['cat_a', 'cat_b']);
    const context = {};
    expect(build(page1!, context).path).toBe('/v1/categories/cat_a/products?limit=20&sort=newest');
    answer(page1!, 200, { items: [], nextCursor: 'abc/+=' }, context);
    expect(build(page2!, context).path).toBe(
      '/v1/categories/cat_a/products?limit=20&sort=newest&cursor=abc%2F%2B%3D',
    );
    answer(page2!, 200, { items: [] }, context);
    // Last page reached: start over with the next category and sort.
    expect(build(page3!, context).path).toBe('/v1/categories/cat_b/products?limit=20&sort=newest');
  });

  it('When connections start one after another, then they cover every category in every sort', () => {
    const [page1] = browseRequests(['cat_a', 'cat_b']);
    const paths = Array.from({ length: 8 }, () => build(page1!, {}).path);
    expect(new Set(paths).size).toBe(8);
    expect(paths.filter((p) => p?.endsWith('sort=rating'))).toHaveLength(2);
  });

  it('When a page fails, then the next request does not follow a stale cursor', () => {
    const [page1, page2] = browseRequests(['cat_a']);
    const context = {};
    build(page1!, context);
    answer(page1!, 200, { nextCursor: 'c1' }, context);
    build(page2!, context);
    answer(page2!, 503, { status: 503 }, context);
    expect(build(page2!, context).path).not.toContain('cursor=');
  });
});

describe('Cart requests', () => {
  const shoppers = ['t1', 't2', 't3'].map((accessToken) => ({ accessToken }) as Shopper);

  it('When connections add at the same time, then each uses its own shopper, and removes what it added', () => {
    const [add, remove] = cartRequests(shoppers, ['prd_1', 'prd_2']);
    const contexts = [{}, {}, {}];
    const adds = contexts.map((c) => build(add!, c));
    const tokens = adds.map((r) => r.headers?.authorization);
    expect(new Set(tokens).size).toBe(3);
    expect(adds[0]).toMatchObject({ method: 'POST', path: '/v1/cart/items' });
    expect(JSON.parse(String(adds[1]!.body))).toEqual({ productId: 'prd_2', quantity: 1 });
    const removal = build(remove!, contexts[1]!);
    expect(removal).toMatchObject({ method: 'DELETE', path: '/v1/cart/items/prd_2' });
    expect(removal.headers?.authorization).toBe(tokens[1]);
  });

  it('When a connection finishes its removal, then its shopper is free for the next add', () => {
    const [add, remove] = cartRequests(shoppers.slice(0, 1), ['prd_1']);
    const first = {};
    build(add!, first);
    build(remove!, first);
    answer(remove!, 200, {}, first);
    expect(build(add!, {}).headers?.authorization).toBe('Bearer t1');
  });
});

describe('Search terms', () => {
  it('When product names share words, then the most used words of four letters or more come first', () => {
    const names = ['Classic Oak Chair', 'Classic Steel Lamp', 'Modern Steel Chair', 'Pro Oak Desk'];
    expect(searchTerms(names, 3)).toEqual(['chair', 'classic', 'steel']);
  });
});
