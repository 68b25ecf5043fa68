import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { LOCAL_STAGE } from '@shopeasy/resources';
import { buildEnvironment } from '@shopeasy/infra/app';
import { appContext } from '@shopeasy/infra/app-context';
import { environmentConfig } from '@shopeasy/infra/config';
import { createLocalDataStack } from '@shopeasy/infra/data-stack';
import type { CloudTemplates, Template } from './template.js';

/** Synthesizes the local data stack in-process and returns its CloudFormation template. */
export function synthDataTemplate(stage: string = LOCAL_STAGE): Template {
  const outdir = mkdtempSync(join(tmpdir(), 'shopeasy-cdk-'));
  try {
    // CDK's built-in CloudFormation validation costs ~3 s of CPU on every local start; the
    // infra checks validate these templates (`npm run test:infra`: cdk synth, cfn-lint).
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = createLocalDataStack(app, stage);
    const assembly = app.synth();
    return assembly.getStackArtifact(stack.artifactId).template as Template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes one cloud environment as `npm run synth` does (Lambda code not bundled) and returns
 * the templates the local stack runs its components from: each service's task definition, the
 * functions, and the data stack whose exports they import.
 */
export function synthCloudTemplates(environment: string): CloudTemplates {
  const outdir = mkdtempSync(join(tmpdir(), 'shopeasy-cdk-'));
  try {
    const app = new App({ outdir, context: appContext(), builtinCloudFormationValidation: false });
    const config = environmentConfig(app.node, environment);
    const stacks = buildEnvironment(app, config);
    const assembly = app.synth();
    const template = (stack: { artifactId: string }) =>
      assembly.getStackArtifact(stack.artifactId).template as Template;
    return {
      environment,
      account: config.account,
      region: config.region,
      data: template(stacks.data),
      services: template(stacks.services),
      notifications: template(stacks.notifications),
      api: template(stacks.api),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
