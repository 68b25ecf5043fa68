import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releasePipelineDot } from '../src/diagrams/release-pipeline.js';
import { parseJenkinsfile } from '../src/pipeline/jenkinsfile.js';

// A small pipeline with what the real one uses: nested stages, `when`, `parallel`, an `input`
// approval, a helper called per environment, stashes, and comments and strings holding braces.
const JENKINSFILE = `
// Release pipeline { with a brace in a comment }
pipeline {
  agent none
  stages {
    stage('Verify') {
      stages {
        stage('Lint') { steps { sh 'npm run lint' } }
        stage('Checks') {
          parallel {
            stage('Unit') { steps { sh "npm run test:unit -- --reporter='}'" } }
            stage('Contract gate') { steps { sh 'npm run test:contract' } }
          }
        }
        stage('Build images') {
          when { branch 'main' }
          steps {
            withDeployRole('dev') { sh 'npm run images:build -- --push' }
            stash name: 'images', includes: 'reports/images/images.json'
          }
        }
      }
    }
    stage('Deploy staging') {
      when {
        beforeInput true
        branch 'main'
      }
      options { timeout(time: 1, unit: 'DAYS') }
      input {
        message "Deploy to staging? \${env.BUILD_URL}"
        ok 'Deploy to staging'
        submitter 'releasers'
      }
      steps { deployTo('staging') }
    }
  }
}

def deployTo(String envName) {
  unstash 'images'
  withDeployRole(envName) { sh "ansible-playbook ansible/deploy.yml -e env=\${envName}" }
  notify(envName)
}

def notify(String envName) { jiraSendDeploymentInfo environmentId: "shopeasy-\${envName}" }
`;

const PLAYBOOK = `
- name: Deploy
  hosts: all
  tasks:
    - name: The image tag is a git commit
      ansible.builtin.assert: { that: true }
    - name: Release the services blue/green
      ansible.builtin.command:
        cmd: bash infra/scripts/deploy-services.sh {{ env }}
    - name: Stop in-flight deployments
      tags: [rollback, never]
      ansible.builtin.command: { cmd: aws deploy stop-deployment }
`;

const DEPLOY_SCRIPT = `hook="shopeasy-\${env_name}-after-allow-test-traffic"
appspec='{ Hooks: [{AfterAllowTestTraffic: $hook}] }'`;

const template = (config: string) => ({
  Resources: {
    Group: {
      Type: 'AWS::CodeDeploy::DeploymentGroup',
      Properties: {
        DeploymentGroupName: 'shopeasy-staging-orders',
        DeploymentConfigName: config,
        AlarmConfiguration: { Alarms: [{ Name: { Ref: 'Errors' } }] },
        BlueGreenDeploymentConfiguration: {
          TerminateBlueInstancesOnDeploymentSuccess: { TerminationWaitTimeInMinutes: 7 },
        },
      },
    },
    Errors: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { AlarmName: 'shopeasy-staging-orders-errors5xx' },
    },
    Hook: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'shopeasy-staging-after-allow-test-traffic',
        Description: 'CodeDeploy hook: checks',
      },
    },
  },
});

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const dot = () => releasePipelineDot({ root, assembly: join(root, 'cdk.out') });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'release-pipeline-'));
  write('Jenkinsfile', JENKINSFILE);
  write('package.json', JSON.stringify({ scripts: { 'images:build': 'bash scripts/build-images.sh' } }));
  write('ansible/deploy.yml', PLAYBOOK);
  write('infra/scripts/deploy-services.sh', DEPLOY_SCRIPT);
  write(
    'cdk.out/ShopEasy-Staging-Services.template.json',
    JSON.stringify(template('CodeDeployDefault.ECSLinear')),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the release pipeline diagram', () => {
  it('When a Jenkinsfile is parsed, then its stages come in order with their conditions, approvals and commands', () => {
    const [verify, deploy] = parseJenkinsfile(JENKINSFILE);
    expect(verify!.children.map((s) => s.name)).toEqual(['Lint', 'Checks', 'Build images']);
    const checks = verify!.children[1]!;
    expect(checks.parallel).toBe(true);
    expect(checks.children.map((s) => [s.name, s.steps])).toEqual([
      ['Unit', [{ type: 'sh', command: "npm run test:unit -- --reporter='}'" }]],
      ['Contract gate', [{ type: 'sh', command: 'npm run test:contract' }]],
    ]);
    expect(verify!.children[2]!.when).toEqual(['branch main']);
    expect(deploy).toMatchObject({
      name: 'Deploy staging',
      when: ['branch main'],
      timeout: '1 day',
      approval: { ok: 'Deploy to staging', submitter: 'releasers' },
      targets: ['staging'],
      steps: [
        { type: 'unstash', name: 'images' },
        { type: 'sh', command: 'ansible-playbook ansible/deploy.yml -e env=staging' },
      ],
    });
  });

  it('When drawn, then the approval is an octagon before its stage, and the deploy shows its playbook and blue/green hook', () => {
    const text = dot();
    expect(text).toMatch(
      /"stage_4_approval" \[label="Deploy to staging\\nby releasers\\nwaits up to 1 day" shape=octagon/,
    );
    expect(text).toContain('"stage_4_approval" -> "stage_4"');
    expect(text).toContain('npm run images:build (scripts/build-images.sh)');
    expect(text).toContain('2. Release the services blue/green');
    expect(text).not.toContain('Stop in-flight deployments');
    expect(text).toContain('AfterAllowTestTraffic hook');
    expect(text).toContain('staging: ECSLinear');
    expect(text).toContain('errors5xx');
  });

  it('When the parallel stages are drawn, then each follows the stage before and leads to the one after', () => {
    const text = dot();
    for (const edge of [
      '"stage_0" -> "stage_1"',
      '"stage_0" -> "stage_2"',
      '"stage_1" -> "stage_3"',
      '"stage_2" -> "stage_3"',
    ])
      expect(text).toContain(edge);
  });

  it('When a stage is added to the Jenkinsfile, then the picture shows it', () => {
    expect(dot()).not.toContain('Security scan');
    write(
      'Jenkinsfile',
      JENKINSFILE.replace(
        "stage('Lint') {",
        "stage('Security scan') { steps { sh 'npm run scan' } }\n        stage('Lint') {",
      ),
    );
    try {
      expect(dot()).toMatch(/"stage_0" \[label="Security scan\\nnpm run scan"/);
    } finally {
      write('Jenkinsfile', JENKINSFILE);
    }
  });
});
