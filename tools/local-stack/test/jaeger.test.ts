import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@shopeasy/service-kit/testing';
import { afterEach, describe, expect, it, vi, type TestContext } from 'vitest';
import { isRunning, repoRoot } from '@shopeasy/local-aws';
import { JAEGER_ENTRY, jaegerEnv, jaegerPortsInUse, startJaeger } from '../src/jaeger.js';
import { buildTrace, summarizeTraces, type JaegerTrace } from '../trace-viewer/static/trace-model.js';

const root = repoRoot();
const JAVASCRIPT = /^(text|application)\/javascript\b/;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('local Jaeger for TRACING=jaeger', () => {
  it('When two services export one trace over OTLP/HTTP JSON, then Jaeger returns both spans by trace id, serves the trace viewer that shows them, and stop ends it', async (ctx) => {
    await skipUnlessJaegerCanStart(ctx);
    // ShopEasy's viewer, whatever UI the developer running the tests has chosen.
    vi.stubEnv('JAEGER_UI_ASSETS', '');

    const jaeger = await startJaeger({ root, logDir: mkdtempSync(join(tmpdir(), 'shopeasy-jaeger-')) });
    try {
      expect(jaeger.otlpEndpoint).toBe('http://127.0.0.1:4318');
      const traceId = randomBytes(16).toString('hex');
      const gatewaySpan = randomBytes(8).toString('hex');
      const ordersSpan = randomBytes(8).toString('hex');
      const res = await fetch(`${jaeger.otlpEndpoint}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceSpans: [
            resourceSpans('gateway', { traceId, spanId: gatewaySpan, name: 'POST /v1/orders', kind: 2 }),
            resourceSpans('orders', {
              traceId,
              spanId: ordersSpan,
              parentSpanId: gatewaySpan,
              name: 'createOrder',
              kind: 2,
            }),
          ],
        }),
      });
      expect(res.status).toBe(200);

      const trace = await readTrace(jaeger.uiUrl, traceId);
      expect(trace.traceID).toBe(traceId);
      const services = Object.fromEntries(
        trace.spans.map((s) => [s.spanID, trace.processes[s.processID]?.serviceName]),
      );
      expect(services).toEqual({ [gatewaySpan]: 'gateway', [ordersSpan]: 'orders' });
      const orders = trace.spans.find((s) => s.spanID === ordersSpan);
      expect(orders?.operationName).toBe('createOrder');
      expect(orders?.references?.map((r) => r.spanID)).toEqual([gatewaySpan]);

      // The viewer's model, fed what the viewer fetches: the trace by id and the service's search.
      expect(buildTrace(trace).rows.map((r) => [r.depth, r.service, r.operation])).toEqual([
        [0, 'gateway', 'POST /v1/orders'],
        [1, 'orders', 'createOrder'],
      ]);
      const start = (Date.now() - 3_600_000) * 1000;
      const search = await fetch(`${jaeger.uiUrl}/api/traces?service=gateway&limit=20&start=${start}`);
      const listed = summarizeTraces(((await search.json()) as { data: JaegerTrace[] }).data);
      expect(listed.find((t) => t.traceId === traceId)).toMatchObject({
        rootOperation: 'POST /v1/orders',
        services: ['gateway', 'orders'],
        spanCount: 2,
        errorCount: 0,
      });

      // Every path but /api/ and /static/ is the page, so /trace/<id> links (the official UI's form) work.
      for (const path of ['/', `/trace/${traceId}`]) {
        const page = await fetch(`${jaeger.uiUrl}${path}`);
        expect(page.status, path).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await page.text();
        expect(html).toContain('<title>ShopEasy traces</title>');
        // Jaeger's UI handler filled in its version, so this is the page it serves, not a plain file.
        expect(html).toMatch(/JAEGER_VERSION = \{"gitCommit"/);
      }
      const scripts = {
        'viewer.js': "from './trace-model.js'",
        'trace-model.js': 'export function buildTrace',
      };
      for (const [file, marker] of Object.entries(scripts)) {
        const script = await fetch(`${jaeger.uiUrl}/static/${file}`);
        expect(script.status, file).toBe(200);
        // Browsers run ES modules only when served with a JavaScript content type.
        expect(script.headers.get('content-type'), file).toMatch(JAVASCRIPT);
        expect(await script.text()).toContain(marker);
      }
      const css = await fetch(`${jaeger.uiUrl}/static/viewer.css`);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    } finally {
      await jaeger.stop();
    }
    expect(isRunning(jaeger.pid)).toBe(false);
    expect(await jaegerPortsInUse()).toEqual([]);
  }, 60_000);

  it('When JAEGER_UI_ASSETS names another UI build, then Jaeger serves that one instead', async (ctx) => {
    await skipUnlessJaegerCanStart(ctx);
    const build = mkdtempSync(join(tmpdir(), 'shopeasy-jaeger-ui-'));
    mkdirSync(join(build, 'static'));
    writeFileSync(join(build, 'index.html'), '<!doctype html><title>Another Jaeger UI</title>');
    writeFileSync(join(build, 'static', 'main.js'), 'export {};');
    vi.stubEnv('JAEGER_UI_ASSETS', build);

    const jaeger = await startJaeger({ root, logDir: mkdtempSync(join(tmpdir(), 'shopeasy-jaeger-')) });
    try {
      expect(await (await fetch(`${jaeger.uiUrl}/`)).text()).toContain('<title>Another Jaeger UI</title>');
      const script = await fetch(`${jaeger.uiUrl}/static/main.js`);
      expect(script.headers.get('content-type')).toMatch(JAVASCRIPT);
    } finally {
      await jaeger.stop();
    }
  }, 60_000);

  it('When JAEGER_UI_ASSETS is relative, empty or a folder without index.html, then it is made absolute, ignored or refused', () => {
    expect(jaegerEnv(root, { PATH: '/bin', JAEGER_UI_ASSETS: 'tools/local-stack/trace-viewer' })).toEqual({
      PATH: '/bin',
      JAEGER_UI_ASSETS: join(root, 'tools/local-stack/trace-viewer'),
    });
    expect(jaegerEnv(root, { PATH: '/bin', JAEGER_UI_ASSETS: '' })).toEqual({ PATH: '/bin' });
    expect(() => jaegerEnv(root, { JAEGER_UI_ASSETS: 'tools/local-stack' })).toThrow(
      `JAEGER_UI_ASSETS=tools/local-stack: ${join(root, 'tools/local-stack')} has no index.html`,
    );
  });
});

// Building Jaeger takes minutes, so the suite only uses a binary that is already there; its ports
// are fixed, so it also skips while something else (a running Jaeger?) holds them.
async function skipUnlessJaegerCanStart(ctx: TestContext) {
  if (!existsSync(join(root, JAEGER_ENTRY))) {
    const reason = `${JAEGER_ENTRY} is not built (bash scripts/lib/jaeger.sh builds it, a few minutes)`;
    console.warn(`skipped: ${reason}`);
    // eslint-disable-next-line no-restricted-syntax -- building Jaeger takes minutes; the suite uses one already built.
    ctx.skip(reason);
  }
  const taken = await jaegerPortsInUse();
  if (taken.length > 0) {
    const reason = `127.0.0.1 port(s) ${taken.join(', ')} already in use (a running Jaeger?)`;
    console.warn(`skipped: ${reason}`);
    // eslint-disable-next-line no-restricted-syntax -- Jaeger's ports are fixed; another Jaeger holds them.
    ctx.skip(reason);
  }
}

function resourceSpans(
  service: string,
  span: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number },
) {
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [
      {
        scope: { name: 'shopeasy-test' },
        spans: [{ ...span, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 5_000_000n) }],
      },
    ],
  };
}

/** GET /api/traces/{id}, the query API the Jaeger UI reads; polled briefly in case storing lags. */
async function readTrace(uiUrl: string, traceId: string): Promise<JaegerTrace> {
  return eventually(
    async () => {
      const res = await fetch(`${uiUrl}/api/traces/${traceId}`);
      const body = (await res.json()) as { data?: JaegerTrace[] };
      const trace = body.data?.[0];
      if (res.ok && trace && trace.spans.length >= 2) return trace;
      throw new Error(`Trace ${traceId} not found: ${res.status} ${JSON.stringify(body)}`);
    },
    { timeoutMs: 10_000, intervalMs: 200 },
  );
}
