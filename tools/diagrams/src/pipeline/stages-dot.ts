// The Jenkinsfile's stages as DOT: one cluster per phase (the stages a `when` and a parent share, or
// the environment a stage deploys to), approvals as their own octagons, long phases in snaking rows.
import { id, nodeAttributes, quote } from '../style.js';
import type { Stage } from './jenkinsfile.js';
import { describeCommand } from './release-sources.js';

/** Nodes in one row of a phase before the row wraps (and turns back, so the flow snakes). */
const ROW = 4;

/** One step of the flow: a single chain of nodes, or the lanes of a parallel block side by side. */
interface Slot {
  readonly lanes: string[][];
}

export interface StagesDot {
  readonly lines: string[];
  /** The last stage's node id: what the pipeline ends with. */
  readonly last: string;
  /** Node id of each stage that runs the given command (e.g. the deploy playbook), in order. */
  readonly running: (command: string) => string[];
}

interface Leaf {
  readonly stage: Stage;
  readonly phase: string;
  /** Index of the parallel block the stage belongs to, if any. */
  readonly parallel?: number;
}

/** Leaf stages in order, each with the phase it is drawn in. */
function leaves(stages: readonly Stage[], parent?: Stage, parallel?: number): Leaf[] {
  let blocks = 0;
  return stages.flatMap((stage) => {
    if (stage.children.length > 0)
      return leaves(stage.children, stage, stage.parallel ? (parallel ?? 0) * 100 + ++blocks : parallel);
    const when = stage.when.length > 0 ? `when ${stage.when.join(' and ')}` : 'every build';
    const phase = stage.targets[0] ?? `${parent?.name ?? 'Pipeline'} · ${when}`;
    return [{ stage, phase, ...(parallel !== undefined ? { parallel } : {}) }];
  });
}

function label(stage: Stage, scripts: Readonly<Record<string, string>>): string {
  const lines = [stage.name];
  const unstashed: string[] = [];
  for (const step of stage.steps) {
    if (step.type === 'unstash') {
      // What this stage takes from the one build, on one line where the first unstash stood.
      if (unstashed.length === 0) lines.push('');
      unstashed.push(step.name);
      continue;
    }
    const line =
      step.type === 'sh' ? describeCommand(step.command, scripts) : `stash ${step.name} (built once)`;
    if (!lines.includes(line)) lines.push(line);
  }
  const at = lines.indexOf('');
  if (at >= 0) lines[at] = `unstash ${unstashed.join(', ')}`;
  return lines.join('\n');
}

/** The stage nodes, their order edges and a cluster per phase. */
export function stagesDot(stages: readonly Stage[], scripts: Readonly<Record<string, string>>): StagesDot {
  const all = leaves(stages);
  const phases: { name: string; slots: Slot[]; nodes: string[] }[] = [];
  const ids = new Map<Stage, string>();
  all.forEach((leaf, i) => {
    const node = `stage_${i}`;
    ids.set(leaf.stage, node);
    let phase = phases.at(-1);
    if (phase?.name !== leaf.phase) phases.push((phase = { name: leaf.phase, slots: [], nodes: [] }));
    const lane: string[] = [];
    if (leaf.stage.approval) {
      const { ok, submitter, message } = leaf.stage.approval;
      const wait = leaf.stage.timeout ? `waits up to ${leaf.stage.timeout}` : '';
      const text = [ok ?? message, submitter ? `by ${submitter}` : '', wait].filter(Boolean).join('\n');
      phase.nodes.push(`    ${id(`${node}_approval`)} ${nodeAttributes('approval', text)};`);
      lane.push(`${node}_approval`);
    }
    phase.nodes.push(`    ${id(node)} ${nodeAttributes('step', label(leaf.stage, scripts))};`);
    lane.push(node);
    const previous = all[i - 1];
    const sameBlock = leaf.parallel !== undefined && previous?.parallel === leaf.parallel;
    if (sameBlock && phase.slots.length > 0) phase.slots.at(-1)!.lanes.push(lane);
    else phase.slots.push({ lanes: [lane] });
  });

  const lines: string[] = [];
  const edges: string[] = [];
  const edge = (from: string, to: string, backwards: boolean) =>
    edges.push(backwards ? `  ${id(to)} -> ${id(from)} [dir=back];` : `  ${id(from)} -> ${id(to)};`);
  let ends: string[] = [];
  phases.forEach((phase, p) => {
    lines.push(`  subgraph ${id(`cluster_phase_${p}`)} {`);
    lines.push(`    label=${quote(phase.name)}; style="rounded"; color="#90A4AE"; fontsize=13;`);
    lines.push(...phase.nodes);
    // Rows of at most ROW nodes; every other row runs right to left, so each row starts under the last.
    let row: string[] = [];
    let rowIndex = 0;
    const closeRow = () => {
      if (row.length > 1) lines.push(`    { rank=same; ${row.map(id).join('; ')}; }`);
      if (row.length > 0) rowIndex++;
      row = [];
    };
    for (const slot of phase.slots) {
      if (slot.lanes.length > 1) {
        // A parallel block stands in rows of its own: its lanes fan out from what came before.
        closeRow();
        for (const lane of slot.lanes) lane.slice(1).forEach((n, k) => edge(lane[k]!, n, false));
        for (const lane of slot.lanes) for (const end of ends) edge(end, lane[0]!, false);
        ends = slot.lanes.map((lane) => lane.at(-1)!);
        continue;
      }
      const lane = slot.lanes[0]!;
      lane.forEach((n) => {
        if (row.length === ROW) closeRow();
        const backwards = rowIndex % 2 === 1 && row.length > 0;
        for (const end of ends) edge(end, n, backwards);
        row.push(n);
        ends = [n];
      });
    }
    closeRow();
    lines.push('  }');
  });
  return {
    lines: [...lines, ...edges],
    last: `stage_${all.length - 1}`,
    running: (command) =>
      all
        .filter((leaf) => leaf.stage.steps.some((s) => s.type === 'sh' && s.command.includes(command)))
        .map((leaf) => ids.get(leaf.stage)!),
  };
}
