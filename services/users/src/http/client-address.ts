/**
 * The caller's address as the gateway saw it: the last entry of X-Forwarded-For, which the
 * gateway (locally `gateway/src/forward-headers.ts`, in the cloud API Gateway) appends after
 * whatever the client sent. Entries before it are the client's own word and never count; the
 * service is reachable only through the gateway, so the last entry is the gateway's.
 */
export function clientAddress(headers: Record<string, string | undefined>): string {
  const hops = (headers['x-forwarded-for'] ?? '').split(',');
  const last = hops[hops.length - 1]?.trim();
  // Only reachable without a gateway (tests, a laptop): all such callers share one back-off.
  return last ? last.slice(0, 64) : 'direct';
}
