import { describe, expect, it } from 'vitest';
import {
  checkCheckouts,
  checkEmails,
  checkInCarts,
  checkQueues,
  checkReviews,
  type RaceReadback,
} from '../src/chaos/invariants.js';
import type { Race } from '../src/chaos/race.js';

const buyer = (email: string, checkout: number) => ({
  account: { email, token: 't' },
  idempotencyKey: `key-${email}`,
  checkout,
});
const race: Race = {
  productId: 'prd_1',
  units: 2,
  buyers: [buyer('a', 201), buyer('b', 201), buyer('c', 409)],
};
const paid = (id: string) => ({ id, status: 'paid', quantity: 1 });
const charged = (...ids: string[]) =>
  new Map(ids.map((id) => [id, { status: 'succeeded', refunded: false }]));

describe('the chaos run invariants', () => {
  it('When two of three buyers paid for the two units, each with one charge, then the checkouts hold', () => {
    const readback: RaceReadback = { race, orders: [[paid('o1')], [paid('o2')], []], stockAfter: 0 };
    const result = checkCheckouts([readback], charged('o1', 'o2'));
    expect(result.problems).toEqual([]);
    expect(result.detail).toBe('1 races, 2 units, 2 orders paid');
  });

  it('When a buyer has two paid orders for one cart, then it is named as charged twice and oversold', () => {
    const readback: RaceReadback = {
      race,
      orders: [[paid('o1'), paid('o3')], [paid('o2')], []],
      stockAfter: 0,
    };
    const result = checkCheckouts([readback], charged('o1', 'o2', 'o3'));
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('a paid 2 orders for one cart');
    expect(result.problems.some((p) => p.includes('3 units sold from 2 in stock'))).toBe(true);
  });

  it('When an order is paid without a charge, or cancelled with an unrefunded one, or left pending, then each is named', () => {
    const readback: RaceReadback = {
      race,
      orders: [
        [paid('o1')],
        [{ id: 'o2', status: 'cancelled', quantity: 1 }],
        [{ id: 'o3', status: 'pending_payment', quantity: 1 }],
      ],
      stockAfter: 1,
    };
    const result = checkCheckouts([readback], charged('o2'));
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'order o1 is paid without a succeeded charge',
        'order o2 is cancelled but its charge succeeded and was not refunded',
        'order o3 is still pending_payment',
      ]),
    );
  });

  it('When inCarts lags behind the carts or the stock moved, then the product is named', () => {
    const result = checkInCarts([
      { id: 'p1', inCarts: 4, inTheCarts: 4, stock: 1000, stockBefore: 1000 },
      { id: 'p2', inCarts: 3, inTheCarts: 5, stock: 998, stockBefore: 1000 },
    ]);
    expect(result.problems).toEqual(['p2: inCarts 3, the carts hold 5', 'p2: stock 998, was 1000']);
  });

  it('When a review is still undecided or counted twice in the rating, then it is named', () => {
    const result = checkReviews([
      { id: 'p1', submitted: 2, accepted: 2, ratingCount: 2 },
      { id: 'p2', submitted: 2, accepted: 1, ratingCount: 1 },
      { id: 'p3', submitted: 1, accepted: 1, ratingCount: 2 },
    ]);
    expect(result.problems).toEqual([
      'p2: 2 reviews submitted, 1 accepted',
      'p3: rating counts 2, 1 accepted',
    ]);
  });

  it('When an owed email went out twice or not at all, then both are named, and one sent once passes', () => {
    const owed = [
      { to: 'a', subject: 'Welcome to ShopEasy' },
      { to: 'b', subject: 'Welcome to ShopEasy' },
      { to: 'c', subject: 'Welcome to ShopEasy' },
    ];
    const sent = [
      { to: ['a'], subject: 'Welcome to ShopEasy' },
      { to: ['b'], subject: 'Welcome to ShopEasy' },
      { to: ['b'], subject: 'Welcome to ShopEasy' },
    ];
    expect(checkEmails(owed, sent).problems).toEqual([
      '"Welcome to ShopEasy" to b sent 2 times',
      '"Welcome to ShopEasy" to c sent 0 times',
    ]);
  });

  it('When a queue still holds messages, then it is stuck; a message in a dead-letter queue is reported, not stuck', () => {
    const result = checkQueues([
      { name: 'notifications', messages: 2, deadLetter: false },
      { name: 'notifications-dlq', messages: 1, deadLetter: true },
      { name: 'feedback', messages: 0, deadLetter: false },
    ]);
    expect(result.problems).toEqual(['notifications still holds 2 messages']);
    expect(result.detail).toBe('2 queues drained; dead-letter queues: notifications-dlq 1');
  });
});
