import { startPeriodic, type PeriodicJob } from '@shopeasy/service-kit/jobs';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { KeySetSource } from './ports.js';
import { keySetFromSecret } from './signing-key.js';
import type { TokenService } from './token-service.js';

/**
 * Re-reads the signing key set every `intervalMs`, so a rotation reaches every running task: from
 * the next pass on, tokens are signed with the new current key and the JWKS publishes the new set.
 * A pass that fails (unreadable or unparseable secret) logs an error and keeps the set in use; the
 * next pass tries again. Nothing here ever generates a key.
 */
export function startKeyReload(
  source: KeySetSource,
  tokens: TokenService,
  options: { intervalMs: number; logger: Logger },
): PeriodicJob {
  const { logger } = options;
  return startPeriodic(
    async () => {
      const loaded = await keySetFromSecret(await source.read(), source.secretId);
      const kids = (keys: { kid: string }[]) => keys.map((k) => k.kid).join(',');
      const previousKid = tokens.currentKid();
      const before = kids(tokens.jwks().keys);
      tokens.useKeys(loaded.key, loaded.previousKeys);
      const published = kids(tokens.jwks().keys);
      if (published === before && loaded.key.kid === previousKid) return 0;
      logger.info(
        { secretId: source.secretId, kid: loaded.key.kid, previousKid, published },
        'signing key set reloaded',
      );
      return 1;
    },
    {
      intervalMs: options.intervalMs,
      logger,
      failure: 'signing key set reload failed: still signing with the set in use',
    },
  );
}
