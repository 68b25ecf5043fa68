import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import {
  addComplianceChecks,
  compliancePacks,
  unacknowledgedFindings,
} from '../lib/compliance/compliance.js';
import { build, buildAllEnvironments, cdkContext } from './support/synth.js';

describe('cdk-nag AwsSolutions, NIST 800-53 rev 5 and PCI DSS 3.2.1 over the whole app', () => {
  it('When every environment is synthesized, then no finding of any of the three packs is left unacknowledged', () => {
    expect(compliancePacks().map((pack) => pack.readPackName)).toEqual([
      'AwsSolutions',
      'NIST.800.53.R5',
      'PCI.DSS.321',
    ]);
    const app = buildAllEnvironments();
    const assembly = app.synth();
    expect(unacknowledgedFindings(app)).toEqual([]);
    // Offline and deterministic: nothing is left to look up in an account (cdk.context.json has it all).
    expect(assembly.manifest.missing ?? []).toEqual([]);
  }, 240_000);

  it('When a non-compliant resource is added, then every pack names it and synthesis fails', () => {
    const app = new App({ context: cdkContext() });
    const stacks = build(app, 'dev');
    new sqs.Queue(stacks.services, 'UnencryptedQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new s3.Bucket(stacks.services, 'PlainBucket');
    // Acknowledged for one pack only: the NIST twin of the same rule must still be reported.
    const halfAcknowledged = new s3.Bucket(stacks.services, 'HalfAcknowledgedBucket');
    Validations.of(halfAcknowledged).acknowledge({
      id: 'PCI.DSS.321-S3BucketVersioningEnabled',
      reason: 'Acknowledged for PCI DSS 3.2.1 only, in this test',
    });

    const findings = unacknowledgedFindings(app);
    expect(findings).toEqual(
      expect.arrayContaining([
        'AwsSolutions-SQS3 ShopEasy-Dev-Services/UnencryptedQueue/Resource',
        'AwsSolutions-SQS4 ShopEasy-Dev-Services/UnencryptedQueue/Resource',
        'AwsSolutions-S1 ShopEasy-Dev-Services/PlainBucket/Resource',
        'PCI.DSS.321-S3BucketVersioningEnabled ShopEasy-Dev-Services/PlainBucket/Resource',
        'NIST.800.53.R5-S3BucketVersioningEnabled ShopEasy-Dev-Services/PlainBucket/Resource',
        'NIST.800.53.R5-S3BucketVersioningEnabled ShopEasy-Dev-Services/HalfAcknowledgedBucket/Resource',
      ]),
    );
    expect(findings).not.toContain(
      'PCI.DSS.321-S3BucketVersioningEnabled ShopEasy-Dev-Services/HalfAcknowledgedBucket/Resource',
    );
    expect(findings.every((f) => /UnencryptedQueue|PlainBucket|HalfAcknowledgedBucket/.test(f))).toBe(true);

    addComplianceChecks(app);
    expect(() => app.synth()).toThrow();
  }, 120_000);

  it('When the acknowledgements are read, then each sits on a resource and gives a specific reason', () => {
    const app = new App({ context: cdkContext() });
    build(app, 'prod');
    const acknowledgements = app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
            construct,
            id,
            reason,
          })),
        )
        // Only the rule packs' findings; CDK acknowledges some template-validation warnings itself.
        .filter(({ id }) =>
          /^(Annotation::|AwsSolutions::|NIST\.800\.53\.R5::|PCI\.DSS\.321::)?(AwsSolutions|NIST\.800\.53\.R5|PCI\.DSS\.321)-/.test(
            id,
          ),
        ),
    );
    expect(acknowledgements.length).toBeGreaterThan(20);
    expect(acknowledgements.filter(({ id }) => id.includes('NIST.800.53.R5-')).length).toBeGreaterThan(20);
    for (const { construct, id, reason } of acknowledgements) {
      const where = `${id} on ${construct.node.path}`;
      expect(Stack.isStack(construct) || construct instanceof App, where).toBe(false);
      expect(reason.length, `${where}: "${reason}"`).toBeGreaterThanOrEqual(30);
    }
  }, 120_000);
});
