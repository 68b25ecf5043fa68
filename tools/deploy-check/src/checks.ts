import { App } from 'aws-cdk-lib';
import { loadCartConfig } from '@shopeasy/cart';
import { loadConfig as loadCartEventsConfig } from '@shopeasy/cart-events/config';
import { loadCatalogConfig } from '@shopeasy/catalog';
import { loadFeedbackConfig } from '@shopeasy/feedback';
import { appContext } from '@shopeasy/infra/app-context';
import {
  containerEnvironment,
  containersOf,
  functionEnvironment,
  propertiesOf,
  type CfnTemplate,
} from '@shopeasy/infra/component-environment';
import { environmentConfig, type EnvironmentName } from '@shopeasy/infra/config';
import { MICROSERVICES } from '@shopeasy/infra/services';
import { loadConfig as loadNotificationsConfig } from '@shopeasy/notifications/config';
import { loadOrdersConfig } from '@shopeasy/orders';
import { loadUsersConfig } from '@shopeasy/users';
import { blueGreenProblem } from './blue-green.js';
import type { EnvironmentTemplates } from './synthesize.js';

/** One line of the check: what was checked, and why it failed. */
export interface CheckResult {
  name: string;
  /** Why it failed; undefined when it passed. */
  problem?: string;
}

// Each service's configuration loader, exactly as its main.ts calls it at start-up.
const LOADERS: Readonly<Record<(typeof MICROSERVICES)[number], (env: NodeJS.ProcessEnv) => unknown>> = {
  users: loadUsersConfig,
  catalog: loadCatalogConfig,
  cart: loadCartConfig,
  orders: loadOrdersConfig,
  feedback: loadFeedbackConfig,
};

async function check(name: string, run: () => unknown): Promise<CheckResult> {
  try {
    const problem = await run();
    return typeof problem === 'string' ? { name, problem } : { name };
  } catch (error) {
    return { name, problem: (error as Error).message.replace(/\s*\n\s*/g, '; ') };
  }
}

const template = (templates: EnvironmentTemplates, stack: string): CfnTemplate => {
  const found = templates[stack];
  if (!found) throw new Error(`no ${stack} stack`);
  return found;
};

/** Synthesis for a deploy refuses to run without `-c imageTag`. */
export function checkImageTagRequired(): Promise<CheckResult> {
  return check('synthesis without -c imageTag stops', () => {
    const { imageTag: _check, ...context } = appContext();
    try {
      environmentConfig(new App({ context }).node, 'prod');
    } catch (error) {
      return /imageTag/.test((error as Error).message) ? undefined : (error as Error).message;
    }
    return 'synthesized without an image tag';
  });
}

/** What holds data that deleting a stack would lose, or that a fixed name makes hard to re-create. */
const STATEFUL = [
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::Backup::BackupVault',
  'AWS::Kinesis::Stream',
  'AWS::SecretsManager::Secret',
];

/**
 * `retain` (staging, prod): every stateful resource outlives its stack, tables with deletion
 * protection. `destroy` (dev): nothing outlives it, so a failed first create or a teardown leaves
 * no fixed name behind to stop the next create at "already exists".
 */
function removalProblem(teardown: 'destroy' | 'retain', templates: EnvironmentTemplates): string | undefined {
  const wrong: string[] = [];
  for (const [stack, t] of Object.entries(templates))
    for (const [id, r] of Object.entries(t.Resources ?? {})) {
      const retained = r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate';
      const protectedTable =
        r.Type === 'AWS::DynamoDB::Table' && r.Properties?.DeletionProtectionEnabled === true;
      if (teardown === 'destroy' && (retained || protectedTable))
        wrong.push(
          `${stack} ${id} (${r.Type}) ${retained ? `is ${r.DeletionPolicy}` : 'has deletion protection'}`,
        );
      if (teardown === 'retain' && STATEFUL.includes(r.Type) && !retained)
        wrong.push(`${stack} ${id} (${r.Type}) is ${r.DeletionPolicy ?? 'Delete'}`);
      if (teardown === 'retain' && r.Type === 'AWS::DynamoDB::Table' && !protectedTable)
        wrong.push(`${stack} ${id} (${r.Type}) has no deletion protection`);
    }
  return wrong.length > 0 ? wrong.join(', ') : undefined;
}

