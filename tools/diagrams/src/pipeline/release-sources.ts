// What the Jenkinsfile's commands lead to: the root npm scripts and the scripts they run, the deploy
// playbook's tasks, and the blue/green release each environment's CodeDeploy groups carry out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** `npm run images:build -- --push` as `npm run images:build (scripts/build-images.sh)`. */
export function describeCommand(command: string, scripts: Readonly<Record<string, string>>): string {
  const line = command.trim().split('\n')[0]!.trim();
  const npm = /^npm run (\S+)/.exec(line);
  if (npm) {
    // The script or tool it runs, when it runs just one (`eslint . && …` names no single one).
    const script = scripts[npm[1]!] ?? '';
    const single = /^(?:bash|node)\s(?:--\S+\s(?:tsx\s)?)*((?:scripts|tools|tests|infra\/scripts)\/[\w./-]+)/;
    const target = script.includes('&&') ? undefined : single.exec(script)?.[1];
    return target ? `npm run ${npm[1]} (${target.replace(/\/src\/.*$/, '')})` : `npm run ${npm[1]}`;
  }
  // A program and what it runs, without the options: `ansible-playbook ansible/deploy.yml`, `bash x.sh`.
  const program = /^(ansible-playbook|bash|node) (\S+)/.exec(line);
  if (program) return `${program[1]} ${program[2]}`;
  const npx = /^npx (?:--\S+ )*(\S+ \S+)/.exec(line);
  if (npx) return npx[1]!;
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

export interface PlaybookTask {
  readonly name: string;
  /** A check (an assertion, or a command that changes nothing) rather than a step that acts. */
  readonly check: boolean;
  /** The command it runs, described as the Jenkinsfile's are. */
  readonly command?: string;
}

interface YamlTask {
  name?: string;
  tags?: string[];
  changed_when?: unknown;
  block?: YamlTask[];
  [module: string]: unknown;
}

/** The tasks a plain `ansible-playbook <file>` runs, in order (none tagged `never`). */
export function playbookTasks(text: string, scripts: Readonly<Record<string, string>>): PlaybookTask[] {
  const plays = parse(text) as { tasks?: YamlTask[] }[];
  const tasks = plays.flatMap((play) => play.tasks ?? []);
  return tasks
    .filter((task) => !(task.tags ?? []).includes('never') && task.name)
    .map((task) => {
      const module = (task['ansible.builtin.command'] ?? task['ansible.builtin.shell']) as
        string | { cmd?: string } | undefined;
      const cmd = typeof module === 'string' ? module : module?.cmd;
      const check = 'ansible.builtin.assert' in task || task.changed_when === false;
      return { name: task.name!, check, ...(cmd ? { command: describeCommand(cmd, scripts) } : {}) };
    });
}

export interface BlueGreen {
  /** Services with a CodeDeploy blue/green deployment group, sorted. */
  readonly services: readonly string[];
  /** The lifecycle hook the release's AppSpec names, e.g. AfterAllowTestTraffic. */
  readonly hookEvent: string;
  /** The hook function's name and description, from the environment's stacks. */
  readonly hookFunction: string;
  readonly hookDescription: string;
  /** Per environment: how traffic shifts and how long the blue tasks stay. */
  readonly environments: readonly { env: string; config: string; blueMinutes: number }[];
  /** What rolls a deployment back: alarm names without the environment's and service's prefix. */
  readonly alarms: readonly string[];
}

interface Resource {
  readonly id: string;
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/**
 * The blue/green release from the deploy script (its AppSpec's hook) and the synthesized stacks of
 * each environment (deployment groups, their configuration and alarms, the hook function).
 */
export function blueGreen(deployScript: string, assembly: string, envs: readonly string[]): BlueGreen {
  const hookName = /^hook="([^"]+)"/m.exec(deployScript)?.[1];
  const hookEvent = /Hooks:\s*\[\{\s*(\w+):\s*\$hook/.exec(deployScript)?.[1];
  if (!hookName || !hookEvent) throw new Error('the deploy script names no lifecycle hook in its AppSpec');
  const services = new Set<string>();
  const alarms = new Set<string>();
  const environments: BlueGreen['environments'][number][] = [];
  let hookFunction = '';
  let hookDescription = '';
  for (const env of envs) {
    const resources = stackResources(assembly, env);
    const groups = resources.filter((r) => r.Type === 'AWS::CodeDeploy::DeploymentGroup');
    if (groups.length === 0) continue;
    const first = groups[0]!.Properties!;
    const blue = first.BlueGreenDeploymentConfiguration as {
      TerminateBlueInstancesOnDeploymentSuccess?: { TerminationWaitTimeInMinutes?: number };
    };
    environments.push({
      env,
      config: String(first.DeploymentConfigName).replace(/^CodeDeployDefault\./, ''),
      blueMinutes: blue.TerminateBlueInstancesOnDeploymentSuccess?.TerminationWaitTimeInMinutes ?? 0,
    });
    for (const group of groups) {
      const name = String(group.Properties!.DeploymentGroupName);
      const service = name.replace(/^shopeasy-\w+-/, '');
      services.add(service);
    }
    // The alarms the groups' AlarmConfiguration refers to roll a deployment back.
    const referred = JSON.stringify(groups.map((g) => g.Properties?.AlarmConfiguration));
    for (const alarm of resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm')) {
      const name = /^shopeasy-\w+-(\w+)-(\w+)$/.exec(String(alarm.Properties?.AlarmName ?? ''));
      if (name && services.has(name[1]!) && referred.includes(`"${alarm.id}"`)) alarms.add(name[2]!);
    }
    const wanted = hookName.replace('${env_name}', env);
    const hook = resources.find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName === wanted,
    );
    if (hook) {
      hookFunction = hookName.replace('${env_name}', '<env>');
      hookDescription = String(hook.Properties?.Description ?? '');
    }
  }
  if (environments.length === 0) throw new Error(`no CodeDeploy deployment group in ${assembly}`);
  return {
    services: [...services].sort(),
    hookEvent,
    hookFunction: hookFunction || hookName,
    hookDescription,
    environments,
    alarms: [...alarms].sort(),
  };
}

/** Every resource of the environment's stacks in the assembly (ShopEasy-<Env>-*.template.json). */
function stackResources(assembly: string, env: string): Resource[] {
  const prefix = `ShopEasy-${env.charAt(0).toUpperCase()}${env.slice(1)}-`;
  if (!existsSync(assembly)) throw new Error(`no assembly at ${assembly}`);
  return readdirSync(assembly)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.template.json'))
    .sort()
    .flatMap((file) => {
      const template = JSON.parse(readFileSync(join(assembly, file), 'utf8')) as {
        Resources?: Record<string, Omit<Resource, 'id'>>;
      };
      return Object.entries(template.Resources ?? {}).map(([id, resource]) => ({ id, ...resource }));
    });
}
