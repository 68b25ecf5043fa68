import { getDenialReasons, runSimulation, type RequestDenial } from '@cloud-copilot/iam-simulate';
import type { ResourcePolicy } from './resources.js';
import type { ComponentRole } from './roles.js';

// Why IAM denies it, naming what to change: the denying statement, or the role or key policy that
// lacks an allow.
function denial(
  reasons: RequestDenial[],
  role: ComponentRole,
  action: string,
  arn: string,
  other?: ResourcePolicy,
) {
  const explicit = reasons.find((r) => r.denialType === 'Explicit');
  if (explicit) {
    const statement = explicit.statementId ?? `statement ${explicit.statementIndex}`;
    const policy =
      explicit.policyType === 'identity'
        ? `${explicit.policyIdentifier} of ${role.description}`
        : other?.label;
    return `denied explicitly by ${statement} of ${policy ?? explicit.policyType}`;
  }
  if (reasons.some((r) => r.policyType === 'identity')) {
    const unevaluated =
      role.unevaluated.length > 0 ? ` (AWS managed, not evaluated: ${role.unevaluated.join(', ')})` : '';
    return `${role.description}: no statement allows ${action} on ${arn}${unevaluated}`;
  }
  // Only a key policy must name the caller or delegate to the account's IAM policies.
  return `${other?.label ?? 'the resource policy'} neither allows ${role.description} ${action} nor delegates to IAM (the account root)`;
}

/**
 * Runs one request through the IAM simulator: the role's identity policies and the resource's own
 * policy (a key policy for KMS). Undefined when the role may make it; otherwise why not.
 */
export async function check(
  role: ComponentRole,
  action: string,
  arn: string,
  other?: ResourcePolicy,
  context = {},
) {
  const response = await runSimulation(
    {
      request: {
        principal: role.principal,
        action,
        resource: { resource: arn, accountId: role.account },
        // The SDK always calls over HTTPS.
        contextVariables: { 'aws:SecureTransport': 'true', ...context },
      },
      identityPolicies: role.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(other ? { resourcePolicy: other.policy } : {}),
    },
    {},
  );
  if (response.resultType === 'error') return `the simulator refused it: ${response.errors.message}`;
  if (response.overallResult === 'Allowed') return undefined;
  if (response.resultType !== 'single') return `${response.overallResult} (a wildcard resource)`;
  return denial(getDenialReasons(response.result.analysis), role, action, arn, other);
}
