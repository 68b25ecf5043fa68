import { appendFileSync } from 'node:fs';

/** A resource an AWS call acts on, named as the process named it (`shopeasy-local-…` locally). */
export interface AwsCallResource {
  /** `stream` is a Kinesis stream; `table-stream` is a table's DynamoDB stream, named by its table. */
  type: 'table' | 'table-stream' | 'queue' | 'topic' | 'stream' | 'identity';
  name: string;
  /** The DynamoDB index a Query or Scan reads: IAM authorizes it on the index's ARN. */
  index?: string;
}

/** One AWS call as IAM authorizes it: one action, on each of its resources. */
export interface AwsCall {
  component: string;
  service: string;
  action: string;
  resources: AwsCallResource[];
}

type Input = Record<string, unknown>;
type Handler = (args: { input: object }) => Promise<unknown>;

/** Any AWS SDK v3 client: `@aws-sdk/client-*` or the DynamoDB document client. */
export interface AwsSdkClient {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { clientName?: string; commandName?: string }) => Handler,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void;
  };
}

// The clients ShopEasy creates, by the SDK's clientName, and their IAM service prefix.
const SERVICES: Readonly<Record<string, string>> = {
  DynamoDBClient: 'dynamodb',
  // IAM authorizes DynamoDB Streams' calls as dynamodb: actions on the stream's ARN.
  DynamoDBStreamsClient: 'dynamodb',
  SQSClient: 'sqs',
  SNSClient: 'sns',
  KinesisClient: 'kinesis',
  SESv2Client: 'ses',
};

// Batch operations IAM authorizes as the single action (the reference lists no action of their own).
const BATCH_AS_SINGLE: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
  PublishBatch: 'Publish',
};

// A transaction is authorized item by item, as the action each item stands for.
const TRANSACT_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  ConditionCheck: 'ConditionCheckItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Get: 'GetItem',
};

const table = (name: unknown, index?: unknown): AwsCallResource => ({
  type: 'table',
  name: String(name),
  ...(typeof index === 'string' ? { index } : {}),
});
const lastSegment = (text: string, separator: string) => text.slice(text.lastIndexOf(separator) + 1);
/** The table of a stream ARN, `arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>`. */
const streamTable = (arn: string) => /:table\/([^/]+)\/stream\//.exec(arn)?.[1];
const unique = <T>(items: T[]) => [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];

function dynamoCalls(operation: string, input: Input): [string, AwsCallResource[]][] {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const byAction = new Map<string, AwsCallResource[]>();
    for (const item of (input.TransactItems ?? []) as Record<string, { TableName?: string }>[])
      for (const [kind, request] of Object.entries(item)) {
        const action = TRANSACT_ITEM_ACTIONS[kind] ?? kind;
        byAction.set(action, [...(byAction.get(action) ?? []), table(request.TableName)]);
      }
    return [...byAction].map(([action, tables]) => [action, unique(tables)]);
  }
  // BatchGetItem and BatchWriteItem are actions of their own, on every table they name.
  if (input.RequestItems) return [[operation, Object.keys(input.RequestItems).map((t) => table(t))]];
  return [[operation, input.TableName === undefined ? [] : [table(input.TableName, input.IndexName)]]];
}

function sesIdentities(input: Input): AwsCallResource[] {
  if (typeof input.FromEmailAddress !== 'string') {
    return typeof input.EmailIdentity === 'string' ? [{ type: 'identity', name: input.EmailIdentity }] : [];
  }
  // "ShopEasy <no-reply@example.com>" sends as the address in brackets.
  const address = /<([^>]+)>/.exec(input.FromEmailAddress)?.[1] ?? input.FromEmailAddress.trim();
  // SES authorizes a send on the address's identity and on its domain's.
  return [
    { type: 'identity', name: address },
    { type: 'identity', name: lastSegment(address, '@') },
  ];
}

interface ClientState {
  stream?: string;
  tableStream?: string;
}

/** DescribeStream, GetShardIterator, GetRecords and ListStreams of the DynamoDB Streams client. */
function tableStreamCalls(
  operation: string,
  input: Input,
  state: ClientState,
): [string, AwsCallResource[]][] {
  const named =
    typeof input.StreamArn === 'string'
      ? streamTable(input.StreamArn)
      : typeof input.TableName === 'string'
        ? input.TableName
        : undefined;
  if (named) state.tableStream = named;
  return [[operation, state.tableStream ? [{ type: 'table-stream', name: state.tableStream }] : []]];
}

/**
 * The IAM actions and resources of one command. `state.stream` is the Kinesis stream the client
 * last named (`state.tableStream` the DynamoDB stream): a GetRecords call carries only an opaque
 * shard iterator and a later ListShards page only a NextToken, so they are recorded against it.
 * Each ShopEasy process reads one stream, so this is exact here; tracing each iterator back to its
 * GetShardIterator would be too, at the cost of remembering every iterator handed out.
 */
function callsOf(
  client: string,
  service: string,
  command: string,
  input: Input,
  state: ClientState,
): [string, AwsCallResource[]][] {
  const operation = BATCH_AS_SINGLE[command] ?? command;
  switch (service) {
    case 'dynamodb':
      return client === 'DynamoDBStreamsClient'
        ? tableStreamCalls(operation, input, state)
        : dynamoCalls(operation, input);
    case 'sqs': {
      const name = typeof input.QueueUrl === 'string' ? lastSegment(input.QueueUrl, '/') : input.QueueName;
      return [[operation, typeof name === 'string' ? [{ type: 'queue', name }] : []]];
    }
    case 'sns': {
      const arn = input.TopicArn ?? input.TargetArn;
      return [[operation, typeof arn === 'string' ? [{ type: 'topic', name: lastSegment(arn, ':') }] : []]];
    }
    case 'kinesis': {
      const named = input.StreamName ?? input.StreamARN;
      if (typeof named === 'string') state.stream = lastSegment(named, '/');
      return [[operation, state.stream ? [{ type: 'stream', name: state.stream }] : []]];
    }
    default: // ses, the last service SERVICES knows
      return [[operation, sesIdentities(input)]];
  }
}

// Lines this process already wrote, by file: a busy service makes the same calls again and again.
const written = new Set<string>();

/**
 * Records every call `client` makes, as `component`, when `AWS_CALL_LOG` names a file: one JSON
 * line per distinct IAM action and resources ({@link AwsCall}), appended once per process, for
 * the IAM check (`npm run iam:check`) to evaluate against the synthesized policies. Without
 * `AWS_CALL_LOG` it adds nothing. A call that cannot be recorded fails, so a recording run never
 * misses one silently. Returns the client.
 */
export function recordAwsCalls<C extends AwsSdkClient>(client: C, component: string): C {
  const file = process.env.AWS_CALL_LOG;
  if (!file) return client;
  const state: ClientState = {};
  client.middlewareStack.add(
    (next, context) => (args) => {
      const client = context.clientName ?? '';
      const service = SERVICES[client];
      const command = (context.commandName ?? '').replace(/Command$/, '');
      if (!service) throw new Error(`AWS_CALL_LOG: no IAM service known for ${context.clientName}`);
      for (const [operation, resources] of callsOf(client, service, command, args.input as Input, state)) {
        const call: AwsCall = { component, service, action: `${service}:${operation}`, resources };
        const line = `${JSON.stringify(call)}\n`;
        if (written.has(file + line)) continue;
        appendFileSync(file, line);
        written.add(file + line);
      }
      return next(args);
    },
    // A document client shares its DynamoDB client's stack: recording either replaces, not doubles.
    { step: 'initialize', name: 'shopeasyAwsCallLog', override: true },
  );
  return client;
}
