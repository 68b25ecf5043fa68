import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import {
  buildApp,
  generateSigningKey,
  loadUsersConfig,
  wireUsers,
  type SigningKey,
  type UsersConfig,
} from '../../src/index.js';

export interface RunningUsersService {
  url: string;
  config: UsersConfig;
  /** The key the service signs with, so tests can forge tokens that differ in one claim only. */
  signingKey: SigningKey;
  stop(): Promise<void>;
}

/**
 * The users service in-process on a free port, against the emulator the global setup started
 * (its endpoint and resource names are in process.env). `env` overrides single variables;
 * `clock` (epoch seconds) drives the login back-off; `dynamo` may wrap the table client (to watch
 * or hold the service's writes).
 */
export async function startUsersService(
  env: Record<string, string> = {},
  clock?: () => number,
  dynamo?: (client: DynamoDBDocumentClient) => DynamoDBDocumentClient,
): Promise<RunningUsersService> {
  const config = loadUsersConfig({ ...process.env, PORT: '0', NODE_ENV: 'test', ...env });
  const logger = createLogger('users', process.env.TEST_LOG_LEVEL ?? 'silent');
  const signingKey = await generateSigningKey();
  const wired = await wireUsers(config, logger, {
    signingKey,
    metrics: false,
    ...(clock ? { clock } : {}),
    ...(dynamo ? { wrapTable: dynamo } : {}),
  });
  const running = await startServer(await buildApp(wired.deps), 0);
  return {
    url: running.url,
    config,
    signingKey,
    stop: async () => {
      await running.close(1000);
      await wired.close();
    },
  };
}
