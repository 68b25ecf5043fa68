import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ulid } from 'ulid';
import { currentContext } from './context.js';

/** The envelope of every domain event on the SNS topic. */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  requestId?: string;
  data: T;
}

export function domainEvent<T>(type: string, data: T, id: string = `evt_${ulid()}`): DomainEvent<T> {
  const requestId = currentContext()?.requestId;
  return { id, type, occurredAt: new Date().toISOString(), ...(requestId ? { requestId } : {}), data };
}

/** Publishes an event; the `type` message attribute drives the subscriptions' filter policies. */
export async function publishEvent(sns: SNSClient, topicArn: string, event: DomainEvent): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
    }),
  );
}
