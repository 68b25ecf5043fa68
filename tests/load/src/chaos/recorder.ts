// Every request the chaos traffic sends, with when it ended and how: the figures per fault are
// read from it afterwards (what failed while a component was down, requests per second).

export type TrafficKind = 'browse' | 'detail' | 'cart' | 'register' | 'checkout' | 'review' | 'admin';

export interface Outcome {
  /** Milliseconds since the run started, when the answer (or the error) came. */
  readonly at: number;
  readonly kind: TrafficKind;
  /** The HTTP status, or `error` when no answer came (refused, reset, timed out). */
  readonly status: number | 'error';
}

/** A request failed when nothing answered or the answer was a 5xx; a 4xx is an answer. */
export const failed = (status: number | 'error') => status === 'error' || status >= 500;

export class Recorder {
  readonly outcomes: Outcome[] = [];
  constructor(private readonly started = performance.now()) {}

  /** Milliseconds since the run started. */
  now(): number {
    return performance.now() - this.started;
  }

  /** Sends one request and records how it ended; undefined when nothing answered. */
  async send(kind: TrafficKind, url: string, init: RequestInit, timeoutMs = 10_000) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const body = await res.text();
      this.outcomes.push({ at: this.now(), kind, status: res.status });
      return { status: res.status, body, headers: res.headers };
    } catch {
      this.outcomes.push({ at: this.now(), kind, status: 'error' });
      return undefined;
    }
  }
}

export interface WindowFigures {
  requests: number;
  failed: number;
  /** Every answer that was not a 2xx, by status (`error` for none). */
  byStatus: Record<string, number>;
  /** The failed requests by what the traffic was doing (browse, cart, checkout…). */
  failedByKind: Record<string, number>;
}

/** What the traffic saw between two instants (ms since the start). */
export function windowFigures(outcomes: readonly Outcome[], from: number, to: number): WindowFigures {
  const figures: WindowFigures = { requests: 0, failed: 0, byStatus: {}, failedByKind: {} };
  for (const o of outcomes) {
    if (o.at < from || o.at > to) continue;
    figures.requests += 1;
    if (failed(o.status)) {
      figures.failed += 1;
      figures.failedByKind[o.kind] = (figures.failedByKind[o.kind] ?? 0) + 1;
    }
    const ok = typeof o.status === 'number' && o.status < 300;
    if (!ok) figures.byStatus[String(o.status)] = (figures.byStatus[String(o.status)] ?? 0) + 1;
  }
  return figures;
}

/** Answers per whole second of the run: those that did not fail, and those that did. */
export function perSecond(outcomes: readonly Outcome[]): { second: number; ok: number; failed: number }[] {
  const last = Math.max(0, ...outcomes.map((o) => Math.floor(o.at / 1000)));
  const seconds = Array.from({ length: last + 1 }, (_, second) => ({ second, ok: 0, failed: 0 }));
  for (const o of outcomes) seconds[Math.floor(o.at / 1000)]![failed(o.status) ? 'failed' : 'ok'] += 1;
  return seconds;
}
