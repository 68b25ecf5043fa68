import { describe, expect, it } from 'vitest';
import { checkOversell } from '../src/oversell.js';

const paid = (n: number) => Array.from({ length: n }, () => ({ status: 'paid', quantity: 1 }));

describe('Oversell check', () => {
  it('When 30 of 100 buyers got an order and the stock went from 30 to 0, then nothing was oversold', () => {
    const verdict = checkOversell({
      stockBefore: 30,
      stockAfter: 0,
      created: 30,
      orders: paid(30),
      stockSamples: [30, 12, 0],
    });
    expect(verdict).toMatchObject({
      ok: true,
      complete: true,
      unitsSold: 30,
      ordersSold: 30,
      lowestStockSeen: 0,
    });
    expect([...verdict.problems, ...verdict.notes]).toEqual([]);
  });

  it('When orders hold more units than there were, then the check fails and says so', () => {
    const verdict = checkOversell({
      stockBefore: 30,
      stockAfter: 0,
      created: 31,
      orders: paid(31),
      stockSamples: [],
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('31 units sold from 30 in stock');
  });

  it('When the stock is read below zero, even once during the burst, then the check fails', () => {
    const verdict = checkOversell({
      stockBefore: 30,
      stockAfter: 0,
      created: 30,
      orders: paid(30),
      stockSamples: [3, -1, 0],
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['stock was read at -1 during the checkouts']);
  });

  it('When a checkout answered 201 has no paid order, then the check fails', () => {
    const verdict = checkOversell({
      stockBefore: 30,
      stockAfter: 1,
      created: 30,
      orders: paid(29),
      stockSamples: [],
    });
    expect(verdict.problems).toEqual(['30 checkouts answered 201 but only 29 orders are paid']);
  });

  it('When an order was paid although its checkout timed out, then that is noted, not called an oversell', () => {
    const verdict = checkOversell({
      stockBefore: 30,
      stockAfter: 0,
      created: 29,
      orders: paid(30),
      stockSamples: [],
    });
    expect(verdict.ok).toBe(true);
    expect(verdict.notes).toEqual([
      '1 orders were paid although their checkout was not answered 201 (a retry with the same Idempotency-Key returns them)',
    ]);
  });

  it('When orders are still pending payment, then stock and sold units are not compared and the check says it is incomplete', () => {
    const orders = [
      ...paid(20),
      ...Array.from({ length: 12 }, () => ({ status: 'pending_payment', quantity: 1 })),
    ];
    const verdict = checkOversell({ stockBefore: 30, stockAfter: 0, created: 20, orders, stockSamples: [] });
    expect(verdict).toMatchObject({ ok: true, complete: false, ordersPending: 12, unitsSold: 20 });
    expect(verdict.notes).toEqual(['12 orders still pending_payment: sold units and stock not compared']);
  });

  it('When the stock went down by more than the orders hold, then the check fails', () => {
    const verdict = checkOversell({
      stockBefore: 30,
      stockAfter: 0,
      created: 28,
      orders: paid(28),
      stockSamples: [],
    });
    expect(verdict.problems).toEqual(['orders hold 28 units but the stock went down by 30']);
  });

  it('When a payment failed, then its order holds no stock and is not counted as sold', () => {
    const orders = [
      ...paid(2),
      { status: 'payment_failed', quantity: 1 },
      { status: 'cancelled', quantity: 1 },
    ];
    const verdict = checkOversell({ stockBefore: 5, stockAfter: 3, created: 2, orders, stockSamples: [] });
    expect(verdict).toMatchObject({ ok: true, unitsSold: 2, ordersSold: 2, lowestStockSeen: null });
  });
});
