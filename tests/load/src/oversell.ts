// contracts/orders.yaml, OrderStatus: these have taken their units for good.
const SOLD_STATUSES = new Set(['paid', 'shipped', 'delivered']);
// Still deciding: it may hold a reservation or not yet.
const PENDING = 'pending_payment';

export interface OversellInput {
  stockBefore: number;
  stockAfter: number;
  /** Checkouts answered 201. */
  created: number;
  /** Every order of every buyer that contains the product: its status and units of the product. */
  orders: readonly { status: string; quantity: number }[];
  /** Stock levels read while the checkouts were in flight and settling. */
  stockSamples: readonly number[];
}

export interface OversellVerdict {
  /** Nothing oversold and everything that can be checked agrees. */
  ok: boolean;
  /** False while some order is still pending_payment: sold units and stock were not compared. */
  complete: boolean;
  ordersCreated: number;
  ordersSold: number;
  ordersPending: number;
  unitsSold: number;
  stockBefore: number;
  stockAfter: number;
  lowestStockSeen: number | null;
  stockReads: number;
  problems: string[];
  /** Worth knowing, not an oversell (e.g. an order paid although its checkout timed out). */
  notes: string[];
}

/** Nothing oversold: orders = units sold = stock taken, never more than there was, stock never below zero. */
export function checkOversell(input: OversellInput): OversellVerdict {
  const sold = input.orders.filter((o) => SOLD_STATUSES.has(o.status));
  const pending = input.orders.filter((o) => o.status === PENDING).length;
  const unitsSold = sold.reduce((sum, o) => sum + o.quantity, 0);
  const stockTaken = input.stockBefore - input.stockAfter;
  const lowestStockSeen = input.stockSamples.length ? Math.min(...input.stockSamples) : null;
  const problems: string[] = [];
  const notes: string[] = [];
  if (input.stockAfter < 0) problems.push(`stock ended at ${input.stockAfter}, below zero`);
  if (lowestStockSeen !== null && lowestStockSeen < 0) {
    problems.push(`stock was read at ${lowestStockSeen} during the checkouts`);
  }
  if (unitsSold > input.stockBefore) {
    problems.push(`${unitsSold} units sold from ${input.stockBefore} in stock`);
  }
  if (pending > 0) {
    notes.push(`${pending} orders still ${PENDING}: sold units and stock not compared`);
  } else if (unitsSold !== stockTaken) {
    problems.push(`orders hold ${unitsSold} units but the stock went down by ${stockTaken}`);
  }
  if (input.created > sold.length) {
    problems.push(`${input.created} checkouts answered 201 but only ${sold.length} orders are paid`);
  } else if (input.created < sold.length) {
    notes.push(
      `${sold.length - input.created} orders were paid although their checkout was not answered 201 ` +
        '(a retry with the same Idempotency-Key returns them)',
    );
  }
  return {
    ok: problems.length === 0,
    complete: pending === 0,
    ordersCreated: input.created,
    ordersSold: sold.length,
    ordersPending: pending,
    unitsSold,
    stockBefore: input.stockBefore,
    stockAfter: input.stockAfter,
    lowestStockSeen,
    stockReads: input.stockSamples.length,
    problems,
    notes,
  };
}
