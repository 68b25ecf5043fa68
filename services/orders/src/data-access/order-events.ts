import { publishEvent } from '@shopeasy/events';
import type { AwsClients } from '@shopeasy/service-kit/aws';
import { dependencyUnavailable } from '../domain/errors.js';
import type { EventPublisher } from '../domain/ports.js';

/** Order events on the shared SNS topic, in the order given. */
export function createOrderEvents(sns: AwsClients['sns'], topicArn: string): EventPublisher {
  return {
    async publish(events) {
      try {
        for (const event of events) await publishEvent(sns, topicArn, event);
      } catch (error) {
        throw dependencyUnavailable('event topic', error);
      }
    },
  };
}
