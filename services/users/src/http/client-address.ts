import { isIP } from 'node:net';

/** The header the edge sets to the caller's address, overwriting whatever a client sent. */
export const CLIENT_IP_HEADER = 'x-shopeasy-client-ip';

/**
 * The caller's address as the edge saw it: `X-ShopEasy-Client-Ip`, which API Gateway sets from
 * `$context.identity.sourceIp` and the local gateway from its socket peer, both overwriting a
 * client's value. `X-Forwarded-For` never counts: behind API Gateway → VPC link → NLB → ALB its
 * last entry is an address of the VPC link, the same for every caller.
 */
export function clientAddress(headers: Record<string, string | undefined>): string {
  const address = headers[CLIENT_IP_HEADER]?.trim() ?? '';
  // Without the edge (tests, a laptop) there is no address to tell callers apart: they share one.
  return isIP(address) ? address : 'direct';
}