/** The checks of one environment's templates, one result a line. */
export async function checkEnvironment(
  env: EnvironmentName,
  templates: EnvironmentTemplates,
  imageTag: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const containers = () => containersOf(template(templates, 'services'));
  results.push(
    await check(`${env} images: every service runs the image tagged ${imageTag}`, () => {
      // The services' own images; sidecars such as the telemetry collector pin theirs.
      const services = containers().filter((c) => (MICROSERVICES as readonly string[]).includes(c.Name));
      if (services.length !== MICROSERVICES.length) return `${services.length} service containers`;
      const untagged = services
        .filter((c) => !JSON.stringify(c.Image).includes(`:${imageTag}`))
        .map((c) => c.Name);
      return untagged.length > 0 ? `not ${imageTag}: ${untagged.join(', ')}` : undefined;
    }),
  );
  for (const service of MICROSERVICES) {
    results.push(
      await check(`${env} ${service}: its configuration loads from its task definition`, async () => {
        const container = containers().find((c) => c.Name === service);
        if (!container) return `no ${service} container`;
        const given = await containerEnvironment(container);
        if (given.NODE_ENV !== 'production')
          return `NODE_ENV is ${given.NODE_ENV ?? 'unset'}, not production`;
        LOADERS[service](given);
        return undefined;
      }),
    );
  }
  results.push(
    await check(`${env} notifications: its configuration loads from its function`, () => {
      loadNotificationsConfig(
        functionEnvironment(template(templates, 'notifications'), `shopeasy-${env}-notifications`),
      );
    }),
  );
  results.push(
    await check(`${env} cart-events: its configuration loads from its function`, () => {
      loadCartEventsConfig(
        functionEnvironment(template(templates, 'services'), `shopeasy-${env}-cart-events`),
      );
    }),
  );
  const { teardown } = environmentConfig(new App({ context: appContext() }).node, env);
  results.push(
    await check(
      `${env} removal policies: ${teardown === 'retain' ? 'stateful resources outlive the stacks' : 'nothing outlives the stacks'} (teardown: ${teardown})`,
      () => removalProblem(teardown, templates),
    ),
  );
  results.push(
    await check(`${env} blue/green: the listeners and target groups CodeDeploy swaps are as recorded`, () =>
      blueGreenProblem(env, template(templates, 'services')),
    ),
  );
  results.push(
    await check(`${env} references between stacks lock nothing (no Fn::ImportValue)`, () => {
      // While a stack imports an export, CloudFormation refuses to change or replace what it names.
      // References go by fixed name, by SSM parameter or by Fn::GetStackOutput (weak) instead.
      const imports = Object.entries(templates).flatMap(([stack, t]) =>
        [...JSON.stringify(t.Resources ?? {}).matchAll(/"Fn::ImportValue":("[^"]*"|\{[^}]*\})/g)].map(
          ([, name]) => `${stack} imports ${name}`,
        ),
      );
      return imports.length > 0 ? imports.join(', ') : undefined;
    }),
  );
  results.push(
    await check(`${env} no function reserves concurrency (a new account's quota cannot grant it)`, () => {
      const reserving = Object.entries(templates).flatMap(([stack, t]) =>
        propertiesOf(t, 'AWS::Lambda::Function')
          .filter((f) => f.ReservedConcurrentExecutions !== undefined)
          .map((f) => `${stack}: ${JSON.stringify(f.FunctionName)}`),
      );
      return reserving.length > 0 ? `reserved: ${reserving.join(', ')}` : undefined;
    }),
  );
  results.push(
    await check(`${env} notifications: its queue bounds the function's concurrency`, () => {
      const mappings = propertiesOf(template(templates, 'notifications'), 'AWS::Lambda::EventSourceMapping');
      const bounded = mappings.some(
        (m) =>
          typeof (m.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency ===
          'number',
      );
      return bounded ? undefined : 'no event source mapping with ScalingConfig.MaximumConcurrency';
    }),
  );
  return results;
}
