import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PK, SK } from '@shopeasy/resources';
import { createAwsClients } from '@shopeasy/service-kit/aws';

function dynamo() {
  return createAwsClients({
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
  }).dynamo;
}

const key = (userId: string) => ({ [PK]: `CART#${userId}`, [SK]: 'CART' });

/** The stored cart item, as DynamoDB (and its TTL process) sees it. */
export async function storedCart(userId: string): Promise<Record<string, unknown> | undefined> {
  const db = dynamo();
  try {
    return (await db.send(new GetCommand({ TableName: process.env.CART_TABLE, Key: key(userId) }))).Item;
  } finally {
    db.destroy();
  }
}

/** Overwrites the stored cart item's attributes (to make a cart look old). */
export async function overwriteStoredCart(
  userId: string,
  attributes: Record<string, unknown>,
): Promise<void> {
  const item = await storedCart(userId);
  const db = dynamo();
  try {
    await db.send(
      new PutCommand({ TableName: process.env.CART_TABLE, Item: { ...item, ...key(userId), ...attributes } }),
    );
  } finally {
    db.destroy();
  }
}
