import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK } from '@shopeasy/resources';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import { keys } from '../data-access/keys.js';
import { PaymentProviderUnavailableError } from '../domain/payment-provider.js';

/** A sandbox PaymentIntent, as its ledger keeps it (`canceled`: cancelled before it took money). */
export interface SandboxCharge {
  status: 'succeeded' | 'declined' | 'requires_action' | 'canceled';
  reference: string;
  declineCode?: string;
  clientSecret?: string;
  amount: number;
  currency: string;
  paymentMethodId: string;
}

const PREFIX = 'pi_sandbox_';

/** The PaymentIntent id of the charge made under a key, and back. */
export const sandboxReference = (idempotencyKey: string) =>
  `${PREFIX}${Buffer.from(idempotencyKey).toString('base64url')}`;
export const keyOfReference = (reference: string) =>
  reference.startsWith(PREFIX)
    ? Buffer.from(reference.slice(PREFIX.length), 'base64url').toString()
    : undefined;

/**
 * The sandbox's ledger in the orders table (items SANDBOX_CHARGE#<key> and SANDBOX_REFUND#<key>),
 * so charges survive a restart of the orders service and a repeated key is answered, not charged.
 */
export function sandboxLedger(db: DynamoDBDocumentClient, table: string) {
  const unavailable = (error: unknown) =>
    new PaymentProviderUnavailableError('The sandbox ledger is not available', { cause: error });
  const get = async (idempotencyKey: string): Promise<SandboxCharge | undefined> => {
    const { Item } = await db
      .send(
        new GetCommand({ TableName: table, Key: keys.sandboxCharge(idempotencyKey), ConsistentRead: true }),
      )
      .catch((error: unknown) => Promise.reject(unavailable(error)));
    return Item as SandboxCharge | undefined;
  };
  // Written once per key: false when the key had a charge already.
  const putOnce = async (key: Record<string, string>, item: object): Promise<boolean> => {
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...key, ...item, createdAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw unavailable(error);
    }
  };
  return {
    get,
    addCharge: (idempotencyKey: string, charge: SandboxCharge) =>
      putOnce(keys.sandboxCharge(idempotencyKey), charge),
    addRefund: (idempotencyKey: string, refund: object) =>
      putOnce(keys.sandboxRefund(idempotencyKey), refund),

    /** Moves a charge from one of `from` to `to`: the charge as it is after, or undefined if there is none. */
    async move(
      reference: string,
      from: SandboxCharge['status'][],
      to: Pick<SandboxCharge, 'status' | 'declineCode'>,
    ): Promise<{ moved: boolean; charge: SandboxCharge } | undefined> {
      const idempotencyKey = keyOfReference(reference);
      if (!idempotencyKey) return undefined;
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.sandboxCharge(idempotencyKey),
            UpdateExpression: `SET #status = :to${to.declineCode ? ', declineCode = :code' : ''}`,
            ConditionExpression: `attribute_exists(#pk) AND #status IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
            ExpressionAttributeNames: { '#pk': PK, '#status': 'status' },
            ExpressionAttributeValues: {
              ':to': to.status,
              ...(to.declineCode ? { ':code': to.declineCode } : {}),
              ...Object.fromEntries(from.map((status, i) => [`:f${i}`, status])),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { moved: true, charge: Attributes as SandboxCharge };
      } catch (error) {
        if (!isConditionFailed(error)) throw unavailable(error);
        const charge = await get(idempotencyKey);
        return charge && { moved: false, charge };
      }
    },
  };
}

export type SandboxLedger = ReturnType<typeof sandboxLedger>;
