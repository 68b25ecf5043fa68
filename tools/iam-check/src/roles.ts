import { resourcesOf, type Assembly, type Located } from './assembly.js';
import type { Resolver } from './intrinsics.js';

/** The IAM role a component's process runs as, with the policies IAM evaluates for it. */
export interface ComponentRole {
  /** How a denial names it: RoleName (when the template gives one), logical id and stack. */
  description: string;
  /** The session the process calls AWS with. */
  principal: string;
  account: string;
  region: string;
  /** Its identity policies: inline, and every IAM policy or managed policy attached to it. */
  policies: { name: string; policy: unknown }[];
  /** Managed policies attached by ARN that the assembly does not hold (AWS managed ones). */
  unevaluated: string[];
  /** The sender its SES_FROM variable names, if it has one. */
  sesFrom?: string;
}

interface Container {
  Name: string;
  Environment?: { Name: string; Value: unknown }[];
}

/** The function a component runs as: `shopeasy-<env>-<component>`, in kebab case (`cartEvents`: `cart-events`). */
export function functionName(component: string, env: string): string {
  return `shopeasy-${env}-${component.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

// The process of a component: the ECS container named after it (the five services), or its Lambda
// function (notifications, cartEvents). Each gives its role and its variables.
function processOf(component: string, env: string, stacks: Assembly, resolver: Resolver) {
  for (const task of resourcesOf(stacks, 'AWS::ECS::TaskDefinition')) {
    const container = (task.properties.ContainerDefinitions as Container[]).find((c) => c.Name === component);
    if (container)
      return {
        at: task,
        roleArn: task.properties.TaskRoleArn,
        sesFrom: container.Environment?.find((e) => e.Name === 'SES_FROM')?.Value,
      };
  }
  const name = functionName(component, env);
  for (const fn of resourcesOf(stacks, 'AWS::Lambda::Function')) {
    if (resolver.text(fn.properties.FunctionName ?? '', fn.stack) !== name) continue;
    const variables = (fn.properties.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    return { at: fn, roleArn: fn.properties.Role, sesFrom: variables?.SES_FROM };
  }
  throw new Error(`no container ${component} and no function ${name} in ${env}`);
}

const policyDocument = (policy: Located, resolver: Resolver) =>
  resolver.resolve(policy.properties.PolicyDocument, policy.stack);

/** The role `component` runs as in the environment's stacks, and the policies attached to it. */
export function componentRole(
  component: string,
  env: string,
  stacks: Assembly,
  resolver: Resolver,
): ComponentRole {
  const found = processOf(component, env, stacks, resolver);
  if (found.roleArn === undefined) throw new Error(`${component} runs without a role`);
  const roleArn = resolver.text(found.roleArn, found.at.stack);
  const role = resourcesOf(stacks, 'AWS::IAM::Role').find((r) => resolver.attribute(r, 'Arn') === roleArn);
  if (!role) throw new Error(`the role of ${component}, ${roleArn}, is not in the assembly`);
  const roleName = resolver.attribute(role, 'Ref');
  const where = `${role.logicalId} in ${role.stack.name}`;

  const inline = ((role.properties.Policies ?? []) as { PolicyName: unknown; PolicyDocument: unknown }[]).map(
    (p) => ({
      name: `${role.logicalId} inline ${resolver.text(p.PolicyName, role.stack)}`,
      policy: resolver.resolve(p.PolicyDocument, role.stack),
    }),
  );
  const managed = resourcesOf(stacks, 'AWS::IAM::ManagedPolicy');
  // Policies name the roles they attach to; a role names the managed policies it attaches by ARN.
  const attached = [...resourcesOf(stacks, 'AWS::IAM::Policy'), ...managed].filter((p) =>
    (resolver.resolve(p.properties.Roles ?? [], p.stack) as unknown[]).includes(roleName),
  );
  const unevaluated: string[] = [];
  for (const arn of resolver.resolve(role.properties.ManagedPolicyArns ?? [], role.stack) as string[]) {
    const policy = managed.find((p) => resolver.attribute(p, 'Ref') === arn);
    if (!policy) unevaluated.push(arn);
    else if (!attached.includes(policy)) attached.push(policy);
  }

  return {
    description: role.properties.RoleName ? `role ${roleName} (${where})` : `role ${where}`,
    principal: `arn:aws:sts::${role.stack.account}:assumed-role/${roleName}/${component}`,
    account: role.stack.account,
    region: role.stack.region,
    policies: [
      ...inline,
      ...attached.map((p) => ({ name: p.logicalId, policy: policyDocument(p, resolver) })),
    ],
    unevaluated,
    ...(found.sesFrom === undefined ? {} : { sesFrom: resolver.text(found.sesFrom, found.at.stack) }),
  };
}
