import { describe, expect, it } from 'vitest';
import { MalformedEventError, notificationFor } from '../src/domain/notification-for.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const line = { productId: 'p1', name: 'Mug', quantity: 1, unitPrice: usd(900), lineTotal: usd(900) };

describe('which email an event sends', () => {
  it.each([
    ['user.registered', { userId: 'u1', email: 'a@example.com', name: 'Ann' }, 'welcome'],
    [
      'order.paid',
      {
        orderId: 'o1',
        userId: 'u1',
        email: 'a@example.com',
        items: [line],
        total: usd(900),
        payment: { provider: 'sandbox', reference: 'ch_1' },
      },
      'order-confirmation',
    ],
    [
      'order.cancelled',
      { orderId: 'o1', userId: 'u1', email: 'a@example.com', refunded: true, total: usd(900) },
      'order-cancelled',
    ],
    ['order.shipped', { orderId: 'o1', userId: 'u1', email: 'a@example.com' }, 'order-shipped'],
  ])('When %s arrives with an email, then the %s email goes to that address', (type, data, template) => {
    const result = notificationFor({ type: type as never, data: data as never });
    expect(result).toMatchObject({ action: 'send', template, to: 'a@example.com' });
  });

  it('When order.placed arrives, then nothing is sent: the confirmation waits for payment', () => {
    const data = { orderId: 'o1', userId: 'u1', email: 'a@example.com', items: [line], total: usd(900) };
    expect(notificationFor({ type: 'order.placed', data })).toEqual({
      action: 'skip',
      reason: 'no-email-for-type',
    });
  });

  it('When an event has no email, then it is skipped rather than failed', () => {
    const data = { orderId: 'o1', userId: 'u1' };
    expect(notificationFor({ type: 'order.shipped', data })).toEqual({
      action: 'skip',
      reason: 'no-recipient',
    });
  });

  it('When the email is not an address, then it is skipped as undeliverable', () => {
    const data = { orderId: 'o1', userId: 'u1', email: 'not an address' };
    expect(notificationFor({ type: 'order.shipped', data })).toEqual({
      action: 'skip',
      reason: 'invalid-recipient',
    });
  });

  it('When an emailed event lacks its fields, then it is malformed and names them', () => {
    const data = { orderId: 'o1', userId: 'u1', email: 'a@example.com', items: [], total: usd(900) } as never;
    expect(() => notificationFor({ type: 'order.paid', data })).toThrow(MalformedEventError);
    expect(() => notificationFor({ type: 'order.paid', data })).toThrow(/data\.items/);
  });
});
