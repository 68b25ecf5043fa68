import type { Assembly, Located, Stack } from './assembly.js';

const arn = (service: string, at: Stack, resource: string) =>
  `arn:aws:${service}:${at.region}:${at.account}:${resource}`;

// Each type's Ref and attributes, from the physical name: what CloudFormation returns for them.
// IAM paths are left out: ShopEasy's roles and policies keep the default `/`.
const ATTRIBUTES: Readonly<Record<string, (name: string, at: Stack) => Record<string, string>>> = {
  'AWS::DynamoDB::Table': (name, at) => ({
    Ref: name,
    Arn: arn('dynamodb', at, `table/${name}`),
    StreamArn: arn('dynamodb', at, `table/${name}/stream/latest`),
  }),
  'AWS::SQS::Queue': (name, at) => {
    const url = `https://sqs.${at.region}.amazonaws.com/${at.account}/${name}`;
    return { Ref: url, QueueUrl: url, QueueName: name, Arn: arn('sqs', at, name) };
  },
  'AWS::SNS::Topic': (name, at) => {
    const topicArn = arn('sns', at, name);
    return { Ref: topicArn, TopicArn: topicArn, TopicName: name };
  },
  'AWS::Kinesis::Stream': (name, at) => ({ Ref: name, Arn: arn('kinesis', at, `stream/${name}`) }),
  'AWS::KMS::Key': (name, at) => ({ Ref: name, KeyId: name, Arn: arn('kms', at, `key/${name}`) }),
  'AWS::IAM::Role': (name, at) => ({ Ref: name, Arn: `arn:aws:iam::${at.account}:role/${name}` }),
  'AWS::IAM::ManagedPolicy': (name, at) => {
    const policyArn = `arn:aws:iam::${at.account}:policy/${name}`;
    return { Ref: policyArn, PolicyArn: policyArn };
  },
  'AWS::Lambda::Function': (name, at) => ({ Ref: name, Arn: arn('lambda', at, `function:${name}`) }),
  'AWS::S3::Bucket': (name) => ({ Ref: name, Arn: `arn:aws:s3:::${name}` }),
};

// The property that names a resource of each type; without it CloudFormation makes up a name, for
// which the logical id stands in (the same one wherever the resource is referred to).
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SES::EmailIdentity': 'EmailIdentity',
};

