// Popularity of keys under a Zipf law: the key of rank k gets a share 1/(k^s · H(n,s)).

/** The generalised harmonic number H(n,s) = Σ_{k=1..n} 1/k^s. */
export function harmonic(n: number, s: number): number {
  let sum = 0;
  // Smallest terms first, so the float sum loses as little as it can.
  for (let k = n; k >= 1; k--) sum += 1 / k ** s;
  return sum;
}

/** Share of all requests that go to the key of rank `rank` (1 = the most popular). */
export function zipfShare(rank: number, n: number, s: number): number {
  return 1 / (rank ** s * harmonic(n, s));
}

/**
 * Requests per second that get past a per-key cap (a cache that fetches each key at most `cap`
 * times a second) when `rate` req/s spread over `n` keys with Zipf skew s: Σ_k min(λ_k, cap).
 * `spread` splits each key's traffic evenly over that many cached URLs (pages, sorts).
 */
export function cappedRate(rate: number, n: number, s: number, cap: number, spread = 1): number {
  const h = harmonic(n, s);
  let passed = 0;
  for (let k = 1; k <= n; k++) {
    const perUrl = rate / (k ** s * h) / spread;
    passed += spread * Math.min(perUrl, cap);
  }
  return passed;
}

/** Rate reaching the store for the most popular key, under the same cap. */
export function cappedTopRate(rate: number, n: number, s: number, cap: number, spread = 1): number {
  return spread * Math.min((rate * zipfShare(1, n, s)) / spread, cap);
}
