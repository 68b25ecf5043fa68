import { App } from 'aws-cdk-lib';
import { readAssembly as readStacks } from '@shopeasy/iam-check';
import { buildEnvironment } from '@shopeasy/infra/app';
import { appContext } from '@shopeasy/infra/app-context';
import type { CfnTemplate } from '@shopeasy/infra/component-environment';
import { environmentConfig, stackPrefix, type EnvironmentName } from '@shopeasy/infra/config';

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

/**
 * The templates of the environments in an already synthesized cloud assembly (`cdk synth
 * --output <dir>`, read as the IAM check reads one): what a release deploys, checked as it is
 * rather than synthesized again.
 */
export function readAssembly(
  dir: string,
  names: readonly EnvironmentName[],
): Map<EnvironmentName, EnvironmentTemplates> {
  const stacks = readStacks(dir);
  const context = appContext();
  return new Map(
    names.map((name) => {
      const prefix = `${stackPrefix(environmentConfig(new App({ context }).node, name))}-`;
      const mine = stacks.filter((stack) => stack.name.startsWith(prefix));
      if (mine.length === 0) throw new Error(`${dir} holds no ${prefix}* stack`);
      // ShopEasy-Prod-Services -> services: the keys buildEnvironment gives the stacks.
      const templates = mine.map((stack) => [stack.name.slice(prefix.length).toLowerCase(), stack.template]);
      return [name, Object.fromEntries(templates) as EnvironmentTemplates];
    }),
  );
}
