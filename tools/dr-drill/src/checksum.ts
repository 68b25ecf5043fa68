import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type StoredItem = Record<string, AttributeValue>;

/** JSON with keys sorted at every level and set members sorted, so equal items print equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(setSorted(k, v))}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// A string or number set has no order in DynamoDB; a scan may return its members in any.
function setSorted(key: string, value: unknown): unknown {
  if ((key === 'SS' || key === 'NS') && Array.isArray(value)) return [...(value as string[])].sort();
  if (key === 'BS' && Array.isArray(value))
    return (value as Uint8Array[]).map((b) => Buffer.from(b).toString('base64')).sort();
  return value;
}

const MODULUS = 1n << 128n;

/** Order-independent: the sum of the items' SHA-256 (first 128 bits), as 32 hex digits. */
export function tableChecksum(items: Iterable<StoredItem>): string {
  let sum = 0n;
  for (const item of items) {
    const digest = createHash('sha256').update(canonicalJson(item)).digest('hex').slice(0, 32);
    sum = (sum + BigInt(`0x${digest}`)) % MODULUS;
  }
  return sum.toString(16).padStart(32, '0');
}
