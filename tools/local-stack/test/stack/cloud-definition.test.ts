import { cloudTemplates, type CloudTemplates } from '@shopeasy/local-aws/provision';
import { describe, expect, it } from 'vitest';
import { CLOUD_ENVIRONMENT, startStack, TEST_STACK_ENV } from '../../src/index.js';

/** The cloud templates with one variable taken out of the notifications function's definition. */
function withoutFunctionVariable(cloud: CloudTemplates, variable: string): CloudTemplates {
  const notifications = structuredClone(cloud.notifications);
  const fn = Object.values(notifications.Resources).find(
    (r) => r.Properties?.FunctionName === `shopeasy-${CLOUD_ENVIRONMENT}-notifications`,
  );
  const variables = (fn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
  expect(variables[variable], `the function's definition gives ${variable}`).toBeDefined();
  delete variables[variable];
  return { ...cloud, notifications };
}

describe('the local stack runs each component with its cloud definition', () => {
  it('When the CDK stops giving the notifications function EMAILS_TABLE, then the stack does not start, naming it', async () => {
    const cloud = withoutFunctionVariable(await cloudTemplates(CLOUD_ENVIRONMENT), 'EMAILS_TABLE');

    const started = startStack({ ports: 'free', only: ['notifications'], env: TEST_STACK_ENV, cloud });

    await expect(started).rejects.toThrow(/notifications exited[\s\S]*EMAILS_TABLE/);
  });

  it('When it gives it, then the function starts with its table, its sender and the local queue, and nothing local filled in', async () => {
    const stack = await startStack({
      ports: 'free',
      only: ['notifications', 'cart-events'],
      env: TEST_STACK_ENV,
    });
    try {
      const env = stack.componentEnv.get('notifications')!;
      expect(env).toMatchObject({
        EMAILS_TABLE: stack.env.EMAILS_TABLE,
        NOTIFICATIONS_QUEUE_URL: stack.env.NOTIFICATIONS_QUEUE_URL,
        SES_FROM: `no-reply@${CLOUD_ENVIRONMENT}.shopeasy.example`,
        LOCAL_DEFAULTS: 'off',
      });
      expect(stack.running.get('notifications')?.child.exitCode).toBeNull();
      // The cart events relay: its function's stream, made local, and the mapping's table and checkpoint.
      expect(stack.componentEnv.get('cart-events')).toMatchObject({
        INVENTORY_STREAM: stack.env.INVENTORY_STREAM,
        CART_TABLE: stack.env.CART_TABLE,
        RUNNER_CHECKPOINT_FILE: expect.stringMatching(/cart-events-checkpoint\.json$/),
        LOCAL_DEFAULTS: 'off',
      });
      expect(stack.running.get('cart-events')?.child.exitCode).toBeNull();
    } finally {
      await stack.stop();
    }
  });
});
