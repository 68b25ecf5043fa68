import { Logger } from '@aws-lambda-powertools/logger';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { putInventoryEvents } from '@shopeasy/events';
import { recordAwsCalls } from '@shopeasy/service-kit/aws';
import { startFunctionTracing } from '@shopeasy/service-kit/telemetry/tracing';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { awsClientConfig, loadConfig } from './config.js';
import { createRelay } from './relay.js';

// Cold start: a bad configuration fails the init phase, naming the variable, before any record.
const config = loadConfig();
const logger = new Logger({ serviceName: 'cart-events' });
startFunctionTracing('cart-events');

// Records its calls for the IAM check when AWS_CALL_LOG is set (locally), and is as it was otherwise.
const kinesis = recordAwsCalls(new KinesisClient(awsClientConfig(config)), 'cartEvents');

const relay = createRelay({
  put: (events) => putInventoryEvents(kinesis, config.INVENTORY_STREAM, events, config.PUT_ATTEMPTS),
  logger,
});

/**
 * Lambda entry point for the cart table's stream (DynamoDB event source with
 * ReportBatchItemFailures): relays each cart write's outbox to the inventory stream.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return relay(event);
}
