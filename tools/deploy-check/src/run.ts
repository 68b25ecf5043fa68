import type { EnvironmentName } from '@shopeasy/infra/config';
import { checkEnvironment, checkImageTagRequired, type CheckResult } from './checks.js';
import { readAssembly, synthesize } from './synthesize.js';

/**
 * Runs every check on the environments: synthesized in-process, or as `assembly` (a synthesized
 * cloud assembly's folder) holds them.
 */
export async function runDeployCheck(
  environments: readonly EnvironmentName[],
  imageTag: string,
  assembly?: string,
): Promise<CheckResult[]> {
  const results = [await checkImageTagRequired()];
  const templatesByEnv = assembly ? readAssembly(assembly, environments) : synthesize(environments, imageTag);
  for (const [env, templates] of templatesByEnv)
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
