import { domainEvent, publishEvent } from '@shopeasy/events';
import type { AwsClients } from '@shopeasy/service-kit/aws';
import type { UserEvents } from '../domain/ports.js';

/** Domain events of the users service on the shared SNS topic. */
export function createUserEvents(sns: AwsClients['sns'], topicArn: string): UserEvents {
  return {
    async userRegistered(user) {
      await publishEvent(
        sns,
        topicArn,
        domainEvent('user.registered', { userId: user.id, email: user.email, name: user.name }),
      );
    },
  };
}
