import type { Role } from '@shopeasy/service-kit/auth';
import type { AdminRoute } from './config.js';

export interface PolicyStatement {
  Action: 'execute-api:Invoke';
  Effect: 'Allow' | 'Deny';
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * The policy for one token. API Gateway caches it per token for every route of the stage, so
 * it covers the whole API rather than the one method that triggered the authorizer: every
 * route is allowed, except that customers are denied the admin-only operations.
 */
export function policyFor(methodArn: string, role: Role, adminRoutes: readonly AdminRoute[]): PolicyDocument {
  const stageArn = stageArnOf(methodArn);
  const statements: PolicyStatement[] = [
    { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${stageArn}/*/*`] },
  ];
  if (role !== 'admin' && adminRoutes.length > 0) {
    statements.push({
      Action: 'execute-api:Invoke',
      Effect: 'Deny',
      Resource: adminRoutes.map((route) => `${stageArn}/${route.method}${resourcePattern(route.path)}`),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** arn:aws:execute-api:region:account:apiId/stage/METHOD/path -> arn:...:apiId/stage */
export function stageArnOf(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  if (!api?.startsWith('arn:') || !stage) throw new Error(`Unexpected method ARN ${methodArn}`);
  return `${api}/${stage}`;
}

/** /v1/products/{productId} -> /v1/products/* (path parameters match any segment). */
function resourcePattern(path: string): string {
  return path.replace(/\{[^}]+\}/g, '*');
}
