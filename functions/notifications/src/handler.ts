import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordAwsCalls } from '@shopeasy/service-kit/aws';
import { startFunctionTracing } from '@shopeasy/service-kit/telemetry/tracing';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createBatchHandler } from './batch-handler.js';
import { awsClientConfig, loadConfig } from './config.js';
import { createEmailRecords } from './data-access/email-records.js';
import { createSesSender } from './email/ses-sender.js';
import { createLogger, createMetrics } from './observability.js';

// Cold start: a bad configuration fails the init phase, naming the variable, before any message.
const config = loadConfig();
const clientConfig = awsClientConfig(config);
const logger = createLogger();
startFunctionTracing('notifications');

// Each records its calls for the IAM check when AWS_CALL_LOG is set (locally), and is as it was otherwise.
const dynamo = recordAwsCalls(DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig)), 'notifications');
const ses = recordAwsCalls(new SESv2Client(clientConfig), 'notifications');

const processBatch = createBatchHandler({
  records: createEmailRecords(dynamo, {
    table: config.EMAILS_TABLE,
    leaseSeconds: config.CLAIM_LEASE_SECONDS,
    ttlDays: config.EMAIL_RECORD_TTL_DAYS,
  }),
  sender: createSesSender(ses, config.SES_FROM),
  logger,
  metrics: createMetrics(),
});

/**
 * Lambda entry point for the notifications queue (SQS event source with ReportBatchItemFailures):
 * sends the customer's email for each event and returns the records to retry.
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  return processBatch(event, context);
}
