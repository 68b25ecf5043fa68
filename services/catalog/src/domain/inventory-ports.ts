import type { InventoryEvent } from '@shopeasy/events';
import type { Reservation, ReservationLine } from './model.js';

/** A stock movement the catalog publishes on the inventory stream after it is committed. */
export type StockEvent = Extract<InventoryEvent, { type: 'stock.reserved' | 'stock.released' | 'stock.set' }>;

/** The inventory stream, as the catalog writes to it. Best-effort: failures are logged, never thrown. */
export interface StockEvents {
  publish(events: StockEvent[]): Promise<void>;
  /** Reports events that could not even be built (their stock could not be read). */
  lost(error: unknown, context: Record<string, unknown>): void;
}

/** What a line of a reservation transaction checks besides the stock level. */
export interface ReservedLine extends ReservationLine {
  /** The product version read when its name and price were taken; a change re-reads. */
  version: number;
}

/**
 * `lines-failed`: some line's condition failed (short, inactive, gone or changed: read again to
 * tell); `exists`: a reservation with this id was written meanwhile; `contended`: the
 * transaction collided with another one and may simply be tried again.
 */
export type CreateReservationResult = 'created' | 'exists' | 'lines-failed' | 'contended';

export interface ReservationStore {
  getReservation(id: string): Promise<Reservation | undefined>;
  /**
   * One transaction: each line's stock decrement (on condition that enough is left, the product
   * is active, not deleted and still at the version read) and the reservation item (on
   * condition that the id is new). All or nothing.
   */
  createReservation(reservation: Reservation, lines: ReservedLine[]): Promise<CreateReservationResult>;
  /**
   * One transaction: the reservation goes from the status it was read with to released, leaves
   * the open-reservations index, and `restock` lines go back into stock. 'conflict' when the
   * reservation or a product changed meanwhile.
   */
  releaseReservation(
    reservation: Reservation,
    restock: ReservationLine[],
    at: string,
  ): Promise<'released' | 'conflict'>;
  /** reserved → confirmed, leaving the open-reservations index; 'conflict' when it is no longer reserved. */
  confirmReservation(reservationId: string, at: string): Promise<'confirmed' | 'conflict'>;
  /** Ids of reserved reservations whose hold expired at or before `at`, oldest first. */
  listExpiredReservations(at: string, limit: number): Promise<string[]>;
}

/** `duplicate`: the event (or review) was already applied; `unknown-product`: nothing to change. */
export type ApplyResult = 'applied' | 'duplicate' | 'unknown-product';

/** One cart event as the consumer applies it: where it sits in its shard and what it changes. */
export interface CartChange {
  sequenceNumber: string;
  delta: number;
  /** When the change happened (the event's occurredAt). */
  at: string;
}

/** `applied` changes were new; `duplicate` ones were already counted (a batch read again). */
export type CartChangesResult = { applied: number; duplicate: number } | 'unknown-product';

/** The effects of consumed events, each applied at most once. */
export interface InventoryStore {
  /**
   * Applies one shard's cart changes of one product, in stream order, in one write to the
   * product's units in carts (never below zero); changes at or before the position the product
   * already recorded for that shard are counted as duplicates and change nothing.
   */
  applyCartChanges(
    shardId: string,
    productId: string,
    changes: readonly CartChange[],
  ): Promise<CartChangesResult>;
  /** Counts one accepted review in the product's rating summary, once per review id. */
  addRating(reviewId: string, productId: string, rating: number, at: string): Promise<ApplyResult>;
}

/** Where the inventory consumer has got to in each shard of a stream. */
export interface CheckpointStore {
  getCheckpoint(stream: string, shardId: string): Promise<string | undefined>;
  /** Records the last processed sequence number; never moves a checkpoint backwards. */
  saveCheckpoint(stream: string, shardId: string, sequenceNumber: string): Promise<void>;
}

/** Who reads a shard: one owner at a time, until its lease expires (times in epoch ms). */
export interface LeaseStore {
  /** Takes or renews the lease when it is free, expired at `now` or already `owner`'s; false when another holds it. */
  claimLease(
    stream: string,
    shardId: string,
    owner: string,
    now: number,
    expiresAt: number,
  ): Promise<boolean>;
  /** Frees the lease if `owner` still holds it, so another reader may take it at once. */
  releaseLease(stream: string, shardId: string, owner: string): Promise<void>;
}
