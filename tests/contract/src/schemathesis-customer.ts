import { randomUUID } from 'node:crypto';

/** A fresh customer account for one run, so generated cases never collide with other tools' data. */
export async function registerCustomer(gatewayUrl: string): Promise<{ email: string; password: string }> {
  const email = `schemathesis-${randomUUID()}@example.com`;
  const password = `gate-${randomUUID()}`;
  const response = await fetch(`${gatewayUrl}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name: 'Schemathesis Customer' }),
  });
  if (response.status !== 201)
    throw new Error(`Registering the schemathesis customer got ${response.status}`);
  return { email, password };
}
