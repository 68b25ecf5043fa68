// A declarative Jenkinsfile as data: its stages in order (nested `stages`, `parallel`), each with
// its `when` conditions, its `input` (a manual approval) and what its steps run, helpers expanded.
import { items, literal, literals, type Item } from './groovy-blocks.js';

export type Step =
  | { readonly type: 'sh'; readonly command: string }
  | { readonly type: 'stash' | 'unstash'; readonly name: string };

export interface Approval {
  readonly message: string;
  readonly ok?: string;
  readonly submitter?: string;
}

export interface Stage {
  readonly name: string;
  /** Conditions from `when`, e.g. `branch main`; empty when the stage always runs. */
  readonly when: readonly string[];
  readonly approval?: Approval;
  /** `timeout(time: 3, unit: 'DAYS')` as `3 days`. */
  readonly timeout?: string;
  /** What the steps run, in order, with the Jenkinsfile's own helpers (`def`) expanded. */
  readonly steps: readonly Step[];
  /** The first string argument of each helper that runs something, e.g. `staging` of deployTo('staging'). */
  readonly targets: readonly string[];
  readonly children: readonly Stage[];
  /** Whether the children run side by side (`parallel`) rather than one after another. */
  readonly parallel: boolean;
}

interface Helper {
  readonly params: readonly string[];
  readonly body: string;
}

/** The top-level stages of a declarative pipeline. */
export function parseJenkinsfile(text: string): Stage[] {
  const top = items(text);
  const helpers = new Map<string, Helper>();
  for (const item of top) {
    const def = /^def\s+(\w+)\s*\(([^)]*)\)$/.exec(item.head);
    if (def && item.body !== undefined) helpers.set(def[1]!, { params: params(def[2]!), body: item.body });
  }
  const pipeline = top.find((item) => item.head === 'pipeline');
  const stages = pipeline?.body === undefined ? undefined : section(pipeline.body, 'stages');
  if (!stages) throw new Error('the Jenkinsfile has no pipeline { stages { ... } }');
  return stageList(stages, helpers);
}

function stageList(body: string, helpers: ReadonlyMap<string, Helper>): Stage[] {
  return items(body).flatMap((item) => {
    const name = /^stage\s*\((.*)\)$/s.exec(item.head);
    return name && item.body !== undefined ? [stage(literal(name[1]!) ?? name[1]!, item.body, helpers)] : [];
  });
}

function stage(name: string, body: string, helpers: ReadonlyMap<string, Helper>): Stage {
  const nested = section(body, 'stages');
  const parallel = section(body, 'parallel');
  const when = section(body, 'when');
  const input = section(body, 'input');
  const options = section(body, 'options');
  const steps = section(body, 'steps');
  const targets: string[] = [];
  const timeout =
    options === undefined ? undefined : /timeout\s*\(\s*time:\s*(\d+),\s*unit:\s*'(\w+)'/.exec(options);
  return {
    name,
    when: when === undefined ? [] : conditions(when),
    ...(input === undefined ? {} : { approval: approval(input) }),
    ...(timeout ? { timeout: duration(timeout[1]!, timeout[2]!) } : {}),
    steps: steps === undefined ? [] : stepsOf(steps, helpers, new Map(), targets),
    targets,
    children: stageList(nested ?? parallel ?? '', helpers),
    parallel: parallel !== undefined,
  };
}

/** The body of the first top-level `name { ... }` of a block. */
function section(body: string, name: string): string | undefined {
  return items(body).find((item) => item.head === name && item.body !== undefined)?.body;
}

function conditions(body: string): string[] {
  return items(body)
    .filter((item) => !/^before(Agent|Input|Options)\b/.test(item.head))
    .map((item) => {
      const words = item.head.split(/\s+/);
      const args = literals(item.head).join(', ');
      return item.body !== undefined ? `${item.head} { … }` : args ? `${words[0]} ${args}` : item.head;
    });
}

function approval(body: string): Approval {
  const field = (name: string) => {
    const found = items(body).find((item) => item.head.startsWith(`${name} `));
    return found ? literals(found.head)[0] : undefined;
  };
  const ok = field('ok');
  const submitter = field('submitter');
  return { message: field('message') ?? '', ...(ok ? { ok } : {}), ...(submitter ? { submitter } : {}) };
}

/** What a block of steps runs; calls to the file's helpers are expanded with their arguments. */
function stepsOf(
  body: string,
  helpers: ReadonlyMap<string, Helper>,
  bound: ReadonlyMap<string, string>,
  targets: string[],
): Step[] {
  return items(body).flatMap((item: Item): Step[] => {
    const head = substitute(item.head, bound);
    const word = /^(\w+)/.exec(head)?.[1] ?? '';
    // A wrapper (withCredentials(...) { }, script { }, try { }): what matters is what it wraps.
    if (item.body !== undefined) return stepsOf(item.body, helpers, bound, targets);
    if (word === 'sh') return [{ type: 'sh', command: literals(head)[0] ?? head.slice(2).trim() }];
    if (word === 'stash' || word === 'unstash') return [{ type: word, name: literals(head)[0] ?? '' }];
    const helper = helpers.get(word);
    if (!helper) return [];
    const args = literals(head);
    const inner = new Map(helper.params.map((param, i) => [param, args[i] ?? '']));
    const expanded = stepsOf(helper.body, helpers, inner, []);
    // Only a helper that runs something has a target worth naming (not a status notification's state).
    if (expanded.length > 0 && args[0] !== undefined && !targets.includes(args[0])) targets.push(args[0]);
    return expanded;
  });
}

const duration = (n: string, unit: string) =>
  `${n} ${unit.toLowerCase().replace(/s$/, '')}${n === '1' ? '' : 's'}`;

function params(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim().split(/\s+/).pop() ?? '')
    .filter(Boolean);
}

/** `${envName}` and `${param}` inside strings replaced with the helper's arguments. */
function substitute(text: string, bound: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => bound.get(name) ?? whole);
}
