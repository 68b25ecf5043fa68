import { describe, expect, it } from 'vitest';
import { handler } from '../src/handler.js';
import { listSentEmails } from '../src/local/sent-emails.js';
import { customerEvents, emulatorEnv, eventRecord, uniqueEmail } from './support/events.js';

const { AWS_ENDPOINT_URL: endpoint, SES_FROM } = emulatorEnv();

describe('notifications handler: one email per event, to the customer', () => {
  it.each([
    ['user.registered', 'registered', 'Welcome to ShopEasy', 'Thanks for creating your ShopEasy account'],
    ['order.paid', 'paid', 'is confirmed', 'Total'],
    ['order.cancelled', 'cancelled', 'has been cancelled', 'We have refunded $43.99'],
    ['order.shipped', 'shipped', 'is on its way', 'has shipped'],
  ] as const)(
    'When %s is delivered, then the customer receives that email from the shop',
    async (_type, which, subject, text) => {
      const email = uniqueEmail(which);
      const events = customerEvents(email);

      const result = await handler({ Records: [eventRecord(events[which])] });

      expect(result.batchItemFailures).toEqual([]);
      const sent = await listSentEmails(endpoint, { to: email });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ from: SES_FROM, to: [email] });
      expect(sent[0]!.subject).toContain(subject);
      expect(sent[0]!.body).toContain(text);
    },
  );

  it('When an order is paid, then the confirmation shows every line and the total in dollars', async () => {
    const email = uniqueEmail('lines');
    const { paid, orderId } = customerEvents(email);

    await handler({ Records: [eventRecord(paid)] });

    const [confirmation] = await listSentEmails(endpoint, { to: email });
    expect(confirmation?.subject).toBe(`Your ShopEasy order ${orderId} is confirmed`);
    expect(confirmation?.body).toContain('2 × Espresso Cups');
    expect(confirmation?.body).toContain('$25.00');
    expect(confirmation?.body).toContain('1 × Coffee Beans');
    expect(confirmation?.body).toContain('$43.99');
  });

  it('When an order is placed but not yet paid, then no email is sent and the record is done', async () => {
    const email = uniqueEmail('placed');
    const { placed } = customerEvents(email);

    const result = await handler({ Records: [eventRecord(placed)] });

    expect(result.batchItemFailures).toEqual([]);
    expect(await listSentEmails(endpoint, { to: email })).toEqual([]);
  });

  it('When an event carries no email address, then it is skipped, not failed', async () => {
    const name = `Nomail ${Date.now()}`;
    const { shipped, registered, orderId } = customerEvents(undefined, name);

    const result = await handler({ Records: [eventRecord(shipped), eventRecord(registered)] });

    expect(result.batchItemFailures).toEqual([]);
    const mentions = (await listSentEmails(endpoint)).filter(
      (e) => e.subject.includes(orderId) || e.subject.includes(name),
    );
    expect(mentions).toEqual([]);
  });
});
