import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backupVaultLock } from '../lib/stacks/dr-stack.js';
import { blocks, modulePolicies, type PolicyStatement } from './support/terraform-policy.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const terraform = join(repo, 'infra/terraform');
const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const env = synthEnvironment('prod');
const config = env.stacks.backup.node.tryGetContext('shopeasy:environments').prod as {
  account: string;
  backupAccount: string;
};

const permissions = join(terraform, 'modules/cdk-permissions');
const execution = modulePolicies(join(permissions, 'main.tf')).execution!;
const boundary = modulePolicies(join(permissions, 'boundary.tf')).boundary!;
const BOUNDARY_ARN = '${local.arn}:iam::${local.account}:policy/${var.boundary_name}';
const ESCALATION = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'];
const allows = (s: PolicyStatement, action: string) => s.effect === 'Allow' && s.actions.includes(action);

// CloudFormation namespaces whose IAM service prefix differs from the lower-cased namespace.
const IAM_PREFIX: Record<string, string> = {
  ApplicationAutoScaling: 'application-autoscaling',
  CertificateManager: 'acm',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
};

describe('item 8: CloudFormation and Jenkins deploy within a boundary, not as administrators', () => {
  it('When the execution policy and the boundary are read, then no statement allows "*", and IAM acts only on the stack-owned roles and policies', () => {
    for (const statement of [...execution, ...boundary].filter((s) => s.effect === 'Allow')) {
      expect(statement.actions, statement.sid).not.toContain('*');
      expect(statement.actions, statement.sid).not.toContain('*:*');
      if (!statement.actions.some((a) => a.startsWith('iam:'))) continue;
      // IAM only on the stacks' own roles and policies (or service-linked roles), never the account's others.
      for (const resource of statement.resources)
        expect(resource, statement.sid).toMatch(/:(role|policy)\/(ShopEasy-|shopeasy-|aws-service-role\/)/);
    }
  });

  it('When a role is created or widened, then only with the boundary on it, and nobody with these policies edits or removes the boundary', () => {
    for (const action of ESCALATION) {
      const granting = execution.filter((s) => allows(s, action));
      expect(granting.length, action).toBeGreaterThan(0);
      for (const s of granting)
        expect(s.conditions).toContainEqual({
          test: 'StringEquals',
          variable: 'iam:PermissionsBoundary',
          values: [BOUNDARY_ARN],
        });
      expect(boundary).toContainEqual(
        expect.objectContaining({
          effect: 'Deny',
          actions: expect.arrayContaining([action]) as unknown,
          conditions: [
            { test: 'StringNotEquals', variable: 'iam:PermissionsBoundary', values: [BOUNDARY_ARN] },
          ],
        }),
      );
    }
    for (const policy of [execution, boundary]) {
      const denied = policy.filter((s) => s.effect === 'Deny');
      const deniedOn = (action: string, resource: string) =>
        denied.some(
          (s) => s.actions.includes(action) && (s.resources.includes(resource) || s.resources.includes('*')),
        );
      for (const action of ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion'])
        expect(deniedOn(action, BOUNDARY_ARN), action).toBe(true);
      expect(deniedOn('iam:DeleteRolePermissionsBoundary', '*')).toBe(true);
    }
  });

  it('When prod is synthesized, then the execution policy covers every service its templates create, and every role carries the boundary', () => {
    const services = JSON.parse(readFileSync(join(permissions, 'services.json'), 'utf8')) as {
      cloudformation: string[];
    };
    const granted = execution.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions);
    const missing = new Set<string>();
    for (const stack of Object.values(env.stacks)) {
      const resources = env.template(stack).toJSON().Resources as Record<string, { Type: string }>;
      for (const { Type } of Object.values(resources)) {
        const [owner, namespace] = Type.split('::');
        if (owner !== 'AWS' || namespace === 'CDK' || namespace === 'IAM') continue;
        const prefix = IAM_PREFIX[namespace!] ?? namespace!.toLowerCase();
        if (!services.cloudformation.includes(prefix) || !granted.includes(`${prefix}:*`))
          missing.add(`${prefix} (${Type})`);
      }
      for (const [id, role] of Object.entries(resourcesOf(env.template(stack), 'AWS::IAM::Role'))) {
        const name = role.Properties.RoleName;
        if (name !== undefined) expect(name, `${stack.stackName}/${id}`).toMatch(/^shopeasy-/);
        expect(JSON.stringify(role.Properties.PermissionsBoundary), `${stack.stackName}/${id}`).toContain(
          ':policy/shopeasy-permissions-boundary',
        );
      }
    }
    expect([...missing], 'add to infra/terraform/modules/cdk-permissions/services.json').toEqual([]);
  });

  it('When the foundation is read, then the deploy role carries the boundary and may assume only the named bootstrap roles', () => {
    const deployRole = readFileSync(join(terraform, 'modules/deploy-role/main.tf'), 'utf8');
    expect(blocks(deployRole, /^resource "aws_iam_role" "deploy"\s*\{/m)[0]).toMatch(
      /permissions_boundary\s*=\s*var\.permissions_boundary_arn/,
    );
    expect(read('infra/terraform/foundation/main.tf')).toMatch(
      /permissions_boundary_arn\s*=\s*module\.cdk_permissions\.boundary_arn/,
    );
    expect(deployRole).not.toMatch(/role\/cdk-\$\{var\.cdk_qualifier\}-\*/);
    expect(deployRole).toContain('["deploy", "file-publishing", "image-publishing", "lookup"]');
  });

  it('When the README says how to bootstrap CDK, then with the scoped execution policy and the boundary, never AdministratorAccess', () => {
    const readme = read('infra/README.md');
    expect(readme).not.toContain('policy/AdministratorAccess');
    expect(readme).toMatch(
      /--cloudformation-execution-policies arn:aws:iam::<account>:policy\/shopeasy-cdk-execution/,
    );
    expect(readme).toContain('--custom-permissions-boundary shopeasy-permissions-boundary');
  });
});

describe('item 11: PCI DSS 4.0.1', () => {
  it('When Security Hub is subscribed, then to PCI DSS v4.0.1 and not to the retired v3.2.1', () => {
    const findings = read('infra/terraform/modules/detective-controls/findings.tf');
    const arns = [...findings.matchAll(/standards_arn\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(arns).toEqual(['${local.arn}:securityhub:${var.region}::standards/pci-dss/v/4.0.1']);
  });

  it('When the docs cite PCI DSS 3.2.1, then only to explain the cdk-nag pack, and the 4.0.1 map names the storefront requirements', () => {
    const docs = (dir: string): string[] =>
      readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? docs(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
      );
    for (const file of [...docs('confluence-docs'), 'infra/README.md', 'README.md']) {
      for (const line of read(file)
        .split('\n')
        .filter((l) => l.includes('3.2.1')))
        expect(line, file).toMatch(/cdk-nag|retired/i);
    }
    const map = read('confluence-docs/architecture/pci-dss.md');
    for (const requirement of ['6.4.3', '11.6.1', '3.', '4.', '7.', '8.', '10.', '11.', '12.'])
      expect(map).toContain(`| ${requirement}`);
  });
});

describe('item 12: backups that nobody in the data account can delete', () => {
  it('When prod is synthesized, then both vaults are locked in compliance mode within bounds that hold the plans', () => {
    const plan = Object.values(resourcesOf(env.template('backup'), 'AWS::Backup::BackupPlan'))[0]!;
    const rules = (
      plan.Properties.BackupPlan as { BackupPlanRule: { Lifecycle: { DeleteAfterDays: number } }[] }
    ).BackupPlanRule;
    for (const stack of ['backup', 'dr'] as const) {
      const vault = Object.values(resourcesOf(env.template(stack), 'AWS::Backup::BackupVault'))[0]!;
      const lock = vault.Properties.LockConfiguration as Record<string, number>;
      expect(lock.ChangeableForDays, stack).toBeGreaterThanOrEqual(3);
      for (const rule of rules) {
        expect(lock.MinRetentionDays).toBeLessThanOrEqual(rule.Lifecycle.DeleteAfterDays);
        expect(lock.MaxRetentionDays).toBeGreaterThanOrEqual(rule.Lifecycle.DeleteAfterDays);
      }
    }
  });

  it('When a recovery point is made, then it is copied to a vault of an account other than the data account', () => {
    const plan = Object.values(resourcesOf(env.template('backup'), 'AWS::Backup::BackupPlan'))[0]!;
    const rules = (
      plan.Properties.BackupPlan as {
        BackupPlanRule: { CopyActions: { DestinationBackupVaultArn: string }[] }[];
      }
    ).BackupPlanRule;
    for (const rule of rules) {
      const accounts = rule.CopyActions.map((c) => c.DestinationBackupVaultArn.split(':')[4]);
      expect(accounts).toContain(config.backupAccount);
      expect(config.backupAccount).not.toBe(config.account);
      expect(rule.CopyActions.map((c) => c.DestinationBackupVaultArn)).toContain(
        `arn:aws:backup:eu-west-1:${config.backupAccount}:backup-vault:shopeasy-prod-isolated`,
      );
    }
  });

  it('When the backup account is read, then its vault for prod is compliance-locked and accepts copies from prod only', () => {
    const vars = read('infra/terraform/envs/backup.tfvars');
    expect(vars).toContain(`account_id = "${config.backupAccount}"`);
    expect(vars).toMatch(new RegExp(`prod\\s*=\\s*"${config.account}"`));
    expect(read('infra/terraform/backup-account/main.tf')).toContain(
      'name              = "shopeasy-${each.key}-isolated"',
    );
    const module = read('infra/terraform/modules/backup-copy-vault/main.tf');
    expect(blocks(module, /^resource "aws_backup_vault_lock_configuration" "compliance"\s*\{/m)[0]).toMatch(
      /changeable_for_days\s*=\s*var\.changeable_for_days/,
    );
    const policy = modulePolicies(join(terraform, 'modules/backup-copy-vault/main.tf')).vault!;
    expect(policy.map((s) => s.actions)).toEqual([['backup:CopyIntoBackupVault']]);
    expect(module).toContain('identifiers = ["${local.arn}:iam::${var.source_account_id}:root"]');
  });

  it('When dev is torn down, then its DR vault lock stays removable (governance mode)', () => {
    expect(backupVaultLock({ teardown: 'destroy' } as never)).not.toHaveProperty('changeableFor');
  });
});
