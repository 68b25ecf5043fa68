/** One instruction of a Dockerfile, continuation lines joined. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ from, ...(name ? { name } : {}), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

/** The last value of an instruction in a stage, JSON (exec form) parsed when it is an array. */
export function last(stage: Stage, keyword: string): string | string[] | undefined {
  const found = stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
  if (found === undefined) return undefined;
  return found.startsWith('[') ? (JSON.parse(found) as string[]) : found;
}

/** ENV of a stage as a map (both `ENV A=1 B=2` and `ENV A 1`). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    const pairs = [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)];
    for (const [, key, value] of pairs) env[key!] = value!.replace(/^"|"$/g, '');
  }
  return env;
}
