import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// infra/scripts/deploy-services.sh against a fake AWS CLI (test/fixtures/fake-aws) that answers
// from a scenario; minutes of the deployment configuration are shortened to seconds.
const script = fileURLToPath(new URL('../scripts/deploy-services.sh', import.meta.url));
const fakeBin = fileURLToPath(new URL('./fixtures/fake-aws/bin', import.meta.url));

const ALL_AT_ONCE = 'CodeDeployDefault.ECSAllAtOnce';
const LINEAR = 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes';
const CANARY = 'CodeDeployDefault.ECSCanary10Percent5Minutes';

interface FakeService {
  latest: string;
  running: string;
  deploymentConfig: string;
  terminationWaitMinutes: number;
  statuses: string[];
  error?: string;
}

const revision = (service: string, n: number) =>
  `arn:aws:ecs:eu-west-1:111111111111:task-definition/shopeasy-dev-${service}:${n}`;

/** A service with a new revision whose deployment reports the given statuses, one per poll. */
function changed(service: string, statuses: string[], extra: Partial<FakeService> = {}): FakeService {
  return {
    latest: revision(service, 8),
    running: revision(service, 7),
    deploymentConfig: ALL_AT_ONCE,
    terminationWaitMinutes: 5,
    statuses,
    ...extra,
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  calls: { at: number; args: string[] }[];
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(services: Record<string, FakeService>, args: string[], env: Record<string, string> = {}) {
  const state = mkdtempSync(join(tmpdir(), 'fake-aws-'));
  dirs.push(state);
  writeFileSync(join(state, 'scenario.json'), JSON.stringify({ services }));
  const started = Date.now();
  return new Promise<Run>((resolve) => {
    execFile(
      'bash',
      [script, ...args],
      {
        env: {
          ...process.env,
          PATH: `${fakeBin}:${process.env.PATH}`,
          FAKE_AWS_SCENARIO: join(state, 'scenario.json'),
          FAKE_AWS_STATE: state,
          DEPLOY_POLL_SECONDS: '0.1',
          DEPLOY_SECONDS_PER_MINUTE: '1',
          // Far enough that a loaded machine never reaches a deadline unless a test means it to.
          DEPLOY_START_MINUTES: '60',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        // Gone when the test already timed out and its folder was removed.
        const log = join(state, 'calls.jsonl');
        const calls = (existsSync(log) ? readFileSync(log, 'utf8') : '')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Run['calls'][number]);
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000, calls });
      },
    );
  });
}

/** The summary table's row of a service: [service, result, deployment, revision, minutes]. */
function summaryRow(stdout: string, service: string): string[] {
  const row = stdout
    .split('\n')
    .reverse()
    .find((line) => line.startsWith(`${service} `));
  if (!row) throw new Error(`no summary row for ${service} in:\n${stdout}`);
  return row.trim().split(/\s+/);
}

const created = (calls: Run['calls']) =>
  calls.filter((c) => c.args[0] === 'deploy' && c.args[1] === 'create-deployment');

