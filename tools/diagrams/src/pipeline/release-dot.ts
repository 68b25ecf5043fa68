// What every Deploy stage runs, as DOT: the deploy playbook's tasks in one table, and the blue/green
// release its release task starts, with the lifecycle hook that can stop it and the rollback.
import { FONT, id, KINDS, nodeAttributes, quote } from '../style.js';
import type { BlueGreen, PlaybookTask } from './release-sources.js';

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const PLAYBOOK_NODE = 'deploy_playbook';

/** The playbook as one table, a row per task: the steps that act in full colour, the checks grey. */
export function playbookNode(file: string, tasks: readonly PlaybookTask[], releaseRow: number): string {
  const { fill, border } = KINDS.step;
  const rows = tasks.map((task, i) => {
    const colour = task.check ? '#607D8B' : '#0D47A1';
    const name = `${i + 1}. ${task.check ? 'check: ' : ''}${task.name}`;
    // Checks stay one grey line; a step that acts names what it runs.
    const command =
      task.command && !task.check
        ? `<br align="left"/><font point-size="9" color="#546E7A">${html(task.command)}</font>`
        : '';
    const port = i === releaseRow ? ' port="release"' : '';
    return `<tr><td align="left" balign="left"${port}><font color="${colour}">${html(name)}</font>${command}</td></tr>`;
  });
  const header = `<tr><td bgcolor="${border}"><font color="white"><b>${html(file)}</b> (every Deploy stage)</font></td></tr>`;
  const table = `<table border="1" cellborder="0" cellspacing="0" cellpadding="4" bgcolor="${fill}" color="${border}">${header}${rows.join('')}</table>`;
  return `  ${id(PLAYBOOK_NODE)} [shape=plain fontname=${quote(FONT)} fontsize=11 label=<${table}>];`;
}

/** The blue/green release as a cluster: green tasks, the hook, the traffic shift, the old tasks' end. */
export function blueGreenCluster(script: string, bg: BlueGreen): string[] {
  const perEnv = (f: (e: BlueGreen['environments'][number]) => string) =>
    bg.environments.map((e) => `${e.env}: ${f(e)}`).join('\n');
  const nodes: [string, Parameters<typeof nodeAttributes>[0], string][] = [
    [
      'bg_green',
      'service',
      `Green tasks start beside the blue ones\n${bg.services.length} deployment groups: ${bg.services.join(', ')}`,
    ],
    [
      'bg_hook',
      'function',
      `${bg.hookEvent} hook\n${bg.hookFunction}\n${wrap(bg.hookDescription.replace(/^CodeDeploy \w+: /, ''))}`,
    ],
    ['bg_shift', 'step', `Traffic shifts to green\n${perEnv((e) => e.config)}`],
    ['bg_blue', 'step', `Blue tasks end after\n${perEnv((e) => `${e.blueMinutes} min`)}`],
    ['bg_rollback', 'rollback', `Roll back to blue\non a failed hook or an alarm:\n${bg.alarms.join(', ')}`],
  ];
  const red = 'color="#C62828" fontcolor="#C62828" style=dashed';
  return [
    '  subgraph cluster_blue_green {',
    `    label=${quote(`Blue/green release: ${script} and CodeDeploy`)}; style="rounded"; color="#90A4AE"; fontsize=13;`,
    ...nodes.map(([node, kind, text]) => `    ${id(node)} ${nodeAttributes(kind, text)};`),
    '    { rank=same; bg_shift; bg_rollback; }',
    '  }',
    `  ${id('bg_green')} -> ${id('bg_hook')} [label="test traffic"];`,
    `  ${id('bg_hook')} -> ${id('bg_shift')} [label="Succeeded"];`,
    `  ${id('bg_shift')} -> ${id('bg_blue')};`,
    `  ${id('bg_hook')} -> ${id('bg_rollback')} [label="Failed" ${red}];`,
    `  ${id('bg_shift')} -> ${id('bg_rollback')} [label="alarm" ${red} constraint=false];`,
  ];
}

/** A long description on lines of about 40 characters. */
function wrap(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const lastLine = lines.at(-1);
    if (lastLine !== undefined && `${lastLine} ${word}`.length <= 40)
      lines[lines.length - 1] = `${lastLine} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}
