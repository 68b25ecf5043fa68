import { setTimeout as sleep } from 'node:timers/promises';
import { mapLimit, type Shopper } from './api.js';

export interface BuyerOrder {
  status: string;
  quantity: number;
}

/**
 * Each buyer's orders of the product, read again for the buyers whose order is still
 * pending_payment (a checkout answered 504 may still complete) until none is, or the wait is over.
 */
export async function ordersOnceSettled(
  buyers: readonly Shopper[],
  productId: string,
  waitSeconds: number,
): Promise<{ orders: BuyerOrder[]; waitedSeconds: number }> {
  const started = performance.now();
  const byBuyer = new Map<Shopper, BuyerOrder[]>();
  let toRead = [...buyers];
  for (;;) {
    const read = await mapLimit(toRead, 8, async (buyer) => {
      const page = await buyer.api.orders.listOrders({ limit: 100 });
      return page.items.flatMap((order) =>
        order.items
          .filter((item) => item.productId === productId)
          .map((item) => ({ status: order.status, quantity: item.quantity })),
      );
    });
    toRead.forEach((buyer, i) => byBuyer.set(buyer, read[i]!));
    toRead = toRead.filter((buyer) => byBuyer.get(buyer)!.some((o) => o.status === 'pending_payment'));
    const waitedSeconds = (performance.now() - started) / 1000;
    if (toRead.length === 0 || waitedSeconds > waitSeconds) {
      return { orders: [...byBuyer.values()].flat(), waitedSeconds };
    }
    await sleep(1000);
  }
}
