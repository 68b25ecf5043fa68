import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root and contract locations. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONTRACTS_DIR = path.join(ROOT_DIR, 'contracts');
export const DIST_DIR = path.join(CONTRACTS_DIR, 'dist');
export const SHARED_FILE = 'shared.yaml';

export const BUNDLE_FILES = Object.freeze({
  yaml: path.join(DIST_DIR, 'shopeasy.openapi.yaml'),
  json: path.join(DIST_DIR, 'shopeasy.openapi.json'),
  apigateway: path.join(DIST_DIR, 'shopeasy.apigateway.json'),
  // Public API plus the /internal/ service-to-service operations: only the services' TS client reads it.
  internal: path.join(DIST_DIR, 'shopeasy.internal.openapi.json'),
});

/** The five domains, in bundle order; each domain is served by the service of the same name. */
export const DOMAINS = Object.freeze(
  [
    { service: 'users', port: 8081 },
    { service: 'catalog', port: 8082 },
    { service: 'cart', port: 8083 },
    { service: 'orders', port: 8084 },
    { service: 'feedback', port: 8085 },
  ].map((d) => Object.freeze({ ...d, file: `${d.service}.yaml` })),
);

export const HTTP_METHODS = Object.freeze([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

/** API Gateway names and placeholders the CDK stack substitutes (see README). */
export const AUTHORIZER_NAME = 'shopeasyJwt';
export const AUTHORIZER_URI_PLACEHOLDER = '${ShopEasyAuthorizerUri}';
export const VPC_LINK_STAGE_VARIABLE = 'vpcLinkId';
export const ALL_ROLES = Object.freeze(['customer', 'admin']);

/** Name of the stage variable holding the host (and port) of a service, e.g. `catalogHost`. */
export function stageVariableFor(service) {
  return `${service}Host`;
}
