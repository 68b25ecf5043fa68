import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { checkovSkip } from './checkov.js';

/** Acknowledges one finding on one construct, with the reason it is accepted. */
export function ack(scope: IConstruct | undefined, id: string, reason: string): void {
  if (!scope) throw new Error(`Cannot acknowledge ${id}: the construct does not exist`);
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges a rule that the PCI DSS 3.2.1 and NIST 800-53 rev 5 packs both carry under the
 * same name (`PCI.DSS.321-<rule>`, `NIST.800.53.R5-<rule>`): one reason answers both.
 */
export function ackPciAndNist(scope: IConstruct | undefined, rule: string, reason: string): void {
  ack(scope, `PCI.DSS.321-${rule}`, reason);
  ack(scope, `NIST.800.53.R5-${rule}`, reason);
}

/** Function checks that checkov and cdk-nag's NIST pack both make, by what they ask for. */
const FUNCTION_CHECKS = {
  deadLetter: ['CKV_AWS_116', 'NIST.800.53.R5-LambdaDLQ'],
  concurrency: ['CKV_AWS_115', 'NIST.800.53.R5-LambdaConcurrency'],
} as const;

/** Skips the checkov check and acknowledges the NIST rule for one function, with one reason. */
export function acceptFunction(
  fn: IConstruct | undefined,
  check: keyof typeof FUNCTION_CHECKS,
  reason: string,
): void {
  const [checkovId, nagId] = FUNCTION_CHECKS[check];
  checkovSkip(fn, checkovId, reason);
  ack(fn, nagId, reason);
}

/** `<LogicalId.Arn>` as cdk-nag prints a resource's ARN in IAM5 findings. */
export function arnRef(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnResource;
  return `<${Stack.of(construct).getLogicalId(resource)}.Arn>`;
}

export const INLINE_POLICY_REASON =
  'CDK attaches its generated grants as a policy of this one role; every statement names the resources it needs';
