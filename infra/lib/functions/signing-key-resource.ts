import { Logger } from '@aws-lambda-powertools/logger';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { JWK } from 'jose';
import { secretString, type SecretsApi } from './secrets.js';
import { asSigningJwk, initialKeySet, parseKeySet } from './signing-key-set.js';

const logger = new Logger({ serviceName: 'signing-key' });

/** What the resource found in the secret, and so what it did. */
export type Outcome = 'generated' | 'kept' | 'wrapped';

/**
 * Makes sure the secret holds a signing key set, and never replaces one: an empty secret gets a
 * fresh set; a single private JWK put there by hand becomes the current key of a set; a key set is
 * kept as it is. Anything else fails (CloudFormation reports it) naming the secret and what is wrong: it may be a set in use
 * that a hand edit broke, and a new set over it would log every user out and hide the fault.
 */
export async function ensureSigningKey(
  secrets: SecretsApi,
  secretId: string,
  requestId: string,
): Promise<Outcome> {
  const value = await secretString(secrets, secretId);
  let existing: JWK | undefined;
  if (value !== undefined && value.trim() !== '') {
    try {
      parseKeySet(value);
      return 'kept';
    } catch (error) {
      existing = asSigningJwk(value);
      if (!existing) {
        throw new Error(
          `secret ${secretId} holds neither a signing key set nor a private signing JWK ` +
            `(${(error as Error).message}); fix or replace it by hand (runbook rotate-signing-key), nothing was written`,
          { cause: error },
        );
      }
    }
  }
  await secrets.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify(await initialKeySet(existing)),
      // The same request retried writes the same version once.
      ClientRequestToken: requestId,
    }),
  );
  return existing ? 'wrapped' : 'generated';
}

/** CloudFormation custom resource: on create and update, ensureSigningKey; on delete, nothing (the secret is retained). */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const secretId = String(event.ResourceProperties.SecretId);
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = 'nothing to do on delete';
  try {
    if (event.RequestType !== 'Delete') {
      const outcome = await ensureSigningKey(new SecretsManagerClient({}), secretId, event.RequestId);
      reason = `signing key ${outcome}`;
      logger.info('signing key secret checked', { secretId, outcome, requestType: event.RequestType });
    }
  } catch (error) {
    status = 'FAILED';
    reason = (error as Error).message;
    logger.error('signing key secret could not be prepared', { secretId, error });
  }
  await respond(event, status, reason, secretId);
}

/** The answer CloudFormation waits for, PUT to the presigned URL of the event. */
async function respond(
  event: CloudFormationCustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  reason: string,
  physicalId: string,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  const res = await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
  if (!res.ok) throw new Error(`CloudFormation response was refused: ${res.status}`);
}
