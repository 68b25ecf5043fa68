/** A parsed OpenAPI document or fragment; contracts are open-ended JSON, so values are untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI documents are arbitrary JSON trees
export type JsonObject = { [key: string]: any };

export type ServiceName = 'users' | 'catalog' | 'cart' | 'orders' | 'feedback';
export type Role = 'customer' | 'admin';
export type BundleFlavour = 'openapi' | 'apigateway';

export interface Domain {
  readonly service: ServiceName;
  readonly port: number;
  /** File name inside contracts/, e.g. `catalog.yaml`. */
  readonly file: string;
}

export interface Contracts {
  shared: JsonObject;
  domains: Array<Domain & { doc: JsonObject }>;
}

export interface Operation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** OpenAPI path template, e.g. `/v1/products/{productId}`. */
  path: string;
  service: ServiceName;
  /** True when the operation needs a bearer access token. */
  secured: boolean;
  /** Roles allowed to call it: `x-shopeasy-roles`, else both roles when secured, else none. */
  roles: Role[];
}

export interface OperationMatch {
  operation: Operation;
  params: Record<string, string>;
}

export declare const CONTRACTS_DIR: string;
export declare const DIST_DIR: string;
export declare const BUNDLE_FILES: Readonly<{
  yaml: string;
  json: string;
  apigateway: string;
  internal: string;
}>;
/** Path prefix of service-to-service operations, kept out of the public bundles. */
export declare const INTERNAL_PREFIX: '/internal/';
export declare const DOMAINS: readonly Domain[];
export declare const HTTP_METHODS: readonly string[];
export declare const ALL_ROLES: readonly Role[];
/** Security scheme (and authorizer) name in the API Gateway flavour. */
export declare const AUTHORIZER_NAME: 'shopeasyJwt';
/** Literal `${ShopEasyAuthorizerUri}`, replaced by the CDK stack. */
export declare const AUTHORIZER_URI_PLACEHOLDER: string;
/** Stage variable holding the VPC link id: `vpcLinkId`. */
export declare const VPC_LINK_STAGE_VARIABLE: string;
export declare const APIGW_SCHEMA_KEYWORDS: readonly string[];
export declare const APIGW_FORMATS: readonly string[];

/** Stage variable holding a service's host[:port], e.g. `catalogHost`. */
export declare function stageVariableFor(service: string): string;
export declare function loadContracts(contractsDir?: string): Promise<Contracts>;
export declare function buildBundle(contracts: Contracts): JsonObject;
export declare function toApiGatewayFlavour(bundle: JsonObject): JsonObject;
export declare function sanitizeSchema(schema: JsonObject): JsonObject;
export declare function buildBundles(
  contractsDir?: string,
): Promise<{ openapi: JsonObject; apigateway: JsonObject; internal: JsonObject }>;
export declare function renderBundles(
  contractsDir?: string,
  distDir?: string,
): Promise<Array<[string, string]>>;
export declare function writeBundles(options?: {
  contractsDir?: string;
  distDir?: string;
}): Promise<string[]>;
export declare function staleBundles(options?: {
  contractsDir?: string;
  distDir?: string;
}): Promise<string[]>;
export declare function loadBundle(options?: {
  flavour?: BundleFlavour;
  source?: 'dist' | 'contracts';
}): Promise<JsonObject>;
export declare function loadBundleSync(options?: { flavour?: BundleFlavour }): JsonObject;
export declare function listOperations(doc: JsonObject): Operation[];
export declare function matchOperation(
  operations: Operation[],
  method: string,
  urlPath: string,
): OperationMatch | null;
export declare function substitutePlaceholders<T>(doc: T, values: Record<string, string>): T;
export declare function findUnusedSharedComponents(contracts: Contracts): string[];
export declare function resolveLocalRef(doc: JsonObject, ref: string): unknown;
export declare function walk(
  node: unknown,
  visit: (node: object, path: Array<string | number>) => void,
): void;

/** A public contract the breaking-change gate compares; `file` is relative to the repository. */
export interface PublicContract {
  name: string;
  file: string;
}
export interface ContractChange {
  level: 'breaking' | 'warning' | 'compatible';
  /** oasdiff's rule id, e.g. `api-removed-without-deprecation`. */
  id: string;
  text: string;
  /** `GET /v1/products`, or the path alone for a path-level change. */
  operation: string;
}
export interface ContractComparison extends PublicContract {
  /** `info.version` at the base; null when the contract is new. */
  baseVersion: string | null;
  version: string;
  /** `allowed`: breaking changes with a major version bump. */
  status: 'ok' | 'new' | 'allowed' | 'breaking';
  changes: ContractChange[];
}
export interface BreakingChangesResult {
  /** `ref` is a commit, undefined when there is nothing to compare with. */
  base: { ref: string | undefined; label: string };
  contracts: ContractComparison[];
  /** Breaking changes that fail the gate (without a major version bump). */
  breaking: number;
  ok: boolean;
}
export declare const PUBLIC_CONTRACTS: readonly PublicContract[];
export declare function resolveBase(root?: string, base?: string): { ref: string | undefined; label: string };
export declare function checkBreakingChanges(options: {
  root?: string;
  base?: string;
  oasdiff: string;
}): BreakingChangesResult;
/** Path of the pinned oasdiff (.tools/bin), built from the Go module proxy when missing. */
export declare function ensureOasdiff(): string;
