import { describe, expect, it } from 'vitest';
import { evaluateCalls, formatResults, type RecordedCall } from '../src/index.js';
import { Resolver } from '../src/intrinsics.js';
import { resourcesOfStack, tinyAssembly } from './support/tiny-assembly.js';

const ACCOUNT_REGION = 'eu-west-1:111111111111';
const table = (name: string) => `arn:aws:dynamodb:${ACCOUNT_REGION}:table/${name}`;
const call = (
  component: string,
  action: string,
  type: string,
  name: string,
  index?: string,
): RecordedCall => ({
  component,
  service: action.split(':')[0]!,
  action,
  resources: [{ type, name, ...(index ? { index } : {}) }],
});
const catalogGets = (name: string) => call('catalog', 'dynamodb:GetItem', 'table', name);

describe('evaluating recorded calls against the synthesized policies', () => {
  it('When the role allows a call, then it passes, and so does the KMS Decrypt the encrypted table needs', async () => {
    const results = await evaluateCalls([catalogGets('shopeasy-local-catalog')], tinyAssembly(), 'dev');
    expect(results).toEqual([
      {
        component: 'catalog',
        action: 'dynamodb:GetItem',
        resource: table('shopeasy-dev-catalog'),
        allowed: true,
      },
      {
        component: 'catalog',
        action: 'kms:Decrypt',
        resource: `arn:aws:kms:${ACCOUNT_REGION}:key/TablesKey`,
        for: `dynamodb:GetItem ${table('shopeasy-dev-catalog')}`,
        allowed: true,
      },
    ]);
    expect(formatResults(results, 'dev')).toMatch(
      /^ok {3}catalog dynamodb:GetItem arn:aws:dynamodb:.*\n.*\niam check \(dev\): 2 allowed, 0 denied$/,
    );
  });

  it('When the grant on a table is removed, then a call on it fails naming the action, the table and the role', async () => {
    const stacks = tinyAssembly();
    const policy = resourcesOfStack(stacks, 'ShopEasy-Dev-Services').CatalogData!.Properties!
      .PolicyDocument as {
      Statement: { Resource: unknown[] }[];
    };
    policy.Statement[0]!.Resource = policy.Statement[0]!.Resource.filter(
      (r) => !JSON.stringify(r).includes('Orders'),
    );

    const [result] = await evaluateCalls([catalogGets('shopeasy-local-orders')], stacks, 'dev');
    expect(result).toEqual({
      component: 'catalog',
      action: 'dynamodb:GetItem',
      resource: table('shopeasy-dev-orders'),
      allowed: false,
      problem: `role shopeasy-dev-catalog-task (CatalogTaskRole in ShopEasy-Dev-Services): no statement allows dynamodb:GetItem on ${table('shopeasy-dev-orders')}`,
    });
    expect(formatResults([result!], 'dev')).toMatch(
      /^DENY catalog dynamodb:GetItem .*\n {7}role shopeasy-dev-catalog-task/,
    );
  });

  it('When a query reads an index, then the index ARN must be allowed, not only the table', async () => {
    const results = await evaluateCalls(
      [
        call('catalog', 'dynamodb:Query', 'table', 'shopeasy-local-catalog', 'gsi1'),
        call('catalog', 'dynamodb:Query', 'table', 'shopeasy-local-catalog', 'gsi2'),
      ],
      tinyAssembly(),
      'dev',
    );
    const queries = results.filter((r) => r.action === 'dynamodb:Query');
    expect(queries.map((r) => [r.resource, r.allowed])).toEqual([
      [`${table('shopeasy-dev-catalog')}/index/gsi1`, true],
      [`${table('shopeasy-dev-catalog')}/index/gsi2`, false],
    ]);
    expect(queries[1]!.problem).toMatch(/no statement allows dynamodb:Query on .*\/index\/gsi2$/);
  });

  it('When a statement allows a call and another denies it, then the Deny wins and is named by its Sid', async () => {
    const [result] = await evaluateCalls(
      [call('catalog', 'dynamodb:DeleteItem', 'table', 'shopeasy-local-catalog')],
      tinyAssembly(),
      'dev',
    );
    expect(result).toMatchObject({
      allowed: false,
      problem:
        'denied explicitly by CatalogIsNeverDeleted of CatalogData of role shopeasy-dev-catalog-task (CatalogTaskRole in ShopEasy-Dev-Services)',
    });
  });

  it('When a policy imports from the data stack, then the value resolves to the exporting stack’s resource', () => {
    const [data, services] = tinyAssembly();
    const resolver = new Resolver([data!, services!]);
    expect(resolver.resolve({ 'Fn::ImportValue': 'ShopEasy-Dev-Data:QueueArn' }, services!)).toBe(
      `arn:aws:sqs:${ACCOUNT_REGION}:shopeasy-dev-feedback-reviews`,
    );
    expect(
      resolver.resolve(
        {
          'Fn::Sub': [
            'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${Domain}',
            { Domain: { 'Fn::Select': [1, { 'Fn::Split': ['@', 'no-reply@dev.shopeasy.example'] }] } },
          ],
        },
        services!,
      ),
    ).toBe(`arn:aws:ses:${ACCOUNT_REGION}:identity/dev.shopeasy.example`);
    expect(() => resolver.resolve({ 'Fn::ImportValue': 'ShopEasy-Dev-Data:Nothing' }, services!)).toThrow(
      'ShopEasy-Dev-Services: nothing exports ShopEasy-Dev-Data:Nothing',
    );
  });

  it('When a queue’s key policy neither names the role nor delegates to IAM, then SendMessage fails on kms:GenerateDataKey', async () => {
    const results = await evaluateCalls(
      [call('feedback', 'sqs:SendMessage', 'queue', 'shopeasy-local-feedback-reviews')],
      tinyAssembly(),
      'dev',
    );
    const key = `arn:aws:kms:${ACCOUNT_REGION}:key/MessagingKey`;
    expect(results.map((r) => [r.action, r.resource, r.allowed])).toEqual([
      ['sqs:SendMessage', `arn:aws:sqs:${ACCOUNT_REGION}:shopeasy-dev-feedback-reviews`, true],
      ['kms:GenerateDataKey', key, false],
      ['kms:Decrypt', key, false],
    ]);
    expect(results[1]!.problem).toBe(
      'the key policy of MessagingKey (ShopEasy-Dev-Data) neither allows role FeedbackTaskRole in ShopEasy-Dev-Services kms:GenerateDataKey nor delegates to IAM (the account root)',
    );
  });

  it('When a call names a resource the environment does not have or a component without a role, then it fails saying so', async () => {
    const results = await evaluateCalls(
      [
        catalogGets('shopeasy-local-wishlists'),
        catalogGets('wishlists-test-1'),
        call('search', 'dynamodb:Query', 'table', 'shopeasy-local-catalog'),
      ],
      tinyAssembly(),
      'dev',
    );
    expect(results.map((r) => [r.allowed, r.problem])).toEqual([
      [false, 'no table shopeasy-dev-wishlists in the dev assembly'],
      [false, 'wishlists-test-1 is not a local ShopEasy resource (shopeasy-local-…)'],
      [false, 'no container search and no function shopeasy-dev-search in dev'],
    ]);
  });
});
