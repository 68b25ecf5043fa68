import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, PCIDSS321Checks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * The rule packs ShopEasy is held to: AWS Solutions, NIST 800-53 rev 5, and PCI DSS. cdk-nag ships
 * PCI DSS only as its 3.2.1 pack, kept while it ships; the standard assessed is 4.0.1
 * (confluence-docs/architecture/pci-dss.md).
 */
export function compliancePacks(): NagPack[] {
  return [new AwsSolutionsChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()];
}

/**
 * Registers the packs so that synthesis stops on any unacknowledged finding, and records each
 * acknowledgement (made next to the resources, see nag-acknowledgements.ts) with its reason in
 * the templates' metadata.
 */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
    new NIST80053R5Checks(app, { writeSuppressionsToCloudFormation: true }),
    new PCIDSS321Checks(app, { writeSuppressionsToCloudFormation: true }),
  );
}

/**
 * Every finding of every pack, errors and warnings alike, that no acknowledgement covers, as
 * `RuleId path` lines. An acknowledgement counts on the resource or any construct above it, in
 * either spelling CDK accepts: `RuleId` or `Pack::RuleId`.
 */
export function unacknowledgedFindings(scope: IConstruct): string[] {
  const byPath = new Map(scope.node.findAll().map((c) => [c.node.path, c]));
  return compliancePacks().flatMap((pack) =>
    pack.validateScope(scope).violations.flatMap((violation) =>
      violation.violatingResources
        .filter((resource) => {
          const construct = byPath.get(resource.constructPath ?? '');
          return !construct || !isAcknowledged(construct, [`${pack.readPackName}::${violation.ruleName}`]);
        })
        .map((resource) => `${violation.ruleName} ${resource.constructPath ?? ''}`),
    ),
  );
}

function isAcknowledged(construct: IConstruct, ids: readonly string[]): boolean {
  for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      if (Object.keys(entry.data as object).some((key) => ids.includes(key))) return true;
    }
  }
  return false;
}
