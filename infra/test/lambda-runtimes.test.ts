import { describe, expect, it } from 'vitest';
import { buildAllEnvironments } from './support/synth.js';

// Node.js runtimes Lambda supports (and will for a while): 22 and 24. 18 and 20 are out, or near it.
const SUPPORTED = /^nodejs(22|24)\.x$/;

const app = buildAllEnvironments();
const assembly = app.synth();
const functions = assembly.stacks.flatMap((stack) =>
  Object.entries(
    (stack.template as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> })
      .Resources,
  )
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' || r.Type === 'AWS::Serverless::Function')
    .map(([id, r]) => ({ where: `${stack.stackName}/${id}`, runtime: r.Properties.Runtime })),
);

describe('the runtime of every Lambda function the app deploys', () => {
  it('When every stack of every environment is synthesized, then each function runs Node.js 22 or 24, never 18 or 20', () => {
    expect(assembly.stacks.length).toBe(27);
    // The authorizer, notifications, the cart-events relay, the four operations functions (x3) and
    // each VPC's default-SG provider.
    expect(functions.length).toBeGreaterThanOrEqual(3 * 8);
    const unsupported = functions.filter((f) => !SUPPORTED.test(String(f.runtime)));
    expect(unsupported).toEqual([]);
    expect(functions.filter((f) => /nodejs(1\d|20)\.x/.test(String(f.runtime)))).toEqual([]);
  });

  it('When the operations functions are read, then each environment has all four, on the runtime lambda-bundling.ts sets', () => {
    for (const env of ['Dev', 'Staging', 'Prod']) {
      const ops = functions.filter((f) =>
        new RegExp(
          `^ShopEasy-${env}-Services/(SigningKeyGenerator|SigningKeyRotation|SecretAgeFunction|AfterAllowTestTrafficFunction)`,
        ).test(f.where),
      );
      expect(ops.map((f) => f.runtime)).toEqual(['nodejs22.x', 'nodejs22.x', 'nodejs22.x', 'nodejs22.x']);
    }
  });
});
