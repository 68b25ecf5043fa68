// The release pipeline, from the Jenkinsfile's stages, the root npm scripts they run, the deploy
// playbook every Deploy stage runs and the blue/green release (its script and the synthesized
// deployment groups of each environment). A stage added to the Jenkinsfile appears here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagram, DiagramContext } from '../diagram.js';
import { parseJenkinsfile } from '../pipeline/jenkinsfile.js';
import { blueGreenCluster, PLAYBOOK_NODE, playbookNode } from '../pipeline/release-dot.js';
import { blueGreen, playbookTasks } from '../pipeline/release-sources.js';
import { stagesDot } from '../pipeline/stages-dot.js';
import { graphHeader, id, legend } from '../style.js';

export const diagram: Diagram = {
  name: 'release-pipeline',
  title: 'ShopEasy release pipeline: Jenkins stages, approvals and the blue/green deploy',
  dot: (context) => releasePipelineDot(context),
};

/** The DOT of the release pipeline drawn from the sources under `root` and the assembly. */
export function releasePipelineDot({ root, assembly }: DiagramContext): string {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  const stages = parseJenkinsfile(read('Jenkinsfile'));
  const drawn = stagesDot(stages, scripts);
  const lines = [
    'digraph release_pipeline {',
    graphHeader('ShopEasy release pipeline (Jenkinsfile)', 'TB'),
    '  compound=true;',
    ...drawn.lines,
  ];

  // The playbook the Deploy stages run, and the blue/green release its release task starts.
  const playbook = /ansible-playbook (\S+)/.exec(
    stages
      .flatMap(function all(s): string[] {
        return [
          ...s.steps.map((step) => (step.type === 'sh' ? step.command : '')),
          ...s.children.flatMap(all),
        ];
      })
      .join('\n'),
  )?.[1];
  if (playbook) {
    const tasks = playbookTasks(read(playbook), scripts);
    const releaseRow = tasks.findIndex((t) => !t.check && /bash (\S+\.sh)/.test(t.command ?? ''));
    lines.push(playbookNode(playbook, tasks, releaseRow));
    const deployers = drawn.running(`ansible-playbook ${playbook}`);
    deployers.forEach((stage, i) =>
      lines.push(
        `  ${id(stage)} -> ${id(PLAYBOOK_NODE)} [style=dashed color="#1565C0"${i === 0 ? '' : ' constraint=false'}];`,
      ),
    );
    const script = /bash (\S+\.sh)/.exec(tasks[releaseRow]?.command ?? '')?.[1];
    if (script) {
      const envs = stages.flatMap(function targets(s): string[] {
        return [...s.targets, ...s.children.flatMap(targets)];
      });
      const bg = blueGreen(read(script), assembly, [...new Set(envs)]);
      lines.push(...blueGreenCluster(script, bg));
      lines.push(
        `  ${id(PLAYBOOK_NODE)}:release -> ${id('bg_green')} [style=dashed color="#1565C0" lhead=cluster_blue_green];`,
      );
    }
  }
  const kinds = ['step', 'approval', 'service', 'function', 'rollback'] as const;
  const edges = [
    { label: 'then', style: '' },
    { label: 'runs', style: 'style=dashed color="#1565C0"' },
    { label: 'fails', style: 'style=dashed color="#C62828"' },
  ];
  // The legend under the last stage, not beside the first: the picture stays as wide as the flow.
  const below = [...kinds.map((_k, i) => `legend_${i}`), ...edges.map((_e, i) => `legend_edge_${i}_a`)];
  lines.push(legend(kinds, edges), ...below.map((n) => `  ${id(drawn.last)} -> ${n} [style=invis];`), '}');
  return lines.join('\n');
}
