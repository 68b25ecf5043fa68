import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Readable, finished } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { recordAwsCalls, type AwsSdkClient } from './aws-call-log.js';
import { outgoingCall } from './deadline.js';

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

/**
 * The SDK's Node.js HTTP handler, bounded by the request being served: a call made while serving
 * a request gives up at its deadline (503 `DeadlineExceededError`, which the SDK does not retry)
 * or when its work is cancelled. Calls outside a request (workers, sweepers) are unchanged.
 */
export class RequestBoundHttpHandler extends NodeHttpHandler {
  override async handle(...[request, options = {}]: Parameters<NodeHttpHandler['handle']>) {
    // No margin: the time a peer call leaves over is for writes like giving a lease back.
    const call = outgoingCall(Number.POSITIVE_INFINITY, 0);
    const { signal } = call;
    if (!signal) return super.handle(request, options);
    const given = options.abortSignal as AbortSignal | undefined;
    const abortSignal = given ? AbortSignal.any([given, signal]) : signal;
    try {
      const answer = await super.handle(request, { ...options, abortSignal });
      // The SDK reads the body after this returns: the deadline still guards it until it ends.
      const body: unknown = answer.response.body;
      if (body instanceof Readable && !body.destroyed) finished(body, () => call.done());
      else call.done();
      return answer;
    } catch (error) {
      call.done();
      throw signal.aborted && signal.reason instanceof Error ? signal.reason : error;
    }
  }
}

/**
 * The AWS clients a service may use, created on first use. Given the service's name as
 * `component`, each records its calls when `AWS_CALL_LOG` is set (`recordAwsCalls`).
 */
export function createAwsClients(settings: AwsSettings, component?: string) {
  // HTTP/1.1 everywhere (Kinesis would default to HTTP/2, which local emulators do not speak).
  const config = () => ({ ...awsClientConfig(settings), requestHandler: new RequestBoundHttpHandler() });
  const recorded = <C extends AwsSdkClient>(client: C) =>
    component === undefined ? client : recordAwsCalls(client, component);
  let dynamo: DynamoDBDocumentClient | undefined;
  let sns: SNSClient | undefined;
  let sqs: SQSClient | undefined;
  let kinesis: KinesisClient | undefined;
  let ses: SESv2Client | undefined;
  return {
    get dynamo() {
      return (dynamo ??= recorded(
        DynamoDBDocumentClient.from(new DynamoDBClient(config()), {
          marshallOptions: { removeUndefinedValues: true },
        }),
      ));
    },
    get sns() {
      return (sns ??= recorded(new SNSClient(config())));
    },
    get sqs() {
      return (sqs ??= recorded(new SQSClient(config())));
    },
    get kinesis() {
      return (kinesis ??= recorded(new KinesisClient(config())));
    },
    get ses() {
      return (ses ??= recorded(new SESv2Client(config())));
    },
    /** Closes the clients' connections (at shutdown, after the last request and batch). */
    destroy() {
      for (const client of [dynamo, sns, sqs, kinesis, ses]) client?.destroy();
    },
  };
}

export type AwsClients = ReturnType<typeof createAwsClients>;
