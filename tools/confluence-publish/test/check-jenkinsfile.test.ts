import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  cdkEnvironmentNames,
  checkJenkinsfile,
  checkPipelineIntegrations,
  npmScriptCalls,
} from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/jenkinsfile/${name}`, import.meta.url));
const repositoryJenkinsfile = fileURLToPath(new URL('../../../Jenkinsfile', import.meta.url));
const cli = fileURLToPath(new URL('../src/check-jenkinsfile-main.ts', import.meta.url));
/** The check's command line against a fixture pipeline and the fixture root package.json. */
const checkFixtureFromCli = (jenkinsfile: string) =>
  promisify(execFile)(process.execPath, [
    '--conditions=source',
    '--import',
    'tsx',
    cli,
    '--jenkinsfile',
    fixture(jenkinsfile),
    '--package-json',
    fixture('package.json'),
  ]);
const cdkConfig = fileURLToPath(new URL('../../../infra/lib/app/config.ts', import.meta.url));

describe('checking the Jenkinsfile against the root npm scripts', () => {
  it('When a stage calls a script the root package.json lacks, then the check fails naming the line', () => {
    const report = checkJenkinsfile("sh 'npm run bootstrap'\nsh 'npm run --silent test:everything'", {
      bootstrap: 'x',
    });

    expect(report.problems).toEqual([
      'line 2: npm run test:everything: no such script in the root package.json',
    ]);
  });

  it('When a stage calls a workspace script, then the check fails: the pipeline calls root scripts only', () => {
    const report = checkJenkinsfile("sh 'npm run test -w @shopeasy/catalog'", { test: 'x' });

    expect(report.problems).toEqual(['line 1: npm run test targets a workspace; call a root script']);
  });

  it('When calls carry flags and arguments, then the script name is still found', () => {
    const calls = npmScriptCalls(
      'sh "npm run --silent lint:contracts"\nsh \'npm run test:unit -- --reporter=junit\'\nsh "npm test"\nsh \'npm run-script synth\'',
    );

    expect(calls.map((c) => c.script)).toEqual(['lint:contracts', 'test:unit', 'test', 'synth']);
  });

  it('When the fixture pipeline is checked from the command line, then it exits non-zero', async () => {
    const run = checkFixtureFromCli('Jenkinsfile.unknown-script');

    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('npm run test:everything: no such script in the root package.json'),
    });
  });

  it("When the repository's Jenkinsfile is read, then it runs each pipeline step as a root script", async () => {
    const calls = npmScriptCalls(await readFile(repositoryJenkinsfile, 'utf8'));

    expect(calls.every((c) => !c.workspace)).toBe(true);
    expect(new Set(calls.map((c) => c.script))).toEqual(
      new Set([
        'bootstrap',
        'lint:contracts',
        'generate:check',
        'typecheck',
        'lint',
        'test:unit',
        'test:partners',
        'test:infra',
        'test:ops',
        'test:contract',
        'images:build',
        'release:synth',
        'release:diff',
        'deploy:check',
        'docs:publish',
      ]),
    );
  });
});

describe('the credentials a release runs with', () => {
  it('When the Jenkinsfile takes the deploy role, then it is a profile the AWS tools assume again before expiry, not one one-hour session', async () => {
    const jenkinsfile = await readFile(repositoryJenkinsfile, 'utf8');
    // withAWS assumes once: its credentials end after at most an hour, mid-way through a prod release.
    expect(jenkinsfile).not.toMatch(/withAWS\s*\(/);
    const profile = /\[profile shopeasy-deploy\]([\s\S]*?)PROFILE/.exec(jenkinsfile)?.[1] ?? '';
    expect(profile).toMatch(/^role_arn = \$DEPLOY_ROLE_ARN$/m);
    expect(profile).toMatch(/^external_id = \$DEPLOY_EXTERNAL_ID$/m);
    expect(profile).toMatch(/^credential_source = Ec2InstanceMetadata$/m);
    expect(jenkinsfile).toMatch(/'AWS_PROFILE=shopeasy-deploy'/);
  });
});

describe('checking that the Jenkinsfile reports to Bitbucket and Jira', () => {
  const stages = async () => cdkEnvironmentNames(await readFile(cdkConfig, 'utf8'));

  it('When the CDK config is read, then its stage names are dev, staging and prod', async () => {
    expect(await stages()).toEqual(['dev', 'staging', 'prod']);
  });

  it("When the repository's Jenkinsfile is checked, then every Bitbucket and Jira step is there", async () => {
    const jenkinsfile = await readFile(repositoryJenkinsfile, 'utf8');

    expect(checkPipelineIntegrations(jenkinsfile, await stages())).toEqual([]);
  });

  it.each([
    ['bitbucketStatusNotify', 'no bitbucketStatusNotify step: Bitbucket no longer gets the build status'],
    ['jiraSendBuildInfo', 'no jiraSendBuildInfo step: Jira issues no longer show their builds'],
    [
      'jiraSendDeploymentInfo',
      'no jiraSendDeploymentInfo step: Jira issues no longer show their deployments',
    ],
  ])('When %s is commented out, then the check fails', async (step, problem) => {
    const jenkinsfile = (await readFile(repositoryJenkinsfile, 'utf8'))
      .split('\n')
      .map((line) => (line.includes(step) ? `// ${line}` : line))
      .join('\n');

    expect(checkPipelineIntegrations(jenkinsfile, await stages())).toContain(problem);
  });

  it('When a CDK stage is neither deployed nor typed for Jira, then the check names it', async () => {
    const jenkinsfile = await readFile(repositoryJenkinsfile, 'utf8');

    expect(checkPipelineIntegrations(jenkinsfile, [...(await stages()), 'qa'])).toEqual([
      "no deployTo('qa'): the CDK stage qa is never deployed",
      'no Jira environment type is known for the CDK stage qa',
    ]);
  });

  it('When the fixture pipeline without the steps is checked from the command line, then it exits non-zero', async () => {
    const run = checkFixtureFromCli('Jenkinsfile.no-integrations');

    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the CDK stage prod is not reported to Jira as production'),
    });
  });
});

describe('one synthesis per commit', () => {
  it('When the Jenkinsfile deploys, then every environment gets the release assembly synthesized once, and each approver its cdk diff', async () => {
    const jenkinsfile = await readFile(repositoryJenkinsfile, 'utf8');
    // Synthesized once, in the build, and stashed for every deploy.
    expect(jenkinsfile.match(/npm run release:synth/g)).toHaveLength(1);
    expect(jenkinsfile).toContain("stash name: 'assembly', includes: 'infra/release.out/**'");
    expect(jenkinsfile.match(/unstash 'assembly'/g)).toHaveLength(2); // deployTo and releaseDiff
    // Each approval question links the diff of its environment, made before it.
    for (const env of ['staging', 'prod']) {
      expect(jenkinsfile.indexOf(`stage('Diff ${env}')`)).toBeGreaterThan(-1);
      expect(jenkinsfile.indexOf(`stage('Diff ${env}')`)).toBeLessThan(
        jenkinsfile.indexOf(`stage('Deploy ${env}')`),
      );
      expect(jenkinsfile).toContain(`artifact/reports/cdk-diff-${env}.txt`);
    }
    // No deploy synthesizes again: the playbook deploys the assembly.
    const playbook = await readFile(new URL('../../../ansible/deploy.yml', import.meta.url), 'utf8');
    expect(playbook).toContain('cdk deploy --app release.out');
    expect(playbook).not.toMatch(/cdk deploy --all/);
  });
});
