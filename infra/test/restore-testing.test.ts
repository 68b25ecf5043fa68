import { describe, expect, it } from 'vitest';
import { validateRestore, type ValidationApis } from '../lib/functions/restore-validation.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const env = synthEnvironment('prod');
const template = env.template('backup');
const only = (type: string) => Object.values(resourcesOf(template, type)).map((r) => r.Properties);
const text = (value: unknown) => JSON.stringify(value);

describe('AWS Backup restore testing and backup alarms', () => {
  it('When the backup stack is synthesized, then a weekly restore test picks the latest recovery point of the vault', () => {
    const [plan] = only('AWS::Backup::RestoreTestingPlan');
    expect(plan).toMatchObject({
      RestoreTestingPlanName: 'shopeasy_prod_restore_test',
      ScheduleExpression: 'cron(0 6 ? * SAT *)',
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', RecoveryPointTypes: ['SNAPSHOT'] },
    });
    const vault = Object.keys(resourcesOf(template, 'AWS::Backup::BackupVault'))[0]!;
    expect(text(plan!.RecoveryPointSelection)).toContain(vault);
  });

  it('When the selections are read, then the tagged tables and buckets of this environment are restored and validated', () => {
    const selections = only('AWS::Backup::RestoreTestingSelection');
    expect(selections.map((s) => s.ProtectedResourceType).sort()).toEqual(['DynamoDB', 'S3']);
    for (const selection of selections) {
      expect(selection.RestoreTestingPlanName).toBe('shopeasy_prod_restore_test');
      expect(selection.ValidationWindowHours).toBeGreaterThan(0);
      expect(selection.ProtectedResourceConditions).toEqual({
        StringEquals: [
          { Key: 'aws:ResourceTag/backup', Value: 'shopeasy' },
          { Key: 'aws:ResourceTag/environment', Value: 'prod' },
        ],
      });
    }
  });

  it('When a restore job completes, then the validation function is invoked and may only read, and report on, restores', () => {
    const [rule] = only('AWS::Events::Rule').filter((r) =>
      text(r.EventPattern).includes('Restore Job State Change'),
    );
    expect(rule!.EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Restore Job State Change'],
      detail: { status: ['COMPLETED'] },
    });
    const [fn] = only('AWS::Lambda::Function').filter(
      (f) => f.FunctionName === 'shopeasy-prod-restore-validation',
    );
    expect(text(fn!.Environment)).toContain('RESTORE_TESTING_PLAN_ARN');
    expect(fn!.VpcConfig).toBeDefined();
    const policies = only('AWS::IAM::Policy').filter((p) => text(p.Roles).includes('Validation'));
    const statements = policies.flatMap((p) => (p.PolicyDocument as { Statement: Statement[] }).Statement);
    const actions = statements.flatMap((s) => s.Action).sort();
    // Nothing that writes, deletes or restores: the checks read and report.
    expect(actions).toEqual(
      expect.arrayContaining([
        'backup:DescribeRestoreJob',
        'backup:PutRestoreValidationResult',
        'dynamodb:Scan',
        's3:ListBucket',
      ]),
    );
    const writes = actions.filter(
      (a) =>
        !/^(backup:(DescribeRestoreJob|PutRestoreValidationResult)|dynamodb:(Scan|DescribeBackup)|s3:ListBucket|kms:(Decrypt|DescribeKey)|xray:Put\w+)$/.test(
          a,
        ),
    );
    expect(writes).toEqual([]);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    const kms = statements.find((s) => s.Sid === 'DecryptRestoredTables')!;
    expect(kms.Condition).toEqual({
      StringEquals: { 'kms:ViaService': expect.stringMatching(/^dynamodb\./) },
    });
  });

  it('When backup, copy or restore jobs fail, then an alarm per kind tells the alarm topic and names its runbook', () => {
    const alarms = only('AWS::CloudWatch::Alarm');
    const topic = env.stacks.alerts.topic.topicArn;
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual([
      'shopeasy-prod-backup-jobs-failed',
      'shopeasy-prod-copy-jobs-failed',
      'shopeasy-prod-restore-jobs-failed',
    ]);
    for (const [alarm, metric] of [
      ['backup', 'NumberOfBackupJobsFailed'],
      ['copy', 'NumberOfCopyJobsFailed'],
      ['restore', 'NumberOfRestoreJobsFailed'],
    ]) {
      const found = alarms.find((a) => a.AlarmName === `shopeasy-prod-${alarm}-jobs-failed`)!;
      const metrics = found.Metrics as {
        MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown } };
      }[];
      const stats = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
      expect(stats.map((m) => [m.Namespace, m.MetricName, m.Dimensions])).toEqual([
        ['AWS/Backup', metric, [{ Name: 'ResourceType', Value: 'DynamoDB' }]],
        ['AWS/Backup', metric, [{ Name: 'ResourceType', Value: 'S3' }]],
      ]);
      expect(found).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(found.AlarmActions).toEqual([env.stacks.backup.resolve(topic)]);
      expect(found.AlarmDescription).toContain('Runbook: operations/runbooks/backup-jobs-failed.md');
    }
  });
});

