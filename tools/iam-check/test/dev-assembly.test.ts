import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnvironment } from '@shopeasy/infra/app';
import { appContext } from '@shopeasy/infra/app-context';
import { environmentConfig } from '@shopeasy/infra/config';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateCalls, formatResults, readAssembly, type RecordedCall, type Stack } from '../src/index.js';

// The dev environment as `npm run synth` writes it (Lambda code not bundled: the same templates
// but for asset hashes), read back from its cloud assembly the way the CLI reads infra/cdk.out.
const outdir = mkdtempSync(join(tmpdir(), 'iam-check-dev-'));
const app = new App({ outdir, context: appContext() });
buildEnvironment(app, environmentConfig(app.node, 'dev'));
app.synth();
const dev = readAssembly(outdir);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const call = (component: string, action: string, ...resources: RecordedCall['resources']): RecordedCall => ({
  component,
  service: action.split(':')[0]!,
  action,
  resources,
});
// Calls the processes make, as the recorder writes them on a laptop.
const CALLS = [
  call('catalog', 'dynamodb:Query', { type: 'table', name: 'shopeasy-local-catalog', index: 'gsi2' }),
  // The cart's outbox relay: the cart table's stream in (as Lambda polls it with the function's role), Kinesis out.
  call('cartEvents', 'dynamodb:DescribeStream', { type: 'table-stream', name: 'shopeasy-local-cart' }),
  call('cartEvents', 'dynamodb:GetRecords', { type: 'table-stream', name: 'shopeasy-local-cart' }),
  call('cartEvents', 'kinesis:PutRecords', { type: 'stream', name: 'shopeasy-local-inventory' }),
  call(
    'notifications',
    'ses:SendEmail',
    { type: 'identity', name: 'no-reply@shopeasy.example' },
    { type: 'identity', name: 'shopeasy.example' },
  ),
  call('notifications', 'dynamodb:PutItem', { type: 'table', name: 'shopeasy-local-emails' }),
  call('feedback', 'sqs:SendMessage', { type: 'queue', name: 'shopeasy-local-feedback-reviews' }),
  call('feedback', 'sns:Publish', { type: 'topic', name: 'shopeasy-local-events' }),
];

describe('the IAM check of the synthesized dev templates', () => {
  it('When the services and the function make the calls they make, then the dev roles allow each, KMS included', async () => {
    const results = await evaluateCalls(CALLS, dev, 'dev');
    expect(
      results.filter((r) => !r.allowed),
      formatResults(results, 'dev'),
    ).toEqual([]);
    expect(results.map((r) => `${r.component} ${r.action}`)).toEqual([
      'catalog dynamodb:Query',
      'catalog kms:Decrypt',
      'cartEvents dynamodb:DescribeStream',
      'cartEvents dynamodb:GetRecords',
      'cartEvents kms:Decrypt',
      'cartEvents kinesis:PutRecords',
      'cartEvents kms:GenerateDataKey',
      'notifications ses:SendEmail',
      'notifications ses:SendEmail',
      'notifications dynamodb:PutItem',
      'notifications kms:Decrypt',
      'feedback sqs:SendMessage',
      'feedback kms:GenerateDataKey',
      'feedback kms:Decrypt',
      'feedback sns:Publish',
      'feedback kms:GenerateDataKey',
      'feedback kms:Decrypt',
    ]);
    // The relay is the function shopeasy-dev-cart-events, reading the stream of the cart table only.
    expect(results.find((r) => r.action === 'dynamodb:GetRecords')?.resource).toBe(
      'arn:aws:dynamodb:eu-west-1:111111111111:table/shopeasy-dev-cart/stream/latest',
    );
    // Sent as the environment's sender, not the local one.
    expect(results.filter((r) => r.action === 'ses:SendEmail').map((r) => r.resource)).toEqual([
      'arn:aws:ses:eu-west-1:111111111111:identity/no-reply@dev.shopeasy.example',
      'arn:aws:ses:eu-west-1:111111111111:identity/dev.shopeasy.example',
    ]);
  });

  it('When the cart service itself puts on the inventory stream, then it is denied: only the relay may', async () => {
    const cart = call('cart', 'kinesis:PutRecords', { type: 'stream', name: 'shopeasy-local-inventory' });
    const [result] = await evaluateCalls([cart], dev, 'dev');
    expect(result).toMatchObject({ component: 'cart', action: 'kinesis:PutRecords', allowed: false });
    expect(result!.problem).toMatch(/no statement allows kinesis:PutRecords/);
  });

  it('When the function’s role loses its statement on the emails table, then PutItem is denied naming it', async () => {
    const changed = structuredClone(dev) as Stack[];
    for (const stack of changed.filter((s) => s.name === 'ShopEasy-Dev-Notifications'))
      for (const resource of Object.values(stack.template.Resources ?? {}))
        if (resource.Type === 'AWS::IAM::Policy') {
          const document = resource.Properties!.PolicyDocument as { Statement: { Resource: unknown }[] };
          document.Statement = document.Statement.filter(
            (s) => !JSON.stringify(s.Resource).includes('shopeasy-dev-emails'),
          );
        }

    const denied = (await evaluateCalls(CALLS, changed, 'dev')).filter((r) => !r.allowed);
    expect(denied.map((r) => `${r.component} ${r.action} ${r.resource}`)).toEqual([
      'notifications dynamodb:PutItem arn:aws:dynamodb:eu-west-1:111111111111:table/shopeasy-dev-emails',
    ]);
    expect(denied[0]!.problem).toMatch(
      /^role FunctionServiceRole\w+ in ShopEasy-Dev-Notifications: no statement allows dynamodb:PutItem on arn:aws:dynamodb:.*:table\/shopeasy-dev-emails/,
    );
  });
});
