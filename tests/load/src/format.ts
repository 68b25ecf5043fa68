/** Milliseconds for people: one decimal below 10 ms, whole numbers above, a dash for nothing. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-GB');
}
