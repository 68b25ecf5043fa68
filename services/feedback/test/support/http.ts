export { callJson as call, type JsonReply as Reply } from '@shopeasy/service-kit/testing';

/** How long `eventually` waits for the worker and the topic here (the worker long-polls for a second). */
export const WORKER_PATIENCE = { timeoutMs: 20_000, intervalMs: 200 } as const;
