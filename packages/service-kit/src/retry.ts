/** Seconds until a failed piece of work is tried again: base × 2^(attempt − 1), at most max. */
export function backoffSeconds(attempt: number, baseSeconds: number, maxSeconds: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.min(n - 1, 20));
}
