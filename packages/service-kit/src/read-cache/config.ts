import { z } from 'zod';
import { localDefault } from '../config.js';

/** What the contracts declare on public catalog reads (contracts/shared.yaml, PublicCache). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=10';

/** Beyond the contract's max-age a kept answer would outlive what every other cache promises. */
export const MAX_READ_CACHE_TTL_MS = 5_000;

/**
 * The variables of a read cache under `<prefix>_CACHE_…`: its TTL (0 turns it off) has only a
 * local default, so a deployment must say it; its bounds have defaults that fit any task.
 */
export function readCacheShape<P extends string>(prefix: P) {
  return {
    [`${prefix}_CACHE_TTL_MS`]: localDefault(
      z.coerce.number().int().min(0).max(MAX_READ_CACHE_TTL_MS),
      2_000,
    ),
    [`${prefix}_CACHE_MAX_ENTRIES`]: z.coerce.number().int().min(1).default(5_000),
    [`${prefix}_CACHE_MAX_BYTES`]: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .default(32 * 1024 * 1024),
  } as {
    [
      K in `${P}_CACHE_TTL_MS` | `${P}_CACHE_MAX_ENTRIES` | `${P}_CACHE_MAX_BYTES`
    ]: z.ZodDefault<z.ZodCoercedNumber>;
  };
}