const PLAN = 'arn:aws:backup:eu-west-1:333333333333:restore-testing-plan:shopeasy_prod_restore_test-1';

/** AWS as the validation function sees it: a restored table of `items` from a backup that recorded `recorded`. */
function fakeAws(items: number, recorded: number) {
  const reported: unknown[] = [];
  const answers: Record<string, (input: Record<string, unknown>) => unknown> = {
    DescribeRestoreJobCommand: () => ({
      CreatedBy: { RestoreTestingPlanArn: PLAN },
      Status: 'COMPLETED',
      ResourceType: 'DynamoDB',
      CreatedResourceArn: 'arn:aws:dynamodb:eu-west-1:333333333333:table/awsbackup-restore-test-orders',
      RecoveryPointArn: 'arn:aws:dynamodb:eu-west-1:333333333333:table/shopeasy-prod-orders/backup/01',
    }),
    // Two pages, as a large table scans.
    ScanCommand: (input) =>
      input.ExclusiveStartKey ? { Count: items - 1 } : { Count: 1, LastEvaluatedKey: { pk: { S: 'x' } } },
    DescribeBackupCommand: () => ({ BackupDescription: { SourceTableDetails: { ItemCount: recorded } } }),
    PutRestoreValidationResultCommand: (input) => reported.push(input),
  };
  const send = (command: { constructor: { name: string }; input: Record<string, unknown> }) =>
    Promise.resolve(answers[command.constructor.name]!(command.input));
  const apis = { backup: { send }, dynamodb: { send }, s3: { send } } as unknown as ValidationApis;
  return { apis, reported };
}

describe('the restore validation function', () => {
  it('When a restored table has every item the backup recorded, then the restore test is reported successful', async () => {
    const { apis, reported } = fakeAws(120, 120);
    await validateRestore(apis, 'job-1', PLAN);
    expect(reported).toEqual([
      expect.objectContaining({ RestoreJobId: 'job-1', ValidationStatus: 'SUCCESSFUL' }),
    ]);
  });

  it('When a restored table has fewer items than the backup recorded, then the restore test is reported failed', async () => {
    const { apis, reported } = fakeAws(119, 120);
    await validateRestore(apis, 'job-2', PLAN);
    expect(reported).toEqual([
      expect.objectContaining({
        ValidationStatus: 'FAILED',
        ValidationStatusMessage: expect.stringContaining('119 items restored, the backup recorded 120'),
      }),
    ]);
  });

  it('When a restore was not started by the plan, then nothing is reported', async () => {
    const { apis, reported } = fakeAws(1, 120);
    expect(
      await validateRestore(
        apis,
        'job-3',
        'arn:aws:backup:eu-west-1:333333333333:restore-testing-plan:other',
      ),
    ).toBeUndefined();
    expect(reported).toEqual([]);
  });
});
