import autocannon from 'autocannon';
import { summarise, type Sample, type ScenarioFigures } from './stats.js';

/** One request of a scenario's sequence; the label names the figures it counts towards. */
export interface LabelledRequest extends autocannon.Request {
  label: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  /** Each connection sends these in turn, over and over, until the duration is up. */
  requests: LabelledRequest[];
}

/**
 * One timed autocannon run. Figures come per label (cart add and cart remove share a run but
 * not their figures); errors and timeouts belong to the whole run, so every label carries them.
 */
export async function runLoad(spec: LoadSpec): Promise<ScenarioFigures[]> {
  const labels = [...new Set(spec.requests.map((r) => r.label))];
  const samples = new Map<string, Sample[]>(labels.map((l) => [l, []]));
  // autocannon calls a request's onResponse and then emits 'response' for that same answer,
  // synchronously, so the label set here is the one the next 'response' event belongs to.
  let answered: string | undefined;
  const requests = spec.requests.map(({ label, onResponse, ...request }) => ({
    ...request,
    onResponse: (status: number, body: string, context: object, headers: autocannon.Request['headers']) => {
      answered = label;
      if (typeof onResponse === 'function') onResponse(status, body, context, headers);
    },
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.durationSeconds,
        timeout: spec.timeoutSeconds,
        requests,
      },
      (error: unknown, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (answered !== undefined) samples.get(answered)?.push({ status: statusCode, ms: responseTime });
      answered = undefined;
    });
  });
  const failures = { errors: result.errors, timeouts: result.timeouts };
  return labels.map((label) => summarise(label, samples.get(label) ?? [], result.duration, failures));
}
