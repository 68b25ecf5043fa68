import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { recordAwsCalls } from '@shopeasy/service-kit/aws';
import { untraced } from '@shopeasy/service-kit/telemetry';
import { z } from 'zod';
import { awsClientConfig, loadConfig } from '../config.js';
import { startStreamSource } from './stream-source.js';

// Plays Lambda's DynamoDB stream event source for the cart-events function on a laptop or in CI
// (`npm start` starts it through tools/local-stack). No HTTP port: it only polls the stream.

const runnerSchema = z.object({
  // Not among the function's variables: in AWS the event source mapping names the stream.
  [TABLE_ENV.cart]: z.string().min(1).default(localEnvironment().CART_TABLE),
  RUNNER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  RUNNER_POLL_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  // 10 retries after the first attempt, as the cloud's event source mapping.
  RUNNER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(11),
  // Without it every start reads the stream from its oldest record (TRIM_HORIZON).
  RUNNER_CHECKPOINT_FILE: z.string().min(1).optional(),
});

const logger = new Logger({ serviceName: 'cart-events-runner' });
const parsed = runnerSchema.safeParse(process.env);
if (!parsed.success) {
  logger.critical('Invalid runner configuration', {
    issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  });
  process.exit(1);
}
const settings = parsed.data;
const config = loadConfig();

// Imported here, like Lambda's init phase: the handler validates its configuration on load.
const { handler } = await import('../handler.js');

const tableName = settings.CART_TABLE;
// Polls make no spans (an idle stream would fill the trace viewer); each batch's handling does.
const source = untraced(() =>
  startStreamSource({
    // Finding the stream is the mapping's configuration in AWS, not a call the function's role makes.
    dynamodb: new DynamoDBClient(awsClientConfig(config)),
    // Lambda reads the stream with the function's role, so these calls are the function's too.
    streams: recordAwsCalls(new DynamoDBStreamsClient(awsClientConfig(config)), 'cartEvents'),
    tableName,
    region: config.AWS_REGION,
    handler,
    batchSize: settings.RUNNER_BATCH_SIZE,
    pollMs: settings.RUNNER_POLL_MS,
    maxAttempts: settings.RUNNER_MAX_ATTEMPTS,
    checkpointFile: settings.RUNNER_CHECKPOINT_FILE,
    onBatch: (batch) => logger.debug('Batch relayed', { ...batch }),
    onGiveUp: (skipped) =>
      logger.error('Gave up on cart stream records; their events are not relayed', { ...skipped }),
    onError: (error) => logger.error('Relaying the cart table stream failed', { error: error as Error }),
  }),
);
logger.info('Relaying the cart table stream', {
  tableName,
  batchSize: settings.RUNNER_BATCH_SIZE,
  checkpointFile: settings.RUNNER_CHECKPOINT_FILE,
});

const stop = (signal: NodeJS.Signals) => {
  logger.info('Stopping after the batch in flight', { signal });
  process.once(signal, () => process.exit(130));
  void source.stop();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

try {
  await source.done;
} catch (error) {
  logger.critical('Cart stream runner failed', { error: error as Error });
  process.exit(1);
}
logger.info('Cart events runner stopped');
// The SDK's keep-alive sockets would hold the process open a little longer.
process.exit(0);
