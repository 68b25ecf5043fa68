import { startStack, TEST_STACK_ENV } from '@shopeasy/local-stack';
import { startOtlpReceiver } from '@shopeasy/service-kit/testing';
import type {} from 'vitest';
import { startPrismProxy } from './prism-proxy.js';

interface ProvidingProject {
  provide(key: 'stack', value: StackInfo): void;
}

export interface StackInfo {
  gatewayUrl: string;
  endpoint: string;
  env: Record<string, string>;
  /** Each process's log file is <logDir>/<component>.log. */
  logDir: string;
  /** Where every process sent its spans; `GET <tracesUrl>/api/traces/<traceId>` reads one trace. */
  tracesUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

// Throttling is exercised by the gateway's own tests; here many shoppers share one address.
export const e2eStackEnv = {
  ...TEST_STACK_ENV,
  // Metrics lines are written every second instead of every minute, so a flow can read them back.
  METRICS_FLUSH_INTERVAL_MS: '1000',
};

export default async function setup(project: ProvidingProject) {
  // The flows run on the demo catalog `npm start` seeds: a test that passes on ten items can fail
  // on ten thousand.
  // Every process traces, as in AWS, to a receiver standing in for Jaeger or the ADOT collector.
  const traces = await startOtlpReceiver();
  const stack = await startStack({
    ports: 'free',
    seed: true,
    env: { ...e2eStackEnv, OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint },
  }).catch(async (error: unknown) => {
    await traces.stop();
    throw error;
  });
  const stop = async () => {
    await stack.stop();
    await traces.stop();
  };
  if (!stack.gatewayUrl) {
    await stop();
    throw new Error('The gateway is missing from this checkout');
  }
  console.log(`e2e stack: gateway ${stack.gatewayUrl}, logs in ${stack.logDir}`);
  // E2E_THROUGH_PRISM=1: the flows reach the gateway through Prism, which fails what breaks the contract.
  const prism =
    process.env.E2E_THROUGH_PRISM === '1'
      ? await startPrismProxy(stack.gatewayUrl, stack.logDir).catch(async (error: unknown) => {
          await stop();
          throw error;
        })
      : undefined;
  if (prism) console.log(`e2e through prism proxy --errors on ${prism.url}`);
  project.provide('stack', {
    gatewayUrl: prism?.url ?? stack.gatewayUrl,
    endpoint: stack.endpoint,
    env: stack.env,
    logDir: stack.logDir,
    tracesUrl: traces.endpoint,
  });
  return async () => {
    const violations = prism?.violations() ?? [];
    await prism?.stop();
    await stop();
    // A flow that swallowed Prism's 500 still fails the run.
    if (violations.length > 0) {
      throw new Error(`${violations.length} contract violations through prism:\n${violations.join('\n')}`);
    }
  };
}
