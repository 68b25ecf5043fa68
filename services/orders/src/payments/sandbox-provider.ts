import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChargeRequest, ChargeResult, PaymentProvider } from '../domain/payment-provider.js';
import { sandboxOutcome } from './sandbox-cards.js';
import { sandboxLedger, sandboxReference, type SandboxCharge } from './sandbox-ledger.js';

export interface SandboxOptions {
  /** Pause after the charge is recorded and before it is answered (crash tests). */
  delayMs?: number;
}

/**
 * A payment provider for local runs and tests that behaves like Stripe in test mode: Stripe's
 * test payment methods succeed, decline or ask for authentication (completed or failed later
 * with the sandbox's action calls, see sandbox-actions.ts). Its ledger lives in the orders table.
 */
export function createSandboxProvider(
  db: DynamoDBDocumentClient,
  table: string,
  options: SandboxOptions = {},
): PaymentProvider {
  const delay = options.delayMs ?? 0;
  const ledger = sandboxLedger(db, table);
  return {
    name: 'sandbox',

    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const charge = newCharge(request);
      let result = charge;
      if (!(await ledger.addCharge(request.idempotencyKey, charge))) {
        result = (await ledger.get(request.idempotencyKey))!;
        // As Stripe does: a key belongs to one request; other parameters with it are an error.
        if (
          result.amount !== request.amount ||
          result.currency !== request.currency ||
          result.paymentMethodId !== request.paymentMethodId
        ) {
          throw new Error(`Idempotency key ${request.idempotencyKey} was used for a different charge`);
        }
      }
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return resultOf(result);
    },

    async refund({ reference, idempotencyKey }) {
      const refund = {
        reference: `re_sandbox_${Buffer.from(idempotencyKey).toString('base64url')}`,
        status: 'succeeded' as const,
      };
      await ledger.addRefund(idempotencyKey, { ...refund, charge: reference });
      return refund;
    },

    // As Stripe: an intent that has not taken money can be cancelled; one that has stays succeeded.
    async cancel(reference) {
      const after = await ledger.move(reference, ['requires_action', 'declined'], { status: 'canceled' });
      return after?.charge.status === 'succeeded' ? 'succeeded' : 'canceled';
    },

    async findCharge(idempotencyKey) {
      const found = await ledger.get(idempotencyKey);
      return found && resultOf(found);
    },
  };
}

function newCharge(request: ChargeRequest): SandboxCharge {
  const outcome = sandboxOutcome(request.paymentMethodId);
  const reference = sandboxReference(request.idempotencyKey);
  const base = {
    reference,
    amount: request.amount,
    currency: request.currency,
    paymentMethodId: request.paymentMethodId,
  };
  if (outcome.kind === 'succeeds') return { ...base, status: 'succeeded' };
  if (outcome.kind === 'declined') return { ...base, status: 'declined', declineCode: outcome.code };
  // Stripe's form: pi_<id>_secret_<random>.
  return {
    ...base,
    status: 'requires_action',
    clientSecret: `${reference}_secret_${randomBytes(12).toString('hex')}`,
  };
}

/** A ledger charge as the port answers it: a cancelled intent took no money, like a decline. */
function resultOf(charge: SandboxCharge): ChargeResult {
  const { status, reference, declineCode, clientSecret } = charge;
  if (status === 'canceled') return { status: 'declined', reference, declineCode: 'canceled' };
  return {
    status,
    reference,
    ...(declineCode ? { declineCode } : {}),
    ...(clientSecret ? { clientSecret } : {}),
  };
}
