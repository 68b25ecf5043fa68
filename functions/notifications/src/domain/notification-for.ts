import type { DomainEnvelope } from '@shopeasy/events';
import { z } from 'zod';
import type { EmailContent } from './templates/email.js';
import { orderCancelledEmail } from './templates/order-cancelled.js';
import { orderConfirmationEmail } from './templates/order-confirmation.js';
import { orderShippedEmail } from './templates/order-shipped.js';
import { welcomeEmail } from './templates/welcome.js';

export type TemplateName = 'welcome' | 'order-confirmation' | 'order-cancelled' | 'order-shipped';

/** What to do with one event: send one email, or nothing (and why). */
export type Notification =
  | { action: 'send'; template: TemplateName; to: string; content: EmailContent }
  | { action: 'skip'; reason: 'no-email-for-type' | 'no-recipient' | 'invalid-recipient' };

/** An event of a type we email about whose data does not have the documented shape. */
export class MalformedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

const money = z.object({ amount: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) });
const orderId = z.string().min(1);
const line = z.object({ name: z.string().min(1), quantity: z.number().int().positive(), lineTotal: money });

/**
 * The events that email the customer. The confirmation goes out on `order.paid`, not
 * `order.placed`: an order is placed before its payment, and a declined card must not leave
 * the customer with a "your order is confirmed" email for an order that never went through.
 */
const templates = {
  'user.registered': {
    name: 'welcome',
    // The registrant's name is theirs to choose, so it stays out of the email (welcomeEmail).
    data: z.object({}),
    render: welcomeEmail,
  },
  'order.paid': {
    name: 'order-confirmation',
    data: z.object({ orderId, items: z.array(line).min(1), total: money }),
    render: orderConfirmationEmail,
  },
  'order.cancelled': {
    name: 'order-cancelled',
    data: z.object({ orderId, refunded: z.boolean(), total: money }),
    render: orderCancelledEmail,
  },
  'order.shipped': { name: 'order-shipped', data: z.object({ orderId }), render: orderShippedEmail },
} as const;

type EmailedType = keyof typeof templates;

const address = z.email();

/** Decides the email for one domain event; pure, so every branch is unit tested. */
export function notificationFor(event: Pick<DomainEnvelope, 'type' | 'data'>): Notification {
  if (!Object.hasOwn(templates, event.type)) return { action: 'skip', reason: 'no-email-for-type' };
  const template = templates[event.type as EmailedType];
  const email = (event.data as { email?: unknown }).email;
  if (email === undefined || email === null || email === '')
    return { action: 'skip', reason: 'no-recipient' };
  const to = address.safeParse(typeof email === 'string' ? email.trim() : email);
  if (!to.success) return { action: 'skip', reason: 'invalid-recipient' };

  const data = template.data.safeParse(event.data);
  if (!data.success) {
    const fields = data.error.issues.map((i) => `data.${i.path.join('.')}`).join(', ');
    throw new MalformedEventError(`${event.type} event without the expected fields: ${fields}`);
  }
  // Each schema matches its own render function; the lookup by type loses that pairing for tsc.
  const render = template.render as (input: typeof data.data) => EmailContent;
  return { action: 'send', template: template.name, to: to.data, content: render(data.data) };
}
