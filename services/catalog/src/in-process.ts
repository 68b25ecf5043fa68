import { startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import type { CatalogConfig } from './config.js';
import type { ReservationSweeper } from './domain/reservation-sweeper.js';
import { wireCatalog, type CatalogOverrides } from './wiring.js';

/** The catalog running in this process, as tests and the benchmark start it. */
export interface RunningCatalog {
  url: string;
  /** Releases reservations nobody confirmed in time; `runOnce()` lets tests trigger a pass. */
  reservationSweeper: ReservationSweeper;
  /** Stops accepting, finishes in-flight requests, then closes what the wiring started. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The catalog in-process, through the same wiring as `main.ts`, on `config.PORT` (0: any free
 * port), with the consumers the configuration enables and the reservation sweeper.
 */
export async function startCatalog(
  config: CatalogConfig,
  overrides: CatalogOverrides = {},
): Promise<RunningCatalog> {
  const wired = wireCatalog(config, createLogger('catalog', config.LOG_LEVEL), overrides);
  try {
    const running = await startServer(await buildApp(wired.deps), config.PORT, config.HOST);
    const { reservationSweeper } = wired.start();
    return {
      url: running.url,
      reservationSweeper,
      async stop(graceMs = config.SHUTDOWN_GRACE_MS) {
        await running.close(graceMs);
        await wired.close();
      },
    };
  } catch (error) {
    // What the wiring started must not outlive a catalog that never listened.
    await wired.close();
    throw error;
  }
}
