// How each component sees its configuration in AWS, read from a synthesized template: what the
// deploy check and the image test give a process as its environment.
import { exportJWK, generateKeyPair } from 'jose';

// The account and region CloudFormation would put in place of the pseudo parameters.
const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::AccountId': '123456789012',
  'AWS::Region': 'eu-west-1',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

/**
 * A template value as the process would read it: strings as they are, and each intrinsic
 * (Ref, Fn::GetAtt, Fn::Join, Fn::ImportValue, Fn::GetStackOutput, Fn::Select) replaced by a stand-in of the same
 * shape, so that a URL stays a URL and an ARN an ARN.
 */
function standIn(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const intrinsic = value as Record<string, unknown>;
  if ('Ref' in intrinsic) {
    const ref = intrinsic.Ref as string;
    return PSEUDO[ref] ?? `ref-${slug(ref)}`;
  }
  if ('Fn::GetAtt' in intrinsic) return slug((intrinsic['Fn::GetAtt'] as string[]).join('-'));
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(standIn).join(separator);
  }
  if ('Fn::ImportValue' in intrinsic) return `imported-${slug(standIn(intrinsic['Fn::ImportValue']))}`;
  if ('Fn::GetStackOutput' in intrinsic) {
    const { StackName, OutputName } = intrinsic['Fn::GetStackOutput'] as {
      StackName: unknown;
      OutputName: unknown;
    };
    return `output-${slug(standIn(StackName))}-${slug(standIn(OutputName))}`;
  }
  if ('Fn::Select' in intrinsic) {
    const [index, list] = intrinsic['Fn::Select'] as [number, unknown];
    return Array.isArray(list) ? standIn(list[index]) : `selected-${index}-${slug(standIn(list))}`;
  }
  throw new Error(`No stand-in for ${JSON.stringify(value)}`);
}

/** A value for a secret ECS injects from Secrets Manager, of the shape its service parses. */
async function secretStandIn(name: string): Promise<string> {
  if (name === 'JWT_SIGNING_KEY') {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    return JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'stand-in', alg: 'ES256' });
  }
  // No earlier key published yet, as right after the first deployment.
  if (name === 'JWT_PREVIOUS_PUBLIC_KEYS') return '[]';
  return `stand-in-${name.toLowerCase()}-from-secrets-manager`;
}

export interface Container {
  Name: string;
  Image?: unknown;
  Environment?: { Name: string; Value: unknown }[];
  Secrets?: { Name: string }[];
}

/** A synthesized CloudFormation template, as the assembly holds it. */
export interface CfnTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
}

/** The properties of every resource of one type in a template. */
export function propertiesOf(template: CfnTemplate, type: string): Record<string, unknown>[] {
  return Object.values(template.Resources ?? {})
    .filter((r) => r.Type === type)
    .map((r) => r.Properties ?? {});
}

/** Every container definition of the task definitions in a template. */
export function containersOf(template: CfnTemplate): Container[] {
  return propertiesOf(template, 'AWS::ECS::TaskDefinition').flatMap(
    (t) => t.ContainerDefinitions as Container[],
  );
}

/** What ECS gives one container: its variables, and a stand-in for each secret it injects. */
export async function containerEnvironment(container: Container): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const { Name, Value } of container.Environment ?? []) env[Name] = standIn(Value);
  for (const { Name } of container.Secrets ?? []) env[Name] = await secretStandIn(Name);
  return env;
}

/** What Lambda gives a function: its variables and the ones the runtime always sets. */
export function functionEnvironment(template: CfnTemplate, functionName: string): Record<string, string> {
  const fn = propertiesOf(template, 'AWS::Lambda::Function').find(
    (f) => standIn(f.FunctionName) === functionName,
  );
  if (!fn) throw new Error(`No function ${functionName} in the template`);
  const variables = (fn.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
  return {
    ...Object.fromEntries(Object.entries(variables ?? {}).map(([k, v]) => [k, standIn(v)])),
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_REGION: PSEUDO['AWS::Region']!,
  };
}
