import type { Logger } from '@shopeasy/service-kit';
import { releaseStock, type ReservationDeps } from './reservations.js';

/** Expired holds released per pass at most; the next pass takes the rest. */
const BATCH = 100;

export interface ReservationSweeper {
  /** One pass now (after the one in progress); resolves to how many reservations it released. */
  runOnce(): Promise<number>;
  /** No new pass starts; resolves when the one in progress has finished. */
  stop(): Promise<void>;
}

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
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const pass = () => {
    running = running
      .then(() => (stopped ? 0 : releaseExpiredReservations(deps, logger)))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'reservation sweep failed');
        return 0;
      });
    return running;
  };
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  return {
    runOnce: pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
