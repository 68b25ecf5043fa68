import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

interface CheckovSkip {
  id: string;
  comment: string;
}

/**
 * Skips a checkov check on one resource, with the reason, in the resource's template metadata
 * (`Metadata.checkov.skip`), where checkov reads it and reviewers find it next to the resource.
 */
export function checkovSkip(scope: IConstruct | undefined, id: string, comment: string): void {
  const resource = scope instanceof CfnResource ? scope : scope?.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`Cannot skip ${id}: no CloudFormation resource`);
  const existing = (resource.getMetadata('checkov') as { skip?: CheckovSkip[] } | undefined)?.skip ?? [];
  if (existing.some((skip) => skip.id === id)) return;
  resource.addMetadata('checkov', { skip: [...existing, { id, comment }] });
}
