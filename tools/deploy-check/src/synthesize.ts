import { App } from 'aws-cdk-lib';
import { buildEnvironment } from '@shopeasy/infra/app';
import { appContext } from '@shopeasy/infra/app-context';
import type { CfnTemplate } from '@shopeasy/infra/component-environment';
import { environmentConfig, type EnvironmentName } from '@shopeasy/infra/config';

/** Every stack of one environment, by its name in the app (`services`, `notifications`, …). */
export type EnvironmentTemplates = Readonly<Record<string, CfnTemplate>>;

/**
 * Synthesizes the environments in one app, as `npm run synth` does (Lambda code not bundled:
 * the templates are the same but for asset hashes), and returns their templates.
 */
export function synthesize(
  names: readonly EnvironmentName[],
  imageTag: string,
): Map<EnvironmentName, EnvironmentTemplates> {
  const app = new App({ context: appContext({ imageTag }) });
  const built = names.map(
    (name) => [name, buildEnvironment(app, environmentConfig(app.node, name))] as const,
  );
  const assembly = app.synth();
  return new Map(
    built.map(([name, stacks]) => [
      name,
      Object.fromEntries(
        Object.entries(stacks).map(([key, stack]) => [
          key,
          assembly.getStackArtifact(stack.artifactId).template as CfnTemplate,
        ]),
      ),
    ]),
  );
}
