/**
 * Seconds until a failed message is received again: base * 2^(receives - 1), at most max.
 * After the queue's maxReceiveCount receives, SQS moves the message to the DLQ instead.
 */
export function retryDelaySeconds(receiveCount: number, baseSeconds: number, maxSeconds: number): number {
  const attempt = Math.max(1, Math.floor(receiveCount));
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.min(attempt - 1, 20));
}
