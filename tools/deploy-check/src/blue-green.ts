import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { propertiesOf, type CfnTemplate } from '@shopeasy/infra/component-environment';
import type { EnvironmentName } from '@shopeasy/infra/config';

/**
 * What CodeDeploy swaps in each environment's blue/green releases, as last recorded: a hash per
 * listener and target group, by logical id. CloudFormation does not know about a swap: a CDK
 * change to one of these would send traffic back to whichever colour its template names.
 */
export const BLUE_GREEN_LOCK = fileURLToPath(new URL('../../../infra/blue-green.lock.json', import.meta.url));

type Lock = Record<string, Record<string, string>>;

// A target group is replaced, not updated, when one of these changes; the deployment group then
// names one that no longer exists. Health checks and tags update in place and stay free to change.
const TARGET_GROUP_IDENTITY = ['Name', 'Port', 'Protocol', 'ProtocolVersion', 'TargetType', 'VpcId'];

const refOf = (value: unknown): string | undefined =>
  (value as { Ref?: string }).Ref ?? (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0];

/** The listeners and target groups the deployment groups of a services template swap, hashed. */
export function swappedResources(services: CfnTemplate): Record<string, string> {
  const ids = new Set<string>();
  for (const group of propertiesOf(services, 'AWS::CodeDeploy::DeploymentGroup')) {
    const pairs = (group.LoadBalancerInfo as { TargetGroupPairInfoList?: Record<string, unknown>[] })
      ?.TargetGroupPairInfoList;
    for (const pair of pairs ?? []) {
      const routes = [pair.ProdTrafficRoute, pair.TestTrafficRoute] as (
        { ListenerArns?: unknown[] } | undefined
      )[];
      for (const arn of routes.flatMap((r) => r?.ListenerArns ?? [])) ids.add(refOf(arn)!);
      for (const tg of (pair.TargetGroups as { Name: unknown }[]) ?? []) ids.add(refOf(tg.Name)!);
    }
  }
  const hashes: Record<string, string> = {};
  for (const id of [...ids].sort()) {
    const resource = services.Resources?.[id];
    if (!resource) continue;
    const properties = resource.Properties ?? {};
    const locked =
      resource.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup'
        ? Object.fromEntries(
            TARGET_GROUP_IDENTITY.filter((k) => k in properties).map((k) => [k, properties[k]]),
          )
        : properties;
    hashes[id] = createHash('sha256')
      .update(`${resource.Type}\0${canonical(locked)}`)
      .digest('hex')
      .slice(0, 16);
  }
  return hashes;
}

/** Why the swapped resources differ from the lock, or undefined when they do not. */
export function blueGreenProblem(
  env: EnvironmentName,
  services: CfnTemplate,
  lock: Lock = readLock(),
): string | undefined {
  const now = swappedResources(services);
  if (Object.keys(now).length === 0) return 'no listener or target group in a CodeDeploy deployment group';
  const recorded = lock[env];
  if (!recorded)
    return `${env} has no entry in infra/blue-green.lock.json (npm run deploy:check -- --record-blue-green)`;
  const changed = [...new Set([...Object.keys(now), ...Object.keys(recorded)])]
    .sort()
    .filter((id) => now[id] !== recorded[id])
    .map((id) => `${id} ${!recorded[id] ? 'is new' : !now[id] ? 'is gone' : 'changed'}`);
  if (changed.length === 0) return undefined;
  return (
    `${changed.join(', ')}: CodeDeploy may have swapped these since the last release, and CloudFormation ` +
    `would send traffic back to the colour the template names (infra/README.md, "Changing what blue/green swaps")`
  );
}

/** Records the swapped resources of the environments given, keeping the others' entries. */
export function recordBlueGreen(servicesByEnv: ReadonlyMap<EnvironmentName, CfnTemplate>): void {
  const lock = readLock();
  for (const [env, services] of servicesByEnv) lock[env] = swappedResources(services);
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(BLUE_GREEN_LOCK, `${JSON.stringify(sorted, null, 2)}\n`);
}

function readLock(): Lock {
  return existsSync(BLUE_GREEN_LOCK) ? (JSON.parse(readFileSync(BLUE_GREEN_LOCK, 'utf8')) as Lock) : {};
}

/** JSON with sorted keys, so that a hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
