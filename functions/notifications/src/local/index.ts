export { startEventSourceMapping } from './event-source.js';
export type { BatchSummary, EventSourceMapping, EventSourceOptions } from './event-source.js';
export { queueArnFromUrl, toSqsRecord } from './sqs-event.js';
export { listSentEmails, waitForSentEmails } from './sent-emails.js';
export type { SentEmail } from './sent-emails.js';
