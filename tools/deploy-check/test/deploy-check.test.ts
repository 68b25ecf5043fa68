import type { CfnTemplate } from '@shopeasy/infra/component-environment';
import { CHECK_IMAGE_TAG } from '@shopeasy/infra/config';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkEnvironment,
  checkImageTagRequired,
  formatResults,
  readAssembly,
  synthesize,
  type EnvironmentTemplates,
} from '../src/index.js';

const prod = synthesize(['prod'], CHECK_IMAGE_TAG).get('prod')!;

type Resource = { Type: string; Properties: Record<string, unknown> };

/** The prod templates with one stack's resources of one type changed by `change`. */
function changed(
  stack: string,
  type: string,
  change: (properties: Record<string, unknown>) => void,
): EnvironmentTemplates {
  const copy = structuredClone(prod) as Record<string, CfnTemplate>;
  for (const resource of Object.values(copy[stack]!.Resources ?? {}) as Resource[])
    if (resource.Type === type) change(resource.Properties);
  return copy;
}

const problemOf = async (templates: EnvironmentTemplates, name: RegExp, imageTag = CHECK_IMAGE_TAG) =>
  (await checkEnvironment('prod', templates, imageTag)).find((r) => name.test(r.name))?.problem;

describe('the deploy check of the prod assembly', () => {
  it('When the prod assembly is checked, then every check passes, one line each', async () => {
    const results = [
      await checkImageTagRequired(),
      ...(await checkEnvironment('prod', prod, CHECK_IMAGE_TAG)),
    ];
    expect(
      results.filter((r) => r.problem),
      formatResults(results),
    ).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'synthesis without -c imageTag stops',
        'prod users: its configuration loads from its task definition',
        'prod notifications: its configuration loads from its function',
        'prod cart-events: its configuration loads from its function',
      ]),
    );
    expect(formatResults(results)).toMatch(/deploy check: 14 passed, 0 failed$/);
  });

  it('When the notifications function loses EMAILS_TABLE, then its check fails naming the variable', async () => {
    const templates = changed('notifications', 'AWS::Lambda::Function', (f) => {
      delete (f.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.EMAILS_TABLE;
    });
    expect(await problemOf(templates, /notifications: its configuration/)).toMatch(/EMAILS_TABLE/);
  });

  it('When the cart-events relay loses INVENTORY_STREAM, then its check fails naming the variable', async () => {
    const templates = changed('services', 'AWS::Lambda::Function', (f) => {
      delete (f.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables
        .INVENTORY_STREAM;
    });
    expect(await problemOf(templates, /cart-events: its configuration/)).toMatch(/INVENTORY_STREAM/);
  });

  it('When a task definition loses a table variable, then that service fails naming it and the others pass', async () => {
    const templates = changed('services', 'AWS::ECS::TaskDefinition', (t) => {
      for (const c of t.ContainerDefinitions as { Name: string; Environment?: { Name: string }[] }[])
        if (c.Name === 'cart') c.Environment = c.Environment?.filter((e) => e.Name !== 'CART_TABLE');
    });
    expect(await problemOf(templates, /prod cart:/)).toMatch(/CART_TABLE: required in the cloud/);
    expect(await problemOf(templates, /prod catalog:/)).toBeUndefined();
  });

  it('When a prod table would be deleted with its stack or loses its deletion protection, then the removal check names it', async () => {
    const copy = structuredClone(prod) as Record<string, CfnTemplate>;
    const tables = Object.entries(copy.data!.Resources ?? {}).filter(
      ([, r]) => r.Type === 'AWS::DynamoDB::Table',
    );
    const [deletedId, deleted] = tables[0] as [string, Resource & { DeletionPolicy?: string }];
    const [unprotectedId, unprotected] = tables[1] as [string, Resource];
    deleted.DeletionPolicy = 'Delete';
    unprotected.Properties.DeletionProtectionEnabled = false;
    const problem = await problemOf(copy, /removal policies/);
    expect(problem).toContain(`data ${deletedId} (AWS::DynamoDB::Table) is Delete`);
    expect(problem).toContain(`data ${unprotectedId} (AWS::DynamoDB::Table) has no deletion protection`);
  });

  it('When a CDK change touches a listener or target group that blue/green swaps, then the check names it; a health check may change', async () => {
    const listener = changed('services', 'AWS::ElasticLoadBalancingV2::Listener', (l) => {
      if (l.Port === 8082)
        l.DefaultActions = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }];
    });
    expect(await problemOf(listener, /blue\/green/)).toMatch(
      /^AlbcatalogListener\w+ changed: CodeDeploy may have swapped/,
    );
    const port = changed('services', 'AWS::ElasticLoadBalancingV2::TargetGroup', (tg) => {
      if (tg.Port === 8084 && tg.Protocol === 'HTTP') tg.Port = 8090;
    });
    expect(await problemOf(port, /blue\/green/)).toMatch(
      /ordersBlueTargetGroup\w+ changed, ordersGreenTargetGroup\w+ changed/,
    );
    const healthCheck = changed('services', 'AWS::ElasticLoadBalancingV2::TargetGroup', (tg) => {
      tg.HealthCheckIntervalSeconds = 10;
    });
    expect(await problemOf(healthCheck, /blue\/green/)).toBeUndefined();
  });

  it('When a stack imports an export of another, then the check names the import: it would lock what it names', async () => {
    const importing = changed('notifications', 'AWS::Lambda::Function', (f) => {
      const { Variables } = f.Environment as { Variables: Record<string, unknown> };
      Variables.EMAILS_TABLE = { 'Fn::ImportValue': 'ShopEasy-Prod-Data:ExportsOutputRefEmailsTable' };
    });
    expect(await problemOf(importing, /lock nothing/)).toBe(
      'notifications imports "ShopEasy-Prod-Data:ExportsOutputRefEmailsTable"',
    );
  });

  it('When a function reserves concurrency or the queue stops bounding it, then those checks fail', async () => {
    const reserving = changed('notifications', 'AWS::Lambda::Function', (f) => {
      f.ReservedConcurrentExecutions = 10;
    });
    expect(await problemOf(reserving, /reserves concurrency/)).toMatch(/^reserved: notifications/);
    const unbounded = changed('notifications', 'AWS::Lambda::EventSourceMapping', (m) => {
      delete m.ScalingConfig;
    });
    expect(await problemOf(unbounded, /bounds the function's concurrency/)).toMatch(/MaximumConcurrency/);
  });

  it('When the services run another image tag than the one being deployed, then the images check names them', async () => {
    expect(await problemOf(prod, /images/, 'a1b2c3d')).toBe(
      'not a1b2c3d: users, catalog, cart, orders, feedback',
    );
  });

  it('When the release assembly is read from its folder, then each stack comes back under its name in the app', () => {
    // A cloud assembly as `cdk synth --output` writes it: manifest.json naming each stack's template.
    const dir = mkdtempSync(join(tmpdir(), 'deploy-check-assembly-'));
    try {
      const artifacts: Record<string, unknown> = {};
      for (const [key, template] of Object.entries(prod)) {
        const id = `ShopEasy-Prod-${key.charAt(0).toUpperCase()}${key.slice(1)}`;
        writeFileSync(join(dir, `${id}.template.json`), JSON.stringify(template));
        artifacts[id] = {
          type: 'aws:cloudformation:stack',
          environment: 'aws://333333333333/eu-west-1',
          properties: { templateFile: `${id}.template.json` },
        };
      }
      writeFileSync(join(dir, 'dev.template.json'), '{}');
      artifacts['ShopEasy-Dev-Data'] = {
        type: 'aws:cloudformation:stack',
        environment: 'aws://111111111111/eu-west-1',
        properties: { templateFile: 'dev.template.json' },
      };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ artifacts }));

      expect(readAssembly(dir, ['prod']).get('prod')).toEqual(prod);
      expect(() => readAssembly(dir, ['staging'])).toThrow(/no ShopEasy-Staging-\* stack/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
