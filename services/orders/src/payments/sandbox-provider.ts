import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK } from '@shopeasy/resources';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import { keys } from '../data-access/keys.js';
import {
  PaymentProviderUnavailableError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
} from '../domain/payment-provider.js';
import { sandboxDeclineCode } from './sandbox-cards.js';

export interface SandboxOptions {
  /** Pause after the charge is recorded and before it is answered (crash tests). */
  delayMs?: number;
}

interface ChargeItem extends ChargeResult {
  amount: number;
  currency: string;
  paymentMethodId: string;
}

/**
 * A payment provider for local runs and tests that behaves like Stripe in test mode. Its
 * ledger lives in the orders table (items SANDBOX_CHARGE#<key> and SANDBOX_REFUND#<key>), so
 * charges survive a restart of the orders service and a repeated key is answered, not charged.
 */
export function createSandboxProvider(
  db: DynamoDBDocumentClient,
  table: string,
  options: SandboxOptions = {},
): PaymentProvider {
  const delay = options.delayMs ?? 0;
  const findCharge = async (idempotencyKey: string): Promise<ChargeItem | undefined> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: table, Key: keys.sandboxCharge(idempotencyKey), ConsistentRead: true }),
    );
    return Item as ChargeItem | undefined;
  };
  return {
    name: 'sandbox',

    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const declineCode = sandboxDeclineCode(request.paymentMethodId);
      const charge: ChargeItem = {
        status: declineCode ? 'declined' : 'succeeded',
        reference: `pi_sandbox_${Buffer.from(request.idempotencyKey).toString('base64url')}`,
        ...(declineCode ? { declineCode } : {}),
        amount: request.amount,
        currency: request.currency,
        paymentMethodId: request.paymentMethodId,
      };
      let result: ChargeItem = charge;
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.sandboxCharge(request.idempotencyKey),
              ...charge,
              createdAt: new Date().toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error))
          throw new PaymentProviderUnavailableError('The sandbox ledger is not available', { cause: error });
        result = (await findCharge(request.idempotencyKey))!;
        // As Stripe does: a key belongs to one request; other parameters with it are an error.
        if (
          result.amount !== request.amount ||
          result.currency !== request.currency ||
          result.paymentMethodId !== request.paymentMethodId
        ) {
          throw new Error(`Idempotency key ${request.idempotencyKey} was used for a different charge`, {
            cause: error,
          });
        }
      }
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return {
        status: result.status,
        reference: result.reference,
        ...(result.declineCode ? { declineCode: result.declineCode } : {}),
      };
    },

    async refund({ reference, idempotencyKey }) {
      const refund = {
        reference: `re_sandbox_${Buffer.from(idempotencyKey).toString('base64url')}`,
        status: 'succeeded' as const,
      };
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.sandboxRefund(idempotencyKey),
              ...refund,
              charge: reference,
              createdAt: new Date().toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      return refund;
    },

    async findCharge(idempotencyKey) {
      const found = await findCharge(idempotencyKey);
      return (
        found && {
          status: found.status,
          reference: found.reference,
          ...(found.declineCode ? { declineCode: found.declineCode } : {}),
        }
      );
    },
  };
}
