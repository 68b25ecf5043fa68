// Loaded before a process's own code (`node --import @shopeasy/service-kit/telemetry/register`),
// because the instrumentations must hook http, Express and the AWS SDK before anything imports
// them. With tracing off it imports nothing more, so start-up time does not change.
import { register } from 'node:module';
import { tracingMode } from './settings.js';

const mode = tracingMode();
if (mode !== 'off') {
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  // Only the modules an instrumentation asks for are wrapped; everything else loads untouched.
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const { startTracing } = await import('./tracing.js');
  // The local gateway is the edge, as API Gateway is in AWS: traces start there.
  startTracing({ mode, instrument: true, edge: process.env.OTEL_SERVICE_NAME === 'gateway' });
  await waitForAllMessagesAcknowledged();
}
