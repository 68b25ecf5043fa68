import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { PK, SK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isConditionFailed } from '@shopeasy/service-kit/aws';

/** One email: the event it is for and its recipient. */
export interface EmailKey {
  eventId: string;
  recipient: string;
}

export type ClaimResult =
  | { outcome: 'claimed'; token: string }
  /** The email for this event and recipient went out before. */
  | { outcome: 'sent' }
  /** Another attempt holds a live claim; it may be sending right now. */
  | { outcome: 'in-progress' };

export interface EmailRecordsOptions {
  table: string;
  leaseSeconds: number;
  ttlDays: number;
  now?: () => number;
}

/** Addresses are compared case-insensitively, as mail providers do in practice. */
export function emailRecordKey({ eventId, recipient }: EmailKey) {
  return { [PK]: `EVENT#${eventId}`, [SK]: `TO#${recipient.trim().toLowerCase()}` };
}

/**
 * The `emails` table: a record per event and recipient that makes each email go out once.
 * claim -> (send) -> markSent; release gives the claim up when the send failed.
 */
export function createEmailRecords(dynamo: DynamoDBDocumentClient, options: EmailRecordsOptions) {
  const now = options.now ?? Date.now;
  const table = options.table;

  return {
    /**
     * Claims the email with a conditional put: it succeeds when there is no record yet, or when
     * an earlier claim was never marked sent and its lease has run out (that attempt died).
     */
    async claim(key: EmailKey, eventType: string): Promise<ClaimResult> {
      const at = now();
      const token = randomUUID();
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...emailRecordKey(key),
              status: 'sending',
              eventType,
              claimToken: token,
              claimedAt: new Date(at).toISOString(),
              leaseUntil: at + options.leaseSeconds * 1000,
              [TTL_ATTRIBUTE]: Math.floor(at / 1000) + options.ttlDays * 24 * 3600,
            },
            ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#pk': PK, '#status': 'status' },
            ExpressionAttributeValues: { ':sending': 'sending', ':now': at },
          }),
        );
        return { outcome: 'claimed', token };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const existing = await dynamo.send(
        new GetCommand({ TableName: table, Key: emailRecordKey(key), ConsistentRead: true }),
      );
      return existing.Item?.status === 'sent' ? { outcome: 'sent' } : { outcome: 'in-progress' };
    },

    /** Records that SES accepted the email; later deliveries of the event send nothing. */
    async markSent(key: EmailKey, sesMessageId: string | undefined): Promise<void> {
      await dynamo.send(
        new UpdateCommand({
          TableName: table,
          Key: emailRecordKey(key),
          UpdateExpression:
            'SET #status = :sent, sentAt = :at, sesMessageId = :id REMOVE claimToken, leaseUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':at': new Date(now()).toISOString(),
            ':id': sesMessageId ?? '',
          },
        }),
      );
    },

    /** Gives up our own claim after a failed send, so the retry may send at once. */
    async release(key: EmailKey, token: string): Promise<void> {
      try {
        await dynamo.send(
          new DeleteCommand({
            TableName: table,
            Key: emailRecordKey(key),
            ConditionExpression: 'claimToken = :token',
            ExpressionAttributeValues: { ':token': token },
          }),
        );
      } catch (error) {
        // Someone else's claim now (ours had expired): theirs stays.
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}

export type EmailRecords = ReturnType<typeof createEmailRecords>;
