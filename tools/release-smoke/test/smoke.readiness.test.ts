import { startStubServer, type StubServer } from '@shopeasy/service-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport, readContractFile, runSmoke } from '../src/index.js';

const paymentKeyUnset = {
  name: 'payment-provider',
  status: 'degraded',
  detail: 'STRIPE_SECRET_KEY is not set; checkout answers 503 until it is',
};
const tableOk = { name: 'orders-table', status: 'ok' };

let service: StubServer | undefined;
afterEach(() => service?.stop());

/** A service listener whose /health/ready answers `ready`; everything else is live and fine. */
async function readiness(status: number, ready: unknown) {
  service = await startStubServer((req, res) => {
    res.writeHead(req.url === '/health/ready' ? status : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/health/ready' ? ready : { status: 'ok' }));
  });
  const report = await runSmoke({
    baseUrl: service.url,
    service: 'orders',
    health: true,
    contract: readContractFile(),
  });
  return { report, ready: report.results.find((r) => r.name === 'health /health/ready')! };
}

describe('the release check of a service that reports itself degraded', () => {
  it('When orders is degraded only because its payment key is unset, then the check passes and says so', async () => {
    const { report, ready } = await readiness(200, {
      status: 'degraded',
      checks: [tableOk, paymentKeyUnset],
    });
    expect(ready.problems).toEqual([]);
    expect(ready.note).toMatch(/payment-provider \(STRIPE_SECRET_KEY is not set/);
    expect(formatReport(report)).toMatch(
      /ok +health \/health\/ready.*GET \/health\/ready \(degraded: payment-provider/,
    );
  });

  it('When another check degrades it too, then the check fails with the answer', async () => {
    const other = { name: 'something-else', status: 'degraded', detail: 'half broken' };
    const { ready } = await readiness(200, { status: 'degraded', checks: [paymentKeyUnset, other] });
    expect(ready.problems).toEqual([
      expect.stringMatching(/^expected 200 \{"status":"ok"\}, got 200 .*something-else/),
    ]);
    expect(ready.note).toBeUndefined();
  });

  it('When it is not ready at all, then the check fails even if the payment key is the reason given', async () => {
    const { ready } = await readiness(503, { status: 'unavailable', checks: [paymentKeyUnset] });
    expect(ready.problems).toEqual([expect.stringMatching(/^expected 200 \{"status":"ok"\}, got 503/)]);
  });
});
