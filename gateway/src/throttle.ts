export interface ThrottleOptions {
  /** Tokens added per second: the sustained request rate of one client. */
  ratePerSecond: number;
  /** Bucket size: how many requests a client may make at once after being idle. */
  burst: number;
  /** Monotonic clock in milliseconds (tests may pass their own). */
  now?: () => number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

// Beyond this many tracked clients, buckets that have refilled completely are forgotten (at most once a second).
const SWEEP_ABOVE = 10_000;

/** A token bucket per client key: each request takes one token; tokens refill at a steady rate. */
export class TokenBucketThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(private readonly options: ThrottleOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  take(key: string): ThrottleDecision {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.remember(key, bucket, now);
      return { allowed: true };
    }
    this.remember(key, bucket, now);
    const secondsToNextToken = (1 - bucket.tokens) / this.options.ratePerSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsToNextToken)) };
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.options.burst, updatedAt: now };
    const earned = ((now - bucket.updatedAt) / 1000) * this.options.ratePerSecond;
    return { tokens: Math.min(this.options.burst, bucket.tokens + earned), updatedAt: now };
  }

  private remember(key: string, bucket: Bucket, now: number): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size <= SWEEP_ABOVE || now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [other, b] of this.buckets) {
      if (this.refill(b, now).tokens >= this.options.burst) this.buckets.delete(other);
    }
  }
}
