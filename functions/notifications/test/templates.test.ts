import { describe, expect, it } from 'vitest';
import { escapeHtml, formatMoney, oneLine } from '../src/domain/templates/format.js';
import { orderCancelledEmail } from '../src/domain/templates/order-cancelled.js';
import { orderConfirmationEmail } from '../src/domain/templates/order-confirmation.js';
import { orderShippedEmail } from '../src/domain/templates/order-shipped.js';
import { welcomeEmail } from '../src/domain/templates/welcome.js';
import { notificationFor } from '../src/domain/notification-for.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('formatting', () => {
  it('When amounts are in minor units, then each currency shows its own decimals', () => {
    expect(formatMoney(usd(1999))).toBe('$19.99');
    expect(formatMoney(usd(5))).toBe('$0.05');
    expect(formatMoney({ amount: 123456, currency: 'EUR' })).toBe('€1,234.56');
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toBe('¥1,200');
    // Three decimals; Intl separates the code with a no-break space.
    expect(formatMoney({ amount: 1500, currency: 'KWD' })).toBe('KWD\u00a01.500');
  });

  it('When text carries markup or line breaks, then HTML escapes it and subjects keep one line', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(oneLine('Ann\r\nBcc: evil@example.com')).toBe('Ann Bcc: evil@example.com');
  });
});

describe('welcome email', () => {
  it('When the welcome email is composed, then its subject and greeting name no one and it tells an address’s owner what to do if the account is not theirs', () => {
    const email = welcomeEmail();
    expect(email.subject).toBe('Welcome to ShopEasy');
    expect(email.text).toContain('Hi,');
    expect(email.text).toContain('If you did not create this account');
  });

  it('When the registration event names the customer, then the email sent still carries no part of that name', () => {
    const notification = notificationFor({
      type: 'user.registered',
      data: { userId: 'usr_1', email: 'victim@example.com', name: 'Claim your prize at evil.example' },
    });
    const rendered = JSON.stringify(notification);
    expect(rendered).not.toContain('evil.example');
    expect(rendered).toContain('Welcome to ShopEasy');
  });
});

describe('order emails', () => {
  const items = [
    {
      productId: 'p1',
      name: 'Trail <Runner> Shoes',
      quantity: 2,
      unitPrice: usd(4999),
      lineTotal: usd(9998),
    },
    { productId: 'p2', name: 'Socks', quantity: 1, unitPrice: usd(799), lineTotal: usd(799) },
  ];

  it('When an order is paid, then the confirmation lists each line and the total in dollars', () => {
    const email = orderConfirmationEmail({ orderId: 'ord_123', items, total: usd(10797) });
    expect(email.subject).toBe('Your ShopEasy order ord_123 is confirmed');
    expect(email.text).toContain('2 × Trail <Runner> Shoes  $99.98');
    expect(email.text).toContain('1 × Socks  $7.99');
    expect(email.text).toContain('Total  $107.97');
    expect(email.html).toContain('2 × Trail &lt;Runner&gt; Shoes');
    expect(email.html).toContain('$107.97');
    expect(email.html).not.toContain('<Runner>');
  });

  it('When a paid order is cancelled, then the email says how much is refunded', () => {
    const email = orderCancelledEmail({ orderId: 'ord_9', refunded: true, total: usd(2500) });
    expect(email.subject).toBe('Your ShopEasy order ord_9 has been cancelled');
    expect(email.text).toContain('We have refunded $25.00 to your original payment method');
  });

  it('When an unpaid order is cancelled, then the email says there is nothing to refund', () => {
    const email = orderCancelledEmail({ orderId: 'ord_9', refunded: false, total: usd(2500) });
    expect(email.text).toContain('nothing to refund');
    expect(email.text).not.toContain('$25.00');
  });

  it('When an order ships, then the email names the order', () => {
    const email = orderShippedEmail({ orderId: 'ord_7' });
    expect(email.subject).toBe('Your ShopEasy order ord_7 is on its way');
    expect(email.html).toContain('your order ord_7 has shipped');
  });
});
