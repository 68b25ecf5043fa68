import { type PeriodicJob, startPeriodic } from '@shopeasy/service-kit/jobs';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import { releaseStock, type ReservationDeps } from './reservations.js';

/** Expired holds released per pass at most; the next pass takes the rest. */
const BATCH = 100;

/** `runOnce()` resolves with how many reservations the pass released. */
export type ReservationSweeper = PeriodicJob;

/**
 * Releases reservations nobody confirmed within their hold, through the ordinary release, only
 * while they are still `reserved`: a confirm that wins the race is never undone, and a hold
 * released by its order meanwhile gives its units back once.
 */
export async function releaseExpiredReservations(deps: ReservationDeps, logger: Logger): Promise<number> {
  const ids = await deps.store.listExpiredReservations(deps.now(), BATCH);
  let released = 0;
  for (const id of ids) {
    try {
      const reservation = await releaseStock(deps, id, { onlyIfReserved: true });
      if (reservation.status === 'released') released++;
    } catch (error) {
      // One reservation that cannot be released now does not hold up the others.
      logger.error({ err: error, reservationId: id }, 'expired reservation not released');
    }
  }
  if (released > 0) logger.info({ released }, 'expired reservations released');
  return released;
}

/** Runs a pass every interval, one pass at a time. */
export function startReservationSweeper(
  deps: ReservationDeps,
  logger: Logger,
  intervalMs: number,
): ReservationSweeper {
  return startPeriodic(() => releaseExpiredReservations(deps, logger), {
    intervalMs,
    logger,
    failure: 'reservation sweep failed',
  });
}
