// What must hold once the faults are over, each checked from what ShopEasy reports back (pure:
// the reading is in gather.ts). A check lists its problems; none means it holds.
import { checkOversell } from '../oversell.js';
import type { Race } from './race.js';

export interface Check {
  name: string;
  ok: boolean;
  /** What was checked, in figures. */
  detail: string;
  problems: string[];
}

const check = (name: string, detail: string, problems: string[]): Check => ({
  name,
  ok: problems.length === 0,
  detail,
  problems: problems.slice(0, 20),
});

export interface RaceReadback {
  race: Race;
  /** Each buyer's orders of the race's product (index as in race.buyers). */
  orders: { id: string; status: string; quantity: number }[][];
  stockAfter: number;
}

/** A sandbox charge by its key (the order id): its status, and whether it was refunded. */
export type Charges = ReadonlyMap<string, { status: string; refunded: boolean }>;

const SOLD = new Set(['paid', 'shipped', 'delivered']);
const UNDECIDED = new Set(['pending_payment', 'awaiting_payment_action']);

/** No order charged twice or without its stock, nothing oversold, nothing left undecided. */
export function checkCheckouts(readbacks: readonly RaceReadback[], charges: Charges): Check {
  const problems: string[] = [];
  let paid = 0;
  for (const { race, orders, stockAfter } of readbacks) {
    const flat = orders.flat();
    paid += flat.filter((o) => SOLD.has(o.status)).length;
    const oversell = checkOversell({
      stockBefore: race.units,
      stockAfter,
      created: race.buyers.filter((b) => b.checkout === 201).length,
      orders: flat,
      stockSamples: [],
    });
    problems.push(...oversell.problems.map((p) => `${race.productId}: ${p}`));
    orders.forEach((own, i) => {
      const sold = own.filter((o) => SOLD.has(o.status));
      if (sold.length > 1)
        problems.push(`${race.buyers[i]!.account.email} paid ${sold.length} orders for one cart`);
    });
    for (const order of flat) {
      const charge = charges.get(order.id);
      if (UNDECIDED.has(order.status)) problems.push(`order ${order.id} is still ${order.status}`);
      if (SOLD.has(order.status) && charge?.status !== 'succeeded')
        problems.push(`order ${order.id} is ${order.status} without a succeeded charge`);
      if (!SOLD.has(order.status) && charge?.status === 'succeeded' && !charge.refunded)
        problems.push(`order ${order.id} is ${order.status} but its charge succeeded and was not refunded`);
    }
  }
  const units = readbacks.reduce((sum, r) => sum + r.race.units, 0);
  return check(
    'no order charged twice or without its stock; nothing oversold; nothing left pending',
    `${readbacks.length} races, ${units} units, ${paid} orders paid`,
    problems,
  );
}

/** `inCarts` of each product equals what the carts hold, and the stock is where it started. */
export function checkInCarts(
  products: readonly {
    id: string;
    inCarts: number;
    inTheCarts: number;
    stock: number;
    stockBefore: number;
  }[],
): Check {
  const problems = products.flatMap((p) => [
    ...(p.inCarts !== p.inTheCarts ? [`${p.id}: inCarts ${p.inCarts}, the carts hold ${p.inTheCarts}`] : []),
    ...(p.stock !== p.stockBefore ? [`${p.id}: stock ${p.stock}, was ${p.stockBefore}`] : []),
  ]);
  const held = products.reduce((sum, p) => sum + p.inTheCarts, 0);
  const detail = `${products.length} products, ${held} units in the carts, each inCarts equal to them`;
  return check('inCarts and stock converged', detail, problems);
}

/** Every review the buyers submitted was decided, and each accepted one counted once in the rating. */
export function checkReviews(
  products: readonly { id: string; submitted: number; accepted: number; ratingCount: number }[],
): Check {
  const problems = products.flatMap((p) => [
    ...(p.accepted !== p.submitted
      ? [`${p.id}: ${p.submitted} reviews submitted, ${p.accepted} accepted`]
      : []),
    ...(p.ratingCount !== p.accepted
      ? [`${p.id}: rating counts ${p.ratingCount}, ${p.accepted} accepted`]
      : []),
  ]);
  const submitted = products.reduce((sum, p) => sum + p.submitted, 0);
  return check(
    'every accepted review rated once',
    `${submitted} reviews on ${products.length} products`,
    problems,
  );
}

/** Each email owed (a welcome per account, a confirmation per paid order) went out exactly once. */
export function checkEmails(
  owed: readonly { to: string; subject: string }[],
  sent: readonly { to: readonly string[]; subject: string }[],
): Check {
  const counts = new Map<string, number>();
  for (const email of sent)
    for (const to of email.to)
      counts.set(`${to}\n${email.subject}`, (counts.get(`${to}\n${email.subject}`) ?? 0) + 1);
  const problems = owed
    .map((o) => ({ ...o, times: counts.get(`${o.to}\n${o.subject}`) ?? 0 }))
    .filter((o) => o.times !== 1)
    .map((o) => `"${o.subject}" to ${o.to} sent ${o.times} times`);
  return check('every email sent once', `${owed.length} emails owed`, problems);
}

/** Nothing waits in a queue; what a consumer gave up on is in a dead-letter queue (which alarms). */
export function checkQueues(
  queues: readonly { name: string; messages: number; deadLetter: boolean }[],
): Check {
  const problems = queues
    .filter((q) => !q.deadLetter && q.messages > 0)
    .map((q) => `${q.name} still holds ${q.messages} messages`);
  const dead = queues.filter((q) => q.deadLetter && q.messages > 0);
  const detail = `${queues.filter((q) => !q.deadLetter).length} queues drained; dead-letter queues: ${
    dead.length ? dead.map((q) => `${q.name} ${q.messages}`).join(', ') : 'all empty'
  }`;
  return check('nothing stuck outside a dead-letter queue', detail, problems);
}
