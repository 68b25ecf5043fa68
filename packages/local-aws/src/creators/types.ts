import type { AwsClients } from '../clients.js';
import type { ResourceAttributes } from '../intrinsics.js';

export interface CreatorContext {
  readonly clients: AwsClients;
  readonly account: string;
  readonly region: string;
  readonly logicalId: string;
}

/** Properties of one template resource with every intrinsic function resolved. */
export type Props = Record<string, unknown>;

/** Creates the resource if it is missing, brings it in line if it exists, returns its attributes. */
export type Creator = (props: Props, ctx: CreatorContext) => Promise<ResourceAttributes>;

/** CloudFormation `Tags` ([{Key, Value}]) as the SDK's tag list. */
export function tagList(props: Props): { Key: string; Value: string }[] {
  return ((props.Tags as { Key: string; Value: string }[] | undefined) ?? []).map(({ Key, Value }) => ({
    Key,
    Value,
  }));
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}
