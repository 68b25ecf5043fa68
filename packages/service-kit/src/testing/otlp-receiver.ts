import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as an OTLP/HTTP JSON exporter sent it (ids in hex). */
export interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Nanoseconds since the epoch, as a decimal string (OTLP's uint64), when the exporter sent them. */
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes: Record<string, unknown>;
}

export interface OtlpReceiver {
  /** Give this to the processes as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  spans: ReceivedSpan[];
  stop(): Promise<void>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

const valueOf = (v: Record<string, unknown>) => Object.values(v)[0];

/**
 * A stand-in for Jaeger in tests: takes OTLP/HTTP JSON on /v1/traces (what the services'
 * exporter sends) and keeps the spans, so a test can check one trace crossed every hop. Like
 * Jaeger's query API, `GET /api/traces/<traceId>` answers `{ spans: [...] }` (for tests in other
 * processes than the one that started it).
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const query = /^\/api\/traces\/([0-9a-f]{32})$/.exec(req.url ?? '');
      if (req.method === 'GET' && query) {
        const found = spans.filter((span) => span.traceId === query[1]);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ spans: found }));
        return;
      }
      if (req.url === '/v1/traces' && req.headers['content-type']?.startsWith('application/json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name');
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? [])
              spans.push({
                service: String(service ? valueOf(service.value) : ''),
                name: span.name,
                traceId: span.traceId,
                spanId: span.spanId,
                ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
                kind: span.kind,
                ...(span.startTimeUnixNano !== undefined
                  ? { startTimeUnixNano: String(span.startTimeUnixNano) }
                  : {}),
                ...(span.endTimeUnixNano !== undefined
                  ? { endTimeUnixNano: String(span.endTimeUnixNano) }
                  : {}),
                attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
              });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
