// What each component is given in the cloud, made local: its variables and secrets as the
// synthesized templates define them, each cloud resource replaced by the one the provisioner made.
import type { CloudTemplates, ResourceAttributes, Template } from '@shopeasy/local-aws/provision';

/** The local counterparts of the cloud's resources and addresses. */
export interface LocalCounterparts {
  /** Attributes of each resource the provisioner made from the local data stack, by logical id. */
  readonly attributes: ReadonlyMap<string, ResourceAttributes>;
  /** The local base URL of each service, by name. */
  readonly urls: Readonly<Record<string, string>>;
  /** The value of each secret a definition injects, by its variable name. */
  readonly secrets: Readonly<Record<string, string>>;
}

/** How a component is defined in the cloud: an ECS container or a Lambda function. */
export type CloudDefinition =
  | { readonly kind: 'container'; readonly name: string }
  | {
      readonly kind: 'function';
      readonly stack: 'notifications' | 'api' | 'services';
      readonly name: string;
      /** Only these of its variables (the gateway takes the token settings of API Gateway's authorizer). */
      readonly only?: readonly string[];
    };

interface Container {
  Name: string;
  Environment?: { Name: string; Value: unknown }[];
  Secrets?: { Name: string; ValueFrom: unknown }[];
}

// The load balancer's address stands for "the service on this port" until the end, where each
// `http://<it>:<port>` becomes that service's local URL.
const LOAD_BALANCER = 'load-balancer.cloud.invalid';

/**
 * The variables a component's cloud definition gives it, resolved locally: plain values as they
 * are, every `Fn::GetStackOutput`, `Ref` and `Fn::GetAtt` as the local resource of the same logical
 * id, cloud names, ARNs and queue URLs as the local ones, the load balancer's address as the
 * local URL of the service on that port, and each secret from `local.secrets`. Fails naming the
 * variable when a value has no local counterpart or a secret no local value.
 */
export function cloudEnvironment(
  cloud: CloudTemplates,
  definition: CloudDefinition,
  local: LocalCounterparts,
): Record<string, string> {
  const resolver = new Resolver(cloud, local);
  const env: Record<string, string> = {};
  const give = (name: string, value: unknown, template: Template) => {
    try {
      env[name] = resolver.variable(value, template);
    } catch (error) {
      throw new Error(`${describe(definition)}: ${name}: ${(error as Error).message}`, { cause: error });
    }
  };
  if (definition.kind === 'container') {
    const container = containersOf(cloud.services).find((c) => c.Name === definition.name);
    if (!container) throw new Error(`${describe(definition)}: no such container in the services stack`);
    const secret = (name: string) => {
      const value = local.secrets[name];
      if (value === undefined)
        throw new Error(`${describe(definition)}: secret ${name} has no local value (tools/local-stack)`);
      env[name] = value;
    };
    // A variable naming a secret (one the process re-reads itself) takes that secret's local stand-in.
    for (const { Name, Value } of container.Environment ?? [])
      if (namesSecret(Value, cloud.services)) secret(Name);
      else give(Name, Value, cloud.services);
    for (const { Name } of container.Secrets ?? []) secret(Name);
  } else {
    const template = cloud[definition.stack];
    const fn = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName === definition.name,
    );
    if (!fn) throw new Error(`${describe(definition)}: no such function in the ${definition.stack} stack`);
    const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    for (const [name, value] of Object.entries(variables ?? {}))
      if (!definition.only || definition.only.includes(name)) give(name, value, template);
  }
  return env;
}

const describe = (d: CloudDefinition) =>
  d.kind === 'container' ? `container ${d.name}` : `function ${d.name}`;

function namesSecret(value: unknown, template: Template): boolean {
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  return typeof ref === 'string' && template.Resources[ref]?.Type === 'AWS::SecretsManager::Secret';
}

function containersOf(template: Template): Container[] {
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::ECS::TaskDefinition')
    .flatMap((r) => r.Properties?.ContainerDefinitions as Container[]);
}

class Resolver {
  private readonly names = new Map<string, string>();
  private readonly ports = new Map<string, string>();

