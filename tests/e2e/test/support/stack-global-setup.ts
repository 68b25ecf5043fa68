import { startStack } from '@shopeasy/local-stack';
import type {} from 'vitest';

interface ProvidingProject {
  provide(key: 'stack', value: StackInfo): void;
}

export interface StackInfo {
  gatewayUrl: string;
  endpoint: string;
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

// Throttling is exercised by the gateway's own tests; here many shoppers share one address.
export const e2eStackEnv = { THROTTLE_RATE_PER_SECOND: '1000', THROTTLE_BURST: '2000', LOG_LEVEL: 'warn' };

export default async function setup(project: ProvidingProject) {
  const stack = await startStack({ ports: 'free', env: e2eStackEnv });
  if (!stack.gatewayUrl) {
    await stack.stop();
    throw new Error('The gateway is missing from this checkout');
  }
  project.provide('stack', { gatewayUrl: stack.gatewayUrl, endpoint: stack.endpoint, env: stack.env });
  return () => stack.stop();
}
