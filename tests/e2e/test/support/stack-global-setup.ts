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
  /** Prism's log, when the flows go through it: each flow file checks its own violations there. */
  prismLog?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/**
 * The stack the flows run against: E2E_STACK (a StackInfo as JSON) when a caller already runs one
 * (the contract gate shares its seeded stack), else a seeded stack of their own, tracing to a
 * receiver standing in for Jaeger or the ADOT collector.
 */
async function flowStack(): Promise<{ info: StackInfo; stop(): Promise<void> }> {
  if (process.env.E2E_STACK) {
    return { info: JSON.parse(process.env.E2E_STACK) as StackInfo, stop: async () => {} };
  }
  const traces = await startOtlpReceiver();
  // The flows run on the demo catalog `npm start` seeds: a test that passes on ten items can fail
  // on ten thousand.
  const stack = await startStack({
    ports: 'free',
    seed: true,
    // Throttling is exercised by the gateway's own tests; here many shoppers share one address.
    env: { ...TEST_STACK_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint },
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
  const info = {
    gatewayUrl: stack.gatewayUrl,
    endpoint: stack.endpoint,
    env: stack.env,
    logDir: stack.logDir,
    tracesUrl: traces.endpoint,
  };
  return { info, stop };
}

export default async function setup(project: ProvidingProject) {
  const { info, stop } = await flowStack();
  // E2E_THROUGH_PRISM=1: the flows reach the gateway through Prism, which logs what breaks the
  // contract (test/support/contract-violations.ts fails the flow file whose answers did).
  const prism =
    process.env.E2E_THROUGH_PRISM === '1'
      ? await startPrismProxy(info.gatewayUrl, info.logDir).catch(async (error: unknown) => {
          await stop();
          throw error;
        })
      : undefined;
  if (prism) console.log(`e2e through prism proxy on ${prism.url}`);
  project.provide('stack', {
    ...info,
    gatewayUrl: prism?.url ?? info.gatewayUrl,
    ...(prism ? { prismLog: prism.logFile } : {}),
  });
  return async () => {
    await prism?.stop();
    await stop();
  };
}
