import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { EVENT_TYPE_ATTRIBUTE, type EventType } from '@shopeasy/resources';
import { ulid } from 'ulid';
import { currentContext } from '@shopeasy/service-kit/context';
import type { DomainEnvelope, DomainEventData } from './domain-events.js';

/** Wraps a payload in the envelope all consumers read; pass `id` to make a retry publish the same event. */
export function domainEvent<T extends EventType>(
  type: T,
  data: DomainEventData[T],
  id: string = `evt_${ulid()}`,
): DomainEnvelope<T> {
  const requestId = currentContext()?.requestId;
  return { id, type, occurredAt: new Date().toISOString(), ...(requestId ? { requestId } : {}), data };
}

/**
 * Publishes an event; the `type` message attribute drives the subscriptions' filter policies. With
 * tracing on, the AWS SDK instrumentation adds the trace headers (`traceparent`) as message
 * attributes, and consumers continue the trace from them (`messageTraceCarrier`).
 */
export async function publishEvent(sns: SNSClient, topicArn: string, event: DomainEnvelope): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: { [EVENT_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: event.type } },
    }),
  );
}
