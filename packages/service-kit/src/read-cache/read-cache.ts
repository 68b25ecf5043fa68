import type { Request, Response } from 'express';
import { BoundedLru, type LruLimits } from './bounded-lru.js';
import { recordBody } from './recorder.js';

/** A public GET's 200 answer as it went out: validated once, when it was made. */
export interface CachedAnswer {
  readonly operationId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly storedAt: number;
  readonly bytes: number;
}

export interface ReadCacheOptions extends LruLimits {
  /** The operations whose 200 answers are the same for every caller (the contract's public GETs). */
  operations: ReadonlySet<string>;
}

/** Counts of what the cache did, for tests and metrics. */
export interface ReadCacheStats {
  hits: number;
  misses: number;
  stored: number;
  /** Requests now waiting for another request's read of the same key. */
  waiting: number;
  entries: number;
  bytes: number;
}

/** Headers worth replaying; the request id and the protective ones are set per request. */
const KEPT_HEADERS = ['content-type', 'cache-control'];

/**
 * A short-lived, bounded cache of public GET answers in front of a service's app. It keys on the
 * normalised path and query, keeps only 200 answers of `operations` to requests without an
 * Authorization header, and makes concurrent misses for one key wait for a single fresh answer.
 */
export class ReadCache {
  readonly #lru: BoundedLru<CachedAnswer>;
  readonly #flights = new Map<string, Promise<CachedAnswer | undefined>>();
  readonly #now: () => number;
  // Bumped by every invalidation, so an answer read before a write is never stored after it.
  #generation = 0;
  #hits = 0;
  #misses = 0;
  #stored = 0;
  #waiting = 0;

  constructor(private readonly options: ReadCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#lru = new BoundedLru(options);
  }

  stats(): ReadCacheStats {
    const [hits, misses, stored] = [this.#hits, this.#misses, this.#stored];
    const waiting = this.#waiting;
    return { hits, misses, stored, waiting, entries: this.#lru.size, bytes: this.#lru.bytes };
  }

  /** Whole seconds since `answer` was stored: its `Age`. */
  ageOf(answer: CachedAnswer): number {
    return Math.max(0, Math.floor((this.#now() - answer.storedAt) / 1000));
  }

  /** Drops the entries whose path `matches` and every read still on its way; returns how many. */
  invalidate(matches: (path: string) => boolean = () => true): number {
    this.#generation += 1;
    this.#flights.clear();
    return this.#lru.deleteWhere((key) => matches(key.slice(0, key.indexOf('?'))));
  }

  /**
   * Answers from the cache when it can; `serve` writes a kept answer, `onMiss` lets the request
   * through to the app. Which operation was asked is known once the app answered (res.locals).
   */
  async handle(req: Request, res: Response, serve: (answer: CachedAnswer) => void, onMiss: () => void) {
    if (this.options.ttlMs <= 0 || req.method !== 'GET' || req.headers.authorization !== undefined) {
      onMiss();
      return;
    }
    const key = keyOf(req);
    const kept = this.#lru.get(key);
    if (kept) {
      this.#hits += 1;
      serve(kept);
      return;
    }
    const flight = this.#flights.get(key);
    const joined = flight ? await this.#wait(flight) : undefined;
    if (joined) {
      this.#hits += 1;
      serve(joined);
      return;
    }
    this.#misses += 1;
    const landed = this.#capture(key, res);
    // A joiner whose flight brought nothing goes to the app alone, as it would without a cache.
    if (!flight) this.#flights.set(key, landed);
    void landed.finally(() => {
      if (this.#flights.get(key) === landed) this.#flights.delete(key);
    });
    onMiss();
  }

  async #wait(flight: Promise<CachedAnswer | undefined>): Promise<CachedAnswer | undefined> {
    this.#waiting += 1;
    try {
      return await flight;
    } finally {
      this.#waiting -= 1;
    }
  }

  /** Records what the app writes on `res`; resolves with the kept answer once it went out. */
  #capture(key: string, res: Response): Promise<CachedAnswer | undefined> {
    const generation = this.#generation;
    const body = recordBody(res);
    return new Promise((resolve) => {
      res.once('close', () => resolve(undefined));
      res.once('finish', () => {
        const operationId = (res.locals as { operationId?: string }).operationId;
        const keep =
          res.statusCode === 200 &&
          operationId !== undefined &&
          this.options.operations.has(operationId) &&
          res.getHeader('set-cookie') === undefined &&
          generation === this.#generation;
        if (!keep) return resolve(undefined);
        const answer = answerOf(operationId, res, body(), key, this.#now());
        this.#lru.set(key, answer);
        this.#stored += 1;
        resolve(answer);
      });
    });
  }
}

/** The cache key: path and query, the query's parameters sorted so their order does not matter. */
export function keyOf(req: Pick<Request, 'path' | 'url'>): string {
  const at = req.url.indexOf('?');
  const query = new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
  query.sort();
  return `${req.path}?${query.toString()}`;
}

function answerOf(operationId: string, res: Response, body: Buffer, key: string, now: number): CachedAnswer {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  // Key, headers and bookkeeping cost memory too; 256 bytes is a fair flat allowance.
  const bytes = body.length + key.length * 2 + 256;
  return { operationId, headers, body, storedAt: now, bytes };
}
