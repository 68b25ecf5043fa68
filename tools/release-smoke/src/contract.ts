import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContract } from '@shopeasy/service-kit/http';

/** The bundled public contract (contracts/dist), as `npm run contracts:bundle` writes it. */
export const BUNDLED_CONTRACT_PATH = fileURLToPath(
  new URL('../../../contracts/dist/shopeasy.openapi.json', import.meta.url),
);

/** An OpenAPI document; its shape is checked by openapi-backend when the checker is built. */
export type ContractDocument = Record<string, unknown>;

export function readContractFile(path: string = BUNDLED_CONTRACT_PATH): ContractDocument {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ContractDocument;
  } catch (error) {
    throw new Error(`Cannot read the contract ${path}: run \`npm run contracts:bundle\` first`, {
      cause: error,
    });
  }
}

/** What the contract says about one answer of one operation: every way it breaks the contract. */
export type ResponseChecker = (
  operationId: string,
  status: number,
  contentType: string,
  body: unknown,
) => string[];

type Responses = Record<string, { content?: Record<string, unknown> }>;

/** Validates answers the way the services validate their own (service-kit's loadContract). */
export async function responseChecker(document: ContractDocument): Promise<ResponseChecker> {
  const api = await loadContract(structuredClone(document));
  return (operationId, status, contentType, body) => {
    const operation = api.getOperation(operationId);
    if (!operation) return [`the contract has no operation ${operationId}`];
    const declared = (operation.responses ?? {}) as Responses;
    const response = declared[String(status)] ?? declared.default;
    if (!response) return [`status ${status} is not one the contract declares for ${operationId}`];
    const mediaTypes = Object.keys(response.content ?? {});
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (mediaTypes.length > 0 && !mediaTypes.includes(mediaType)) {
      return [`content type "${contentType}" is not ${mediaTypes.join(' or ')}`];
    }
    const result = api.validateResponse(body ?? null, operationId, status);
    return (result.errors ?? []).map(
      (e) => `body${e.instancePath.replaceAll('/', '.')} ${e.message ?? 'is invalid'}`,
    );
  };
}
