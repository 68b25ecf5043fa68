import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';

describe('emulatorGlobalSetup', () => {
  it('When a test worker starts, then process.env carries the endpoint, credentials and resource variables', () => {
    const provided = inject('localAws');
    expect(provided.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const [key, value] of Object.entries(provided)) expect(process.env[key], key).toBe(value);
  });

  it('When an SDK client is built from the environment alone, then it reaches the provisioned tables', async () => {
    const client = new DynamoDBClient({});
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: process.env.USERS_TABLE }));
      expect(Table?.TableStatus).toBe('ACTIVE');
    } finally {
      client.destroy();
    }
  });
});
