export { callJson as call, type JsonReply as Reply } from '@shopeasy/service-kit/testing';
