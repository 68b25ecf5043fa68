import { existsSync } from 'node:fs';
import { cloudTemplates, type CloudTemplates } from '@shopeasy/local-aws/provision';
import { evaluateCalls, readCalls, type Assembly } from '@shopeasy/iam-check';
import type { GateTool } from './gate.js';

/** Checked against the environment the stack runs as and the one that matters most. */
const ENVIRONMENTS = ['dev', 'prod'] as const;

/** The stacks the roles, the exports they import and the keys live in, as an assembly of one environment. */
function assemblyOf(cloud: CloudTemplates): Assembly {
  const prefix = `ShopEasy-${cloud.environment.charAt(0).toUpperCase()}${cloud.environment.slice(1)}`;
  const { account, region } = cloud;
  return (['data', 'services', 'notifications', 'api'] as const).map((stack) => ({
    name: `${prefix}-${stack.charAt(0).toUpperCase()}${stack.slice(1)}`,
    account,
    region,
    template: cloud[stack],
  }));
}

/**
 * Every AWS call the processes made while the gate's tools and flows ran (each recorded it in
 * AWS_CALL_LOG), evaluated against the policies the synthesized templates give its role: the
 * task role of a service, the function's execution role, and the key policies of the keys the
 * call needs. A call a role would deny fails the gate, naming the call and the role.
 */
export const iam: GateTool = async (target) => {
  const calls = existsSync(target.awsCallLog) ? readCalls([target.awsCallLog]) : [];
  if (calls.length === 0)
    return { tool: 'iam', ok: false, summary: `no AWS call recorded in ${target.awsCallLog}` };
  const components = new Set(calls.map((c) => c.component));
  const denied: string[] = [];
  let checked = 0;
  for (const environment of ENVIRONMENTS) {
    const results = await evaluateCalls(calls, assemblyOf(await cloudTemplates(environment)), environment);
    checked += results.length;
    for (const r of results.filter((result) => !result.allowed))
      denied.push(`${environment} ${r.component} ${r.action} ${r.resource}: ${r.problem ?? 'denied'}`);
  }
  for (const line of denied) console.log(`  DENY ${line}`);
  const summary =
    `${calls.length} distinct calls by ${components.size} components (${[...components].sort().join(', ')}), ` +
    `${checked} checks against the ${ENVIRONMENTS.join(' and ')} roles and key policies: ` +
    (denied.length === 0 ? 'all allowed' : `${denied.length} denied`);
  return { tool: 'iam', ok: denied.length === 0, summary };
};
