import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges one finding on one construct, with the reason it is accepted. */
export function ack(scope: IConstruct | undefined, id: string, reason: string): void {
  if (!scope) throw new Error(`Cannot acknowledge ${id}: the construct does not exist`);
  Validations.of(scope).acknowledge({ id, reason });
}

/** `<LogicalId.Arn>` as cdk-nag prints a resource's ARN in IAM5 findings. */
export function arnRef(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnResource;
  return `<${Stack.of(construct).getLogicalId(resource)}.Arn>`;
}

export const INLINE_POLICY_REASON =
  'CDK attaches its generated grants as a policy of this one role; every statement names the resources it needs';
