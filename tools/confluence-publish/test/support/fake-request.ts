import type { IncomingMessage } from 'node:http';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Parsed JSON, or FormData for a multipart upload. */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** The request as the fake records it: JSON bodies parsed, multipart forms as FormData. */
export async function readRequest(incoming: IncomingMessage, raw: Buffer): Promise<RecordedRequest> {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const type = incoming.headers['content-type'] ?? '';
  // Multipart uploads are parsed as fetch would, so the test sees the parts a server gets.
  const body = type.startsWith('multipart/form-data')
    ? await new Response(raw, { headers: { 'content-type': type } }).formData()
    : raw.length > 0
      ? (JSON.parse(raw.toString('utf8')) as unknown)
      : undefined;
  const headers = Object.fromEntries(
    Object.entries(incoming.headers).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    body,
    headers,
  };
}
