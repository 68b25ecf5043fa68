import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation resource as a synthesized template holds it. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** A synthesized CloudFormation template: its parameters, resources and the outputs it exports. */
export interface CfnTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

/** One stack of a cloud assembly, with the account and region it deploys to. */
export interface Stack {
  name: string;
  account: string;
  region: string;
  template: CfnTemplate;
}

/** The stacks of a cloud assembly (`cdk.out`), of every environment it holds. */
export type Assembly = readonly Stack[];

interface Manifest {
  artifacts?: Record<
    string,
    { type: string; environment?: string; properties?: { templateFile?: string; stackName?: string } }
  >;
}

/** Reads the stacks of a synthesized cloud assembly: `manifest.json` and its templates. */
export function readAssembly(dir: string): Assembly {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => {
      // aws://<account>/<region>, as the stack's env gave it.
      const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
      const file = artifact.properties?.templateFile;
      if (!account || !region || !file) throw new Error(`${dir}: stack ${id} has no environment or template`);
      const template = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CfnTemplate;
      return { name: artifact.properties?.stackName ?? id, account, region, template };
    });
}

/** The stacks of one environment: `ShopEasy-<Env>-<Stack>`. */
export function environmentStacks(assembly: Assembly, env: string): Assembly {
  const prefix = `ShopEasy-${env.charAt(0).toUpperCase()}${env.slice(1)}-`;
  const stacks = assembly.filter((stack) => stack.name.startsWith(prefix));
  if (stacks.length === 0) throw new Error(`no ${prefix}* stacks in the assembly`);
  return stacks;
}

/** Every resource of one type in the stacks, with its stack and logical id. */
export function resourcesOf(stacks: Assembly, type: string): Located[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {})
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, type, properties: resource.Properties ?? {} })),
  );
}

/** A resource of the stacks, with where it is. */
export interface Located {
  stack: Stack;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}
