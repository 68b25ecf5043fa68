/**
 * Inventory events on the Kinesis stream (partition keys: inventoryPartitionKey in
 * inventory-stream.ts). `id` is unique per event; the catalog's consumer applies each once.
 */
export type InventoryEvent = (
  | {
      id: string;
      /** A shopper's cart changed: units held in carts (soft holds, not reservations). */
      type: 'cart.item.added' | 'cart.item.changed' | 'cart.item.removed';
      productId: string;
      userId: string;
      /** Change in units held in carts (positive when added). */
      quantityDelta: number;
      occurredAt: string;
    }
  | {
      id: string;
      /** Stock moved in the catalog: an order reserved or released it, or an admin set it. */
      type: 'stock.reserved' | 'stock.released' | 'stock.set';
      productId: string;
      /** Change in units on hand (negative when reserved). */
      quantityDelta: number;
      /** Units on hand after the change. */
      stock: number;
      reservationId?: string;
      occurredAt: string;
    }
) & {
  /** Trace headers of the change (`traceparent`), so the consumer continues its trace. */
  trace?: Record<string, string>;
};

export type InventoryEventType = InventoryEvent['type'];

export function encodeInventoryEvent(event: InventoryEvent): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(event));
}

export function decodeInventoryEvent(data: Uint8Array): InventoryEvent {
  const event = JSON.parse(new TextDecoder().decode(data)) as InventoryEvent;
  if (
    typeof event.id !== 'string' ||
    typeof event.productId !== 'string' ||
    typeof event.quantityDelta !== 'number'
  ) {
    throw new Error('Not a ShopEasy inventory event');
  }
  return event;
}
