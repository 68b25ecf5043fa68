import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { currentContext } from '@shopeasy/service-kit/context';
import type { ReviewQueue } from '../domain/ports.js';

/** Review submissions on the feedback SQS queue, as JSON, with the request id for tracing. */
export function createReviewQueue(sqs: SQSClient, queueUrl: string): ReviewQueue {
  return {
    async submit(submission) {
      const requestId = currentContext()?.requestId;
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify({ ...submission, ...(requestId ? { requestId } : {}) }),
        }),
      );
    },
  };
}
