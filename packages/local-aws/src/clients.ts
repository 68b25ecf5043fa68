import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_REGION } from '@shopeasy/resources';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** AWS SDK v3 clients pointed at one endpoint with the emulator's dummy credentials. */
export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly kinesis: KinesisClient;
  readonly s3: S3Client;
  readonly sesv2: SESv2Client;
  destroy(): void;
}

export function createClients(endpoint: string, region: string = LOCAL_REGION): AwsClients {
  const config = {
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const clients = {
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient(config),
    sns: new SNSClient(config),
    // The Kinesis client defaults to HTTP/2, which a plain-http emulator endpoint does not speak.
    kinesis: new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() }),
    // Path-style addressing: bucket names are not resolvable as 127.0.0.1 subdomains.
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sesv2: new SESv2Client(config),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((c) => c.destroy()),
  };
}
