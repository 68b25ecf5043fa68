import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { LOCAL_STAGE } from '@shopeasy/resources';
import { createLocalDataStack } from '@shopeasy/infra/data-stack';
import type { Template } from './template.js';

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
