import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PK, SK } from '@shopeasy/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCustomer, type TokenPair } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

const RACERS = 4;

/**
 * Holds the service's refresh-token rotations (its conditional transaction on a REFRESH# item)
 * until `count` of them wait, sends them to the emulator together and records each answer.
 * Without it a request that reads the token after the winner's write takes the reuse path, and
 * the conditional write would decide nothing.
 */
function rotationGate(count: number, timeoutMs = 10_000) {
  let held = 0;
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const answers: string[] = [];
  const isRotation = (command: unknown) =>
    command instanceof TransactWriteCommand &&
    String(command.input.TransactItems?.[0]?.Update?.Key?.[PK] ?? '').startsWith('REFRESH#');
  const answerOf = (error: unknown) => {
    const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
    return e.CancellationReasons?.map((r) => r.Code ?? 'None').join(',') ?? String(e.name);
  };
  const wrap = (client: DynamoDBDocumentClient) =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: TransactWriteCommand) => {
          if (!isRotation(command)) return target.send(command);
          held += 1;
          // A deadline, so that a request that never reaches the write fails the test, not hangs it.
          if (held === 1) setTimeout(open, timeoutMs).unref();
          if (held === count) open();
          await opened;
          try {
            const result = await target.send(command);
            answers.push('written');
            return result;
          } catch (error) {
            answers.push(answerOf(error));
            throw error;
          }
        };
      },
    });
  return { wrap, held: () => held, answers };
}

const gate = rotationGate(RACERS);
let service: RunningUsersService;
let db: DynamoDBDocumentClient;
beforeAll(async () => {
  service = await startUsersService({}, undefined, gate.wrap);
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION }),
  );
});
afterAll(async () => {
  db?.destroy();
  await service?.stop();
});

const refresh = (refreshToken: string) =>
  call<TokenPair>(service.url, 'POST', '/v1/auth/refresh', { body: { refreshToken } });

/** An item of the users table as DynamoDB holds it. */
async function stored(pk: string, sk: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: service.config.USERS_TABLE,
      Key: { [PK]: pk, [SK]: sk },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('one refresh token exchanged by several requests at once', () => {
  it(`When ${RACERS} requests exchange the same refresh token at once, then the conditional write in DynamoDB lets exactly one through, the others get 401 and the family is revoked`, async () => {
    const { tokens } = await signedInCustomer(service.url);

    const replies = await Promise.all(Array.from({ length: RACERS }, () => refresh(tokens.refreshToken)));

    // Every request found the token active and reached the rotation; DynamoDB chose the winner.
    expect(gate.held()).toBe(RACERS);
    expect(gate.answers.filter((a) => a === 'written')).toHaveLength(1);
    expect(gate.answers.filter((a) => a.startsWith('ConditionalCheckFailed'))).toHaveLength(RACERS - 1);

    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array<number>(RACERS - 1).fill(401)]);
    const winner = replies.find((r) => r.status === 200)!.body;
    expect(winner.refreshToken).not.toBe(tokens.refreshToken);
    expect((await call(service.url, 'GET', '/v1/users/me', { token: winner.accessToken })).status).toBe(200);
    for (const loser of replies.filter((r) => r.status === 401)) {
      expect(loser.headers.get('content-type')).toContain('application/problem+json');
      expect(loser.body).toMatchObject({
        type: 'https://shopeasy.example/problems/invalid-refresh-token',
        status: 401,
      });
    }

    // A token exchanged twice counts as copied: the losers revoked its family, so even the
    // winner's new refresh token is dead.
    const hash = createHash('sha256').update(tokens.refreshToken).digest('hex');
    const presented = await stored(`REFRESH#${hash}`, 'TOKEN');
    expect(presented).toBeDefined();
    expect(await stored(`FAMILY#${String(presented!.familyId)}`, 'FAMILY')).toMatchObject({
      status: 'revoked',
    });
    expect((await refresh(winner.refreshToken)).status).toBe(401);
  });
});
