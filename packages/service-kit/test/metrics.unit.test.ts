import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServiceMetrics } from '../src/metrics.js';

interface EmfLine {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** The EMF lines Powertools writes to stdout while `work` runs. */
function emfLines(work: () => void): EmfLine[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

const dimensionsOf = (line: EmfLine) => line._aws.CloudWatchMetrics[0]!.Dimensions[0]!;

describe('service metrics (CloudWatch EMF)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('When requests are answered, then one flush writes counts and latencies per service and per operation', () => {
    const metrics = createServiceMetrics('orders', { flushIntervalMs: 60_000 });
    metrics.request('createOrder', 201, 12.34);
    metrics.request('createOrder', 402, 20);
    metrics.request('getOrder', 503, 5);
    const lines = emfLines(() => metrics.stop());

    const service = lines.find((l) => dimensionsOf(l).join() === 'service');
    expect(service).toMatchObject({ service: 'orders', Requests: 3, Responses4xx: 1, Responses5xx: 1 });
    expect(service?.Latency).toEqual([12.3, 20, 5]);
    expect(service?._aws.CloudWatchMetrics[0]!.Namespace).toBe('ShopEasy');

    const checkout = lines.find((l) => l.operation === 'createOrder');
    expect(dimensionsOf(checkout!).sort()).toEqual(['operation', 'service']);
    expect(checkout).toMatchObject({ Requests: 2, Responses4xx: 1, Responses5xx: 0, Latency: [12.3, 20] });
    const units = Object.fromEntries(
      checkout!._aws.CloudWatchMetrics[0]!.Metrics.map((m) => [m.Name, m.Unit]),
    );
    expect(units).toMatchObject({ Requests: 'Count', Latency: 'Milliseconds' });
  });

  it('When business counts carry a dimension, then each dimension value is its own line, and nothing is written twice', () => {
    const metrics = createServiceMetrics('orders', { flushIntervalMs: 60_000 });
    metrics.count('PaymentsDeclined');
    metrics.count('PaymentsDeclined', { declineCode: 'card_declined' });
    metrics.count('PaymentsDeclined');
    metrics.count('PaymentsDeclined', { declineCode: 'insufficient_funds' });
    const first = emfLines(() => metrics.flush());
    expect(first.map((l) => [l.declineCode ?? '-', l.PaymentsDeclined]).sort()).toEqual([
      ['-', 2],
      ['card_declined', 1],
      ['insufficient_funds', 1],
    ]);
    expect(emfLines(() => metrics.stop())).toEqual([]);
  });
});
