import { SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_ENV, localEnvironment } from '@shopeasy/resources';
import { recordAwsCalls } from '@shopeasy/service-kit/aws';
import { armFaultPause, faultPauseShape } from '@shopeasy/service-kit/config';
import { untraced } from '@shopeasy/service-kit/telemetry';
import { z } from 'zod';
import { awsClientConfig, loadConfig } from '../config.js';
import { createLogger } from '../observability.js';
import { startEventSourceMapping } from './event-source.js';

// Plays Lambda's SQS event-source mapping for the notifications function on a laptop or in CI
// (`npm start` starts it through tools/local-stack). No HTTP port: it only polls the queue.

const runnerSchema = z.object({
  [QUEUE_ENV.notifications.url]: z.url().default(localEnvironment().NOTIFICATIONS_QUEUE_URL),
  RUNNER_BATCH_SIZE: z.coerce.number().int().min(1).max(10).default(10),
  RUNNER_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  /** Fault tests only: `email-claimed` waits after an email is claimed, before it is sent. */
  ...faultPauseShape,
});

const logger = createLogger('notifications-runner');
const parsed = runnerSchema.safeParse(process.env);
if (!parsed.success) {
  logger.critical('Invalid runner configuration', {
    issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  });
  process.exit(1);
}
const settings = parsed.data;
const config = loadConfig();
try {
  // Refused where the cloud's rules apply (the local stack runs with LOCAL_DEFAULTS=off).
  armFaultPause(
    {
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      LOCAL_DEFAULTS: process.env.LOCAL_DEFAULTS ?? 'on',
      ...settings,
    },
    (step) => logger.warn('fault pause', { step }),
  );
} catch (error) {
  logger.critical('Invalid runner configuration', { error: error as Error });
  process.exit(1);
}

// Imported here, like Lambda's init phase: the handler validates its configuration on load.
const { handler } = await import('../handler.js');

const queueUrl = settings.NOTIFICATIONS_QUEUE_URL;
// Polls make no spans (an idle queue would fill the trace viewer); each record's handling does.
const mapping = untraced(() =>
  startEventSourceMapping({
    // Lambda polls with the function's role, so these calls are the function's too.
    sqs: recordAwsCalls(new SQSClient(awsClientConfig(config)), 'notifications'),
    queueUrl,
    region: config.AWS_REGION,
    handler,
    batchSize: settings.RUNNER_BATCH_SIZE,
    waitTimeSeconds: settings.RUNNER_WAIT_SECONDS,
    onBatch: (batch) => logger.info('Batch processed', { ...batch }),
    onError: (error) => logger.error('Polling the notifications queue failed', { error: error as Error }),
  }),
);
logger.info('Polling the notifications queue', { queueUrl, batchSize: settings.RUNNER_BATCH_SIZE });

const stop = (signal: NodeJS.Signals) => {
  logger.info('Stopping after the batch in flight', { signal });
  process.once(signal, () => process.exit(130));
  void mapping.stop();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

await mapping.done;
logger.info('Notifications runner stopped');
// The SDK's keep-alive sockets would hold the process open a little longer.
process.exit(0);
