import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentConfig } from '../lib/app/config.js';
import { afterAllowTestTraffic, type HookDeps } from '../lib/functions/after-allow-test-traffic.js';
import { afterAllowTestTrafficFunctionName } from '../lib/constructs/services/release-hook.js';
import { MICROSERVICE_SPECS } from '../lib/constructs/services/services.js';
import { readContractFile } from '@shopeasy/release-smoke';
import { startFakeCatalog, type FakeCatalog } from './support/fake-catalog.js';
import { startFakeCodeDeploy, type FakeCodeDeploy } from './support/fake-codedeploy.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Resource = { Properties: Record<string, unknown> };

// Bundled: a test runs the hook's real bundle.
const env = synthEnvironment('dev', {}, { bundle: true });
const services = env.template('services');
const functions = resourcesOf(services, 'AWS::Lambda::Function') as Record<string, Resource>;
const [hookId, hook] = Object.entries(functions).find(
  ([, f]) => f.Properties.FunctionName === 'shopeasy-dev-after-allow-test-traffic',
)!;
const policies = Object.values(resourcesOf(services, 'AWS::IAM::Policy'));
const statementsOf = (roleRef: unknown) =>
  policies
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([roleRef]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const actions = (s: Statement) => [s.Action].flat();
const groupIds = Object.keys(resourcesOf(services, 'AWS::CodeDeploy::DeploymentGroup'));

describe('the AfterAllowTestTraffic hook function', () => {
  it('When the services stack is read, then the hook has the name the AppSpec uses and runs in the private subnets', () => {
    expect(hook).toBeDefined();
    expect(afterAllowTestTrafficFunctionName(environmentConfig(env.app.node, 'dev'))).toBe(
      'shopeasy-dev-after-allow-test-traffic',
    );
    const vpc = hook.Properties.VpcConfig as { SubnetIds: unknown[]; SecurityGroupIds: unknown[] };
    expect(vpc.SecurityGroupIds).toHaveLength(1);
    expect(vpc.SubnetIds.length).toBeGreaterThanOrEqual(2);
    for (const subnet of vpc.SubnetIds) expect(JSON.stringify(subnet)).toMatch(/VpcprivateSubnet\d/);
  });

  it('When its policy is read, then it may report hook status only for the five deployment groups, by ARN', () => {
    const role = (hook.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = statementsOf({ Ref: role });
    const codedeploy = statements.filter((s) => actions(s).some((a) => a.startsWith('codedeploy:')));
    expect(codedeploy).toHaveLength(1);
    expect(actions(codedeploy[0]!).sort()).toEqual([
      'codedeploy:GetDeployment',
      'codedeploy:PutLifecycleEventHookExecutionStatus',
    ]);
    const resources = [codedeploy[0]!.Resource].flat().map((r) => JSON.stringify(r));
    expect(groupIds).toHaveLength(5);
    expect(resources).toHaveLength(groupIds.length);
    for (const id of groupIds) {
      expect(
        resources.filter((r) => r.includes(':deploymentgroup:') && r.includes(`{"Ref":"${id}"}`)),
      ).toHaveLength(1);
    }
    expect(
      statements
        .filter((s) => s.Resource === '*')
        .flatMap(actions)
        .every((a) => a.startsWith('xray:')),
    ).toBe(true);
  });

  it('When the deployment groups are read, then each one’s role may invoke the hook (its managed policy only allows CodeDeployHook_*)', () => {
    const groups = Object.values(resourcesOf(services, 'AWS::CodeDeploy::DeploymentGroup'));
    expect(groups).toHaveLength(5);
    for (const group of groups) {
      const role = (group.Properties.ServiceRoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(statementsOf({ Ref: role })).toContainEqual({
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [hookId, 'Arn'] },
      });
    }
  });

  it('When its variables are read, then every service has its HTTPS test listener on the internal name, port + 1000', () => {
    const variables = (hook.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.DEPLOYMENT_GROUP_PREFIX).toBe('shopeasy-dev-');
    const listeners = JSON.stringify(variables.TEST_LISTENERS);
    expect(MICROSERVICE_SPECS).toHaveLength(5);
    for (const spec of MICROSERVICE_SPECS) {
      expect(listeners).toContain(
        `\\"${spec.name}\\":\\"https://internal.dev.shopeasy.example:${spec.port + 1000}\\"`,
      );
    }
  });
});

describe('the hook reporting to CodeDeploy', () => {
  let catalog: FakeCatalog;
  let codedeploy: FakeCodeDeploy;
  const depsFor = (prefix = 'shopeasy-dev-'): HookDeps => ({
    codedeploy: new CodeDeployClient({
      endpoint: codedeploy.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    testListeners: { catalog: catalog.url },
    groupPrefix: prefix,
    contract: () => readContractFile(),
  });
  const event = { DeploymentId: 'd-TEST12345', LifecycleEventHookExecutionId: 'hook-execution-1' };

  beforeAll(async () => {
    catalog = await startFakeCatalog();
    codedeploy = await startFakeCodeDeploy('shopeasy-dev-catalog');
  });
  afterAll(async () => {
    await catalog?.stop();
    await codedeploy?.stop();
  });

  it('When the green catalog answers as the contract says, then the hook reports Succeeded for that execution', async () => {
    expect(await afterAllowTestTraffic(depsFor(), event)).toBe('Succeeded');
    expect(codedeploy.reports.at(-1)).toEqual({
      deploymentId: 'd-TEST12345',
      lifecycleEventHookExecutionId: 'hook-execution-1',
      status: 'Succeeded',
    });
    expect(catalog.requests).toEqual(expect.arrayContaining(['/health/ready', '/v1/categories']));
  });

  it('When the deployment group is not one of this environment’s services, then it reports Failed without calling anything', async () => {
    const before = catalog.requests.length;
    expect(await afterAllowTestTraffic(depsFor('shopeasy-prod-'), event)).toBe('Failed');
    expect(codedeploy.reports.at(-1)?.status).toBe('Failed');
    expect(catalog.requests).toHaveLength(before);
  });

  it('When the bundled function runs with the green catalog breaking the contract, then it reports Failed', async () => {
    // The staged asset beside the templates: asset.<hash> for code uploaded as <hash>.zip.
    const key = (hook.Properties.Code as { S3Key: string }).S3Key;
    const bundle = join(env.app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    expect(readFileSync(join(bundle, 'contract.json'), 'utf8')).toBe(
      readFileSync(
        fileURLToPath(new URL('../../contracts/dist/shopeasy.openapi.json', import.meta.url)),
        'utf8',
      ),
    );
    // The bundle as Lambda runs it; the AWS SDK comes from the runtime, here from the repository.
    const dir = mkdtempSync(join(tmpdir(), 'hook-bundle-'));
    try {
      cpSync(bundle, dir, { recursive: true });
      symlinkSync(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(dir, 'node_modules'));
      catalog.breakContract();
      const script = `const { handler } = await import(${JSON.stringify(join(dir, 'index.mjs'))}); await handler(${JSON.stringify(event)});`;
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['--input-type=module', '-e', script],
          {
            env: {
              PATH: process.env.PATH,
              AWS_ENDPOINT_URL: codedeploy.url,
              AWS_REGION: 'eu-west-1',
              AWS_ACCESS_KEY_ID: 'test',
              AWS_SECRET_ACCESS_KEY: 'test',
              TEST_LISTENERS: JSON.stringify({ catalog: catalog.url }),
              DEPLOYMENT_GROUP_PREFIX: 'shopeasy-dev-',
            },
            timeout: 60_000,
          },
          (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
        ),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).toContain('FAIL  catalog listCategories 200');
      expect(codedeploy.reports.at(-1)).toEqual({ ...toReport(event), status: 'Failed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function toReport(event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) {
  return {
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
  };
}
