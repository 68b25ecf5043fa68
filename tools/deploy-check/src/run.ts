import type { EnvironmentName } from '@shopeasy/infra/config';
import { checkEnvironment, checkImageTagRequired, type CheckResult } from './checks.js';
import { synthesize } from './synthesize.js';

/** Synthesizes the environments and runs every check on them. */
export async function runDeployCheck(
  environments: readonly EnvironmentName[],
  imageTag: string,
): Promise<CheckResult[]> {
  const results = [await checkImageTagRequired()];
  for (const [env, templates] of synthesize(environments, imageTag))
    results.push(...(await checkEnvironment(env, templates, imageTag)));
  return results;
}

/** One line a check, then the count: what a build log shows. */
export function formatResults(results: readonly CheckResult[]): string {
  const lines = results.map((r) => (r.problem ? `FAIL  ${r.name}\n        ${r.problem}` : `ok    ${r.name}`));
  const failed = results.filter((r) => r.problem).length;
  lines.push(`deploy check: ${results.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}
