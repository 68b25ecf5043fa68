import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { appContext } from '../../lib/app/app-context.js';
import { ENVIRONMENT_NAMES, environmentConfig, type EnvironmentName } from '../../lib/app/config.js';
import { buildEnvironment, type BuildOptions, type EnvironmentStacks } from '../../lib/app/shopeasy-app.js';

/** The real notifications handler; while it is missing, a fixture (a test in stacks.test.ts fails). */
export const NOTIFICATIONS_HANDLER = fileURLToPath(
  new URL('../../../functions/notifications/src/handler.ts', import.meta.url),
);
const notificationsEntry = existsSync(NOTIFICATIONS_HANDLER)
  ? NOTIFICATIONS_HANDLER
  : fileURLToPath(new URL('../fixtures/notifications-handler.ts', import.meta.url));

/** Builds one environment the way bin/app.ts does. */
export function build(app: App, name: EnvironmentName, options: BuildOptions = {}): EnvironmentStacks {
  return buildEnvironment(app, environmentConfig(app.node, name), { notificationsEntry, ...options });
}

/** The context `npm run synth` gives (lib/app/app-context.ts). */
export function cdkContext({ bundle = false }: { bundle?: boolean } = {}): Record<string, unknown> {
  return appContext({ bundle });
}

export interface SynthesizedEnvironment {
  readonly app: App;
  readonly stacks: EnvironmentStacks;
  /** The synthesized template of one stack of the environment. */
  template(stack: keyof EnvironmentStacks | Stack): Template;
}

// Test files share a worker's modules (isolate: false) and only read what they synthesize, so one
// synthesis of an environment with the default options serves every file that asks for it.
const synthesized = new Map<string, SynthesizedEnvironment>();

/**
 * Builds and synthesizes one environment exactly as bin/app.ts does, without the CLI; with the
 * default build options, once per worker (the result is read, never changed).
 */
export function synthEnvironment(
  name: EnvironmentName = 'dev',
  options: BuildOptions = {},
  { bundle = false }: { bundle?: boolean } = {},
): SynthesizedEnvironment {
  if (Object.keys(options).length > 0) return synthesize(name, options, bundle);
  const key = `${name}${bundle ? '+bundle' : ''}`;
  let environment = synthesized.get(key);
  if (!environment) synthesized.set(key, (environment = synthesize(name, options, bundle)));
  return environment;
}

function synthesize(name: EnvironmentName, options: BuildOptions, bundle: boolean): SynthesizedEnvironment {
  const app = new App({ context: cdkContext({ bundle }) });
  const stacks = build(app, name, options);
  const assembly = app.synth();
  const templates = new Map<string, Template>();
  return {
    app,
    stacks,
    template(stack) {
      const target = typeof stack === 'string' ? stacks[stack] : stack;
      let template = templates.get(target.artifactId);
      if (!template) {
        template = Template.fromJSON(
          assembly.getStackArtifact(target.artifactId).template as Record<string, unknown>,
        );
        templates.set(target.artifactId, template);
      }
      return template;
    },
  };
}

/** Builds every environment into one app, as `npm run synth` does. */
export function buildAllEnvironments(app: App = new App({ context: cdkContext() })): App {
  for (const name of ENVIRONMENT_NAMES) build(app, name);
  return app;
}

/** Resources of one type in a template, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}