// Each fake `aws` call starts a Node process; in `npm test` this file runs at the lowest CPU
// priority beside the stack lane, where a release of 20 polls can wait for the CPU for tens of
// seconds. The bound only catches a hang: no test here asserts on elapsed time beyond ordering.
describe('deploy-services.sh', { timeout: 120_000 }, () => {
  it('When every deployment succeeds, then it exits 0, reports each service and sends the AppSpec with the test-traffic hook', async () => {
    const result = await run(
      {
        users: changed('users', ['InProgress', 'InProgress', 'Succeeded']),
        orders: changed('orders', ['Created', 'InProgress', 'Succeeded']),
        cart: { ...changed('cart', []), latest: revision('cart', 3), running: revision('cart', 3) },
      },
      ['dev', 'users', 'orders', 'cart'],
    );

    expect(result.code, result.stderr).toBe(0);
    expect(summaryRow(result.stdout, 'users').slice(0, 3)).toEqual(['users', 'succeeded', 'd-USERS']);
    expect(summaryRow(result.stdout, 'orders').slice(0, 3)).toEqual(['orders', 'succeeded', 'd-ORDERS']);
    expect(summaryRow(result.stdout, 'cart').slice(0, 2)).toEqual(['cart', 'unchanged']);
    const deployments = created(result.calls);
    expect(deployments).toHaveLength(2);
    const users = deployments.find((c) => c.args.includes('shopeasy-dev-users'))!;
    const revisionArg = JSON.parse(users.args[users.args.indexOf('--revision') + 1]!) as {
      appSpecContent: { content: string };
    };
    expect(JSON.parse(revisionArg.appSpecContent.content)).toEqual({
      version: 1,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: revision('users', 8),
              LoadBalancerInfo: { ContainerName: 'users', ContainerPort: 8081 },
            },
          },
        },
      ],
      Hooks: [{ AfterAllowTestTraffic: 'shopeasy-dev-after-allow-test-traffic' }],
    });
  });

  it('When the services are released, then the second deployment starts before the first one has finished', async () => {
    const polls = Array<string>(10).fill('InProgress').concat('Succeeded');
    const result = await run({ users: changed('users', polls), catalog: changed('catalog', polls) }, [
      'dev',
      'users',
      'catalog',
    ]);

    expect(result.code, result.stderr).toBe(0);
    const lastPoll = (id: string) =>
      Math.max(...result.calls.filter((c) => c.args.includes(id)).map((c) => c.at));
    const [first, second] = created(result.calls).sort((a, b) => a.at - b.at);
    const firstId = first!.args.includes('shopeasy-dev-users') ? 'd-USERS' : 'd-CATALOG';
    expect(second!.at).toBeLessThan(lastPoll(firstId));
  });

  it('When a deployment fails, then it exits 1, reports the failure with its reason and the others still finish', async () => {
    const result = await run(
      {
        users: changed('users', ['InProgress', 'Failed'], {
          error: 'Alarm shopeasy-dev-users-errors5xx fired',
        }),
        catalog: changed('catalog', ['InProgress', 'InProgress', 'Succeeded']),
      },
      ['dev', 'users', 'catalog'],
    );

    expect(result.code).toBe(1);
    expect(summaryRow(result.stdout, 'users').slice(0, 2)).toEqual(['users', 'failed']);
    expect(summaryRow(result.stdout, 'catalog').slice(0, 2)).toEqual(['catalog', 'succeeded']);
    expect(result.stderr).toContain('Alarm shopeasy-dev-users-errors5xx fired');
  });

  it('When a poll of the deployment fails, then it polls again rather than reporting a result', async () => {
    const result = await run({ cart: changed('cart', ['InProgress', 'throttled', 'Succeeded']) }, [
      'dev',
      'cart',
    ]);

    expect(result.code, result.stderr).toBe(0);
    expect(summaryRow(result.stdout, 'cart').slice(0, 2)).toEqual(['cart', 'succeeded']);
  });

  it('When a deployment is stopped, then it exits 1 and reports it stopped', async () => {
    const result = await run({ feedback: changed('feedback', ['InProgress', 'Stopped']) }, [
      'dev',
      'feedback',
    ]);

    expect(result.code).toBe(1);
    expect(summaryRow(result.stdout, 'feedback').slice(0, 3)).toEqual(['feedback', 'stopped', 'd-FEEDBACK']);
  });

  it('When a deployment is still running at its deadline, then it stops waiting, exits 1 and says how to roll back', async () => {
    // Deadline: 1 (start) + 0 (all at once) + 1 (termination wait) "minutes" of one second each.
    const result = await run(
      { users: changed('users', ['InProgress'], { terminationWaitMinutes: 1 }) },
      ['dev', 'users'],
      { DEPLOY_START_MINUTES: '1' },
    );

    expect(result.code).toBe(1);
    expect(summaryRow(result.stdout, 'users').slice(0, 3)).toEqual(['users', 'past', 'deadline']);
    expect(result.stderr).toContain(
      'aws deploy stop-deployment --deployment-id d-USERS --auto-rollback-enabled',
    );
    // How many polls fit in the two seconds depends on the machine's load; that it polled and then
    // gave up at the deadline, not at some fixed count, is what matters.
    const polls = result.calls.filter((c) => c.args[1] === 'get-deployment').length;
    expect(polls).toBeGreaterThanOrEqual(1);
    // Never before the deadline; a hang past it would fail the test on its timeout.
    expect(result.seconds).toBeGreaterThanOrEqual(2);
  });

  it('When asked for the deadline, then it is the longest service: start-up + traffic shifting + termination wait', async () => {
    const minutes = { DEPLOY_SECONDS_PER_MINUTE: '60', DEPLOY_START_MINUTES: '15' };
    const prod = await run(
      {
        users: changed('users', [], { deploymentConfig: CANARY, terminationWaitMinutes: 30 }),
        cart: changed('cart', [], { deploymentConfig: ALL_AT_ONCE, terminationWaitMinutes: 5 }),
      },
      ['--deadline', 'prod', 'users', 'cart'],
      minutes,
    );
    const staging = await run(
      { users: changed('users', [], { deploymentConfig: LINEAR, terminationWaitMinutes: 5 }) },
      ['--deadline', 'staging', 'users'],
      minutes,
    );

    // prod: 15 + 5 (10 % canary for 5 minutes) + 30; staging: 15 + 9 (10 % more each minute) + 5.
    expect(prod.stdout.trim()).toBe(String((15 + 5 + 30) * 60));
    expect(staging.stdout.trim()).toBe(String((15 + 9 + 5) * 60));
    expect(created(prod.calls)).toHaveLength(0);
  });
});
