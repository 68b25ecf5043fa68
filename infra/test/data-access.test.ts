import { existsSync } from 'node:fs';
import { TABLES } from '@shopeasy/resources';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MICROSERVICE_SPECS } from '../lib/constructs/services/services.js';
import { NOTIFICATIONS_HANDLER, resourcesOf, synthEnvironment } from './support/synth.js';

const env = synthEnvironment('prod');
const DATA_SERVICES = /^(dynamodb|sqs|sns|kinesis|s3|kms|ses|secretsmanager):/;
// Actions IAM defines without a resource type: they can only be granted on "*" and touch no data
// (a random string for the signing-key rotation).
const UNSCOPABLE = new Set(['secretsmanager:GetRandomPassword']);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every IAM statement of every stack, with where it comes from. */
function allStatements(): { where: string; statement: Statement }[] {
  return Object.values(env.stacks).flatMap((stack) => {
    const template = env.template(stack);
    const documents = [
      ...Object.entries(resourcesOf(template, 'AWS::IAM::Policy')).map(([id, r]) => [
        id,
        r.Properties.PolicyDocument,
      ]),
      ...Object.entries(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).map(([id, r]) => [
        id,
        r.Properties.PolicyDocument,
      ]),
    ] as [string, { Statement: Statement[] }][];
    return documents.flatMap(([id, doc]) =>
      doc.Statement.map((statement) => ({ where: `${stack.stackName}/${id}`, statement })),
    );
  });
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('data stores and who may use them', () => {
  it('When the data stack is synthesized, then every table has PITR, a customer-managed key and deletion protection', () => {
    const tables = resourcesOf(env.template('data'), 'AWS::DynamoDB::Table');
    expect(TABLES.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(tables)).toHaveLength(TABLES.length);
    for (const table of Object.values(tables)) {
      expect(table.Properties).toMatchObject({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() },
        DeletionProtectionEnabled: true,
      });
    }
  });

  it('When any policy of the app grants a data action, then it never grants it on "*"', () => {
    const granting = allStatements()
      .filter(({ statement }) => statement.Effect === 'Allow')
      .filter(({ statement }) =>
        list(statement.Action).some((action) => DATA_SERVICES.test(action) && !UNSCOPABLE.has(action)),
      );
    // Every service, the functions and the replication role grant some: none found would prove nothing.
    expect(granting.length).toBeGreaterThan(10);
    const offenders = granting
      .filter(({ statement }) => list(statement.Resource).includes('*'))
      .map(({ where, statement }) => `${where}: ${list(statement.Action).join(',')}`);
    expect(offenders).toEqual([]);
  });

  it.each(MICROSERVICE_SPECS.map((s) => [s.name, s] as const))(
    'When the %s task role is read, then it names only its own tables, without any wildcard',
    (name, spec) => {
      const template = env.template('services');
      const policies = resourcesOf(template, 'AWS::IAM::ManagedPolicy');
      const own = Object.values(policies).find(
        (p) => p.Properties.ManagedPolicyName === `shopeasy-prod-${name}-data`,
      );
      expect(own, `data policy of ${name}`).toBeDefined();
      const text = JSON.stringify(own!.Properties.PolicyDocument);
      expect(text).not.toContain('*');
      // Tables are named by their fixed names (data-references.ts), never imported.
      const tableRefs = new Set([...text.matchAll(/:table\/shopeasy-prod-([a-z]+)/g)].map((m) => m[1]!));
      expect([...tableRefs]).toEqual([...spec.access.tables]);
    },
  );

  it('When the notifications function role is read, then it may send email through SES, use its emails table and nothing else outside its queue', () => {
    const template = env.template('notifications');
    const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    const actions = new Set(statements.flatMap((s) => list(s.Action)));
    expect([...actions].filter((a) => a.startsWith('ses:')).sort()).toEqual([
      'ses:SendEmail',
      'ses:SendRawEmail',
    ]);
    const others = [...actions].filter(
      (a) => !/^(ses:|sqs:|kms:(Decrypt|GenerateDataKey)$|xray:|dynamodb:)/.test(a),
    );
    expect(others).toEqual([]);
    // The table statements name the emails table (and its indexes) and no other.
    const tables = statements
      .filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')))
      .flatMap((s) =>
        [...JSON.stringify(s.Resource).matchAll(/:table\/shopeasy-prod-([a-z]+)/g)].map((m) => m[1]),
      );
    expect(new Set(tables)).toEqual(new Set(['emails']));
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('When the notifications workspace is present, then the function is built from its handler', () => {
    expect(existsSync(NOTIFICATIONS_HANDLER), `${NOTIFICATIONS_HANDLER} must exist`).toBe(true);
  });

  it('When the backup stack is synthesized, then tagged tables and buckets get daily and weekly 35-day points copied to the DR vault', () => {
    const template = env.template('backup');
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: Match.anyValue(),
      LockConfiguration: Match.objectLike({ MinRetentionDays: 7 }),
    });
    const plan = Object.values(resourcesOf(template, 'AWS::Backup::BackupPlan'))[0]!;
    const rules = (plan.Properties.BackupPlan as { BackupPlanRule: Record<string, unknown>[] })
      .BackupPlanRule;
    expect(rules.map((r) => r.RuleName)).toEqual(['daily', 'weekly']);
    for (const rule of rules) {
      expect(rule).toMatchObject({
        Lifecycle: { DeleteAfterDays: 35 },
        CopyActions: [
          {
            DestinationBackupVaultArn:
              'arn:aws:backup:eu-central-1:333333333333:backup-vault:shopeasy-prod-dr',
            Lifecycle: { DeleteAfterDays: 35 },
          },
          {
            DestinationBackupVaultArn:
              'arn:aws:backup:eu-west-1:555555555555:backup-vault:shopeasy-prod-isolated',
            Lifecycle: { DeleteAfterDays: 35 },
          },
        ],
      });
    }
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        ListOfTags: [{ ConditionKey: 'backup', ConditionType: 'STRINGEQUALS', ConditionValue: 'shopeasy' }],
      }),
    });
  });
});
