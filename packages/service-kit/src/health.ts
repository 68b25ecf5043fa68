import { Router } from 'express';

/** A dependency check for /health/ready: resolves when the dependency answers. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
  /**
   * A failure only degrades the service (some operations refuse, the rest work): reported as
   * `degraded` with 200, so the load balancer keeps sending traffic and a deployment can finish.
   */
  degradesOnly?: boolean;
}

let shuttingDown = false;

/** Marks the process as draining: /health/ready answers 503 from now on. */
export function markShuttingDown(): void {
  shuttingDown = true;
}

/** `/health/live` (the process answers) and `/health/ready` (its own dependencies answer). */
export function healthRoutes(checks: ReadinessCheck[]): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check, degradesOnly }) => {
        try {
          await withTimeout(check(), 2_000);
          return { name, status: 'ok' };
        } catch (error) {
          return { name, status: degradesOnly ? 'degraded' : 'failing', detail: (error as Error).message };
        }
      }),
    );
    const ready = !shuttingDown && results.every((r) => r.status !== 'failing');
    const status = !ready ? 'unavailable' : results.some((r) => r.status === 'degraded') ? 'degraded' : 'ok';
    res.status(ready ? 200 : 503).json({ status, checks: results });
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
