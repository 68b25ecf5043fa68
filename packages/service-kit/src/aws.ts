import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface AwsSettings {
  AWS_REGION: string;
  AWS_ENDPOINT_URL?: string | undefined;
}

type ClientConfig = {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/**
 * SDK client settings: production uses the default credential chain; against a local emulator
 * (AWS_ENDPOINT_URL set) dummy credentials stand in when none are configured.
 */
export function awsClientConfig(settings: AwsSettings): ClientConfig {
  const config: ClientConfig = { region: settings.AWS_REGION };
  if (settings.AWS_ENDPOINT_URL) {
    config.endpoint = settings.AWS_ENDPOINT_URL;
    if (!process.env.AWS_ACCESS_KEY_ID) config.credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  }
  return config;
}

/** The AWS clients a service may use, created on first use. */
export function createAwsClients(settings: AwsSettings) {
  const config = awsClientConfig(settings);
  let dynamo: DynamoDBDocumentClient | undefined;
  let sns: SNSClient | undefined;
  let sqs: SQSClient | undefined;
  let kinesis: KinesisClient | undefined;
  let ses: SESv2Client | undefined;
  return {
    get dynamo() {
      return (dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient(config), {
        marshallOptions: { removeUndefinedValues: true },
      }));
    },
    get sns() {
      return (sns ??= new SNSClient(config));
    },
    get sqs() {
      return (sqs ??= new SQSClient(config));
    },
    get kinesis() {
      // Kinesis defaults to HTTP/2, which local emulators do not speak; HTTP/1.1 works everywhere.
      return (kinesis ??= new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() }));
    },
    get ses() {
      return (ses ??= new SESv2Client(config));
    },
  };
}

export type AwsClients = ReturnType<typeof createAwsClients>;