  constructor(
    private readonly cloud: CloudTemplates,
    private readonly local: LocalCounterparts,
  ) {
    // Each data resource's cloud forms (name, ARN, queue URL), for values the CDK wrote out as text.
    const { account, region } = cloud;
    for (const [id, resource] of Object.entries(cloud.data.Resources)) {
      const attrs = local.attributes.get(id);
      const p = resource.Properties ?? {};
      if (!attrs) continue;
      const add = (cloudForm: unknown, localForm: string | undefined) => {
        if (typeof cloudForm === 'string' && localForm) this.names.set(cloudForm, localForm);
      };
      switch (resource.Type) {
        case 'AWS::DynamoDB::Table':
          add(p.TableName, attrs.Ref);
          add(`arn:aws:dynamodb:${region}:${account}:table/${String(p.TableName)}`, attrs.Arn);
          break;
        case 'AWS::SQS::Queue':
          add(p.QueueName, attrs.QueueName);
          add(`https://sqs.${region}.amazonaws.com/${account}/${String(p.QueueName)}`, attrs.QueueUrl);
          add(`arn:aws:sqs:${region}:${account}:${String(p.QueueName)}`, attrs.Arn);
          break;
        case 'AWS::SNS::Topic':
          add(p.TopicName, attrs.TopicName);
          add(`arn:aws:sns:${region}:${account}:${String(p.TopicName)}`, attrs.TopicArn ?? attrs.Ref);
          break;
        case 'AWS::Kinesis::Stream':
          add(p.Name, attrs.Ref);
          add(`arn:aws:kinesis:${region}:${account}:stream/${String(p.Name)}`, attrs.Arn);
          break;
        case 'AWS::S3::Bucket':
          add(p.BucketName, attrs.Ref);
          break;
      }
    }
    // The container ports the load balancer forwards to, by service.
    for (const container of containersOf(cloud.services)) {
      const port = container.Environment?.find((e) => e.Name === 'PORT')?.Value;
      const url = local.urls[container.Name];
      if (typeof port === 'string' && url) this.ports.set(port, url);
    }
  }

  /** One variable's local value; `template` is where the definition is. */
  variable(value: unknown, template: Template): string {
    // A name, ARN or URL the CDK wrote out, or one it joined from parts (an ARN with the partition).
    const joined = this.value(value, template);
    const resolved = this.names.get(joined) ?? joined;
    const local = resolved.replace(
      // In the cloud, services are also reached over TLS by the ALB's internal name (internal.<zone>).
      new RegExp(`^(?:http://${LOAD_BALANCER.replaceAll('.', '\\.')}|https://internal\\.[a-z0-9.-]+):(\\d+)`),
      (whole, port: string) => this.ports.get(port) ?? whole,
    );
    if (local.includes(LOAD_BALANCER)) throw new Error(`no local service answers ${resolved}`);
    if (local.includes(`shopeasy-${this.cloud.environment}-`) || local.includes(this.cloud.account))
      throw new Error(`${local} names a cloud resource the local stack did not make`);
    return local;
  }

  private value(value: unknown, template: Template): string {
    if (typeof value === 'string') return this.names.get(value) ?? value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const intrinsic = value as Record<string, unknown>;
    if ('Fn::Join' in intrinsic) {
      const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => this.value(part, template)).join(separator);
    }
    if ('Fn::GetStackOutput' in intrinsic) {
      const { StackName, OutputName } = intrinsic['Fn::GetStackOutput'] as {
        StackName: string;
        OutputName: string;
      };
      return this.output(StackName, OutputName);
    }
    if ('Ref' in intrinsic) return this.attribute(template, String(intrinsic.Ref), 'Ref');
    if ('Fn::GetAtt' in intrinsic) {
      const [id, name] = intrinsic['Fn::GetAtt'] as [string, string];
      return this.attribute(template, id, name);
    }
    throw new Error(`no local value for ${JSON.stringify(value)}`);
  }

  /** An output of the data or services stack, read as a weak reference (Fn::GetStackOutput) reads it. */
  private output(stackName: string, outputName: string): string {
    const template = stackName.endsWith('-Data')
      ? this.cloud.data
      : stackName.endsWith('-Services')
        ? this.cloud.services
        : undefined;
    const output = template?.Outputs?.[outputName];
    if (!template || !output) throw new Error(`no output ${outputName} of ${stackName}`);
    return this.value(output.Value, template);
  }

  private attribute(template: Template, id: string, name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Partition': 'aws',
      'AWS::Region': this.cloud.region,
      'AWS::AccountId': this.cloud.account,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (name === 'Ref' && pseudo[id]) return pseudo[id];
    const resource = template.Resources[id];
    if (template === this.cloud.data && resource) {
      const value = this.local.attributes.get(id)?.[name];
      if (value === undefined) throw new Error(`the local ${id} has no ${name}`);
      return value;
    }
    if (resource?.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && name === 'DNSName')
      return LOAD_BALANCER;
    throw new Error(`no local counterpart of ${id}.${name}`);
  }
}
