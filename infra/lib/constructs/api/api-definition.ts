import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bundled contract in its API Gateway flavour (tools/contracts builds it). */
export const DEFAULT_CONTRACT_PATH = fileURLToPath(
  new URL('../../../../contracts/dist/shopeasy.apigateway.json', import.meta.url),
);

/** Placeholder the contract bundle leaves for the authorizer's invocation URI. */
export const AUTHORIZER_URI_PLACEHOLDER = '${ShopEasyAuthorizerUri}';
export const AUTHORIZER_SCHEME = 'shopeasyJwt';
/** The REQUEST authorizer of the operations that also take X-Cart-Token; `cartToken` in the plain bundle. */
export const GUEST_CART_AUTHORIZER_SCHEME = 'shopeasyGuestCart';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface ContractOperation {
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  readonly secured: boolean;
  /** Whether a guest cart token (X-Cart-Token) may stand in for the bearer token. */
  readonly guestCart: boolean;
  readonly roles: readonly string[];
}

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  'x-shopeasy-roles'?: string[];
};
export type ApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
} & Record<string, unknown>;

/** Reads the bundled contract; fails with the command that builds it when it is missing. */
export function readContract(path = DEFAULT_CONTRACT_PATH): ApiDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run \`npm run contracts:bundle\` first`);
  }
  return JSON.parse(text) as ApiDocument;
}

/** Every operation with whether the contract secures it and which roles it requires. */
export function contractOperations(doc: ApiDocument): ContractOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => {
      const op = item[m] as Operation;
      const security = op.security ?? doc.security ?? [];
      return {
        method: m.toUpperCase(),
        path,
        ...(op.operationId ? { operationId: op.operationId } : {}),
        secured: security.some((requirement) => Object.keys(requirement).length > 0),
        guestCart: security.some((r) => GUEST_CART_AUTHORIZER_SCHEME in r || 'cartToken' in r),
        roles: op['x-shopeasy-roles'] ?? [],
      };
    }),
  );
}

/**
 * The document with the authorizer's URI put in place of its placeholder. The value may be a
 * CDK token; it is kept as a string so that CloudFormation resolves it.
 */
export function withAuthorizerUri(doc: ApiDocument, authorizerUri: string): ApiDocument {
  const text = JSON.stringify(doc);
  if (!text.includes(AUTHORIZER_URI_PLACEHOLDER)) {
    throw new Error(`The contract has no ${AUTHORIZER_URI_PLACEHOLDER} placeholder for the authorizer`);
  }
  return replaceDeep(doc, authorizerUri) as ApiDocument;
}

/**
 * The document with every HTTP integration over TLS: the contract bundle says `http://` (the
 * local gateway's scheme); in AWS the VPC link reaches the internal ALB's HTTPS listeners, whose
 * certificate names the host the stage variables give.
 */
export function withTlsIntegrations(doc: ApiDocument): ApiDocument {
  const copy = structuredClone(doc);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      const integration = operation?.['x-amazon-apigateway-integration'] as { uri?: unknown } | undefined;
      if (typeof integration?.uri === 'string' && integration.uri.startsWith('http://')) {
        integration.uri = `https://${integration.uri.slice('http://'.length)}`;
      }
    }
  }
  return copy;
}

function replaceDeep(value: unknown, uri: string): unknown {
  if (typeof value === 'string') return value === AUTHORIZER_URI_PLACEHOLDER ? uri : value;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, uri));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, uri)]));
  }
  return value;
}