// AWS::NoValue: the property or list item is left out.
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves the intrinsic functions of an environment's templates as CloudFormation would when
 * deploying them: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue
 * (through the exporting stack's Outputs) and the pseudo parameters of each stack's environment.
 */
export class Resolver {
  private readonly exports = new Map<string, { stack: Stack; value: unknown }>();

  constructor(private readonly stacks: Assembly) {
    for (const stack of stacks)
      for (const output of Object.values(stack.template.Outputs ?? {}))
        if (output.Export)
          this.exports.set(this.text(output.Export.Name, stack), { stack, value: output.Value });
  }

  /** A template value with every intrinsic function in it replaced by its value. */
  resolve(value: unknown, stack: Stack): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, stack)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key && (key === 'Ref' || key.startsWith('Fn::')))
      return this.intrinsic(key, argument, stack);
    return Object.fromEntries(
      entries.map(([k, v]) => [k, this.resolve(v, stack)]).filter(([, v]) => v !== NO_VALUE),
    );
  }

  /** A value that must resolve to a string: a name, an ARN, a URL. */
  text(value: unknown, stack: Stack): string {
    const resolved = this.resolve(value, stack);
    if (typeof resolved !== 'string' && typeof resolved !== 'number')
      throw new Error(`${stack.name}: ${JSON.stringify(value)} is not a string`);
    return String(resolved);
  }

  /** A resource's Ref or attribute (`Arn`, `QueueUrl`, …). */
  attribute(resource: Located, name: string): string {
    const property = NAME_PROPERTY[resource.type];
    const given = property === undefined ? undefined : resource.properties[property];
    const physical = given === undefined ? resource.logicalId : this.text(given, resource.stack);
    const attributes = ATTRIBUTES[resource.type]?.(physical, resource.stack) ?? { Ref: physical };
    // An attribute the check has no use for stands in as itself, so a policy naming it matches nothing.
    return attributes[name] ?? `${resource.logicalId}.${name}`;
  }

  private located(logicalId: string, stack: Stack): Located {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) throw new Error(`${stack.name}: no resource ${logicalId}`);
    return { stack, logicalId, type: resource.Type, properties: resource.Properties ?? {} };
  }

  private ref(name: string, stack: Stack): unknown {
    const pseudo: Record<string, unknown> = {
      'AWS::AccountId': stack.account,
      'AWS::Region': stack.region,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stack.name,
      'AWS::NoValue': NO_VALUE,
    };
    if (name in pseudo) return pseudo[name];
    const parameter = stack.template.Parameters?.[name];
    // A value another stack of the environment keeps in SSM (a data key's ARN): that parameter's.
    if (parameter?.Type === 'AWS::SSM::Parameter::Value<String>')
      return this.ssmValue(String(parameter.Default));
    if (parameter) return parameter.Default ?? `parameter:${name}`;
    return this.attribute(this.located(name, stack), 'Ref');
  }

  private intrinsic(key: string, argument: unknown, stack: Stack): unknown {
    const args = argument as unknown[];
    switch (key) {
      case 'Ref':
        return this.ref(String(argument), stack);
      case 'Fn::GetAtt': {
        const [id, name] = typeof argument === 'string' ? argument.split(/\.(.*)/) : args;
        return this.attribute(this.located(String(id), stack), String(name));
      }
      case 'Fn::Join':
        return (this.resolve(args[1], stack) as unknown[]).join(String(args[0]));
      case 'Fn::Select':
        return (this.resolve(args[1], stack) as unknown[])[Number(this.resolve(args[0], stack))];
      case 'Fn::Split':
        return this.text(args[1], stack).split(String(args[0]));
      case 'Fn::Sub':
        return this.sub(argument, stack);
      case 'Fn::ImportValue': {
        const name = this.text(argument, stack);
        const exported = this.exports.get(name);
        if (!exported) throw new Error(`${stack.name}: nothing exports ${name}`);
        return this.resolve(exported.value, exported.stack);
      }
      case 'Fn::GetStackOutput': {
        // A weak reference: another stack's output, read at deploy time (no export).
        const { StackName, OutputName } = argument as { StackName: unknown; OutputName: unknown };
        const name = this.text(StackName, stack);
        const from = this.stacks.find((s) => s.name === name);
        const output = from?.template.Outputs?.[this.text(OutputName, stack)];
        if (!from || !output)
          throw new Error(`${stack.name}: no output ${JSON.stringify(OutputName)} of ${name}`);
        return this.resolve(output.Value, from);
      }
      default:
        throw new Error(`${stack.name}: ${key} is not resolved by the IAM check`);
    }
  }

  /** The value of the SSM parameter a stack of the environment creates with this name. */
  private ssmValue(name: string): unknown {
    for (const stack of this.stacks)
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {}))
        if (resource.Type === 'AWS::SSM::Parameter' && this.text(resource.Properties?.Name, stack) === name)
          return this.resolve(this.located(logicalId, stack).properties.Value, stack);
    throw new Error(`no stack of the environment creates the SSM parameter ${name}`);
  }

  private sub(argument: unknown, stack: Stack): string {
    const [template, variables = {}] = (Array.isArray(argument) ? argument : [argument]) as [
      string,
      Record<string, unknown>?,
    ];
    return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in variables) return this.text(variables[name], stack);
      if (name.includes('.') && !name.startsWith('AWS::'))
        return this.text({ 'Fn::GetAtt': name.split(/\.(.*)/).slice(0, 2) }, stack);
      return this.text({ Ref: name }, stack);
    });
  }
}
