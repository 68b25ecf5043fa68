import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** The account items (USER#…) of the users table with this email, as DynamoDB holds them. */
export async function accountsWithEmail(table: string, email: string): Promise<Record<string, unknown>[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION }),
  );
  const found: Record<string, unknown>[] = [];
  try {
    let start: Record<string, unknown> | undefined;
    // Every page: a filtered scan stops at 1 MB, and a duplicate may sit beyond it.
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: table,
          FilterExpression: 'email = :email AND begins_with(pk, :user)',
          ExpressionAttributeValues: { ':email': email, ':user': 'USER#' },
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    db.destroy();
  }
  return found;
}
