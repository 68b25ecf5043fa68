import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCodeDeploy {
  /** Endpoint for AWS_ENDPOINT_URL. */
  url: string;
  /** Every PutLifecycleEventHookExecutionStatus request body. */
  reports: Record<string, string>[];
  stop(): Promise<void>;
}

/**
 * CodeDeploy's JSON API for the two calls a lifecycle hook makes, over HTTP as the SDK speaks it:
 * GetDeployment answers the deployment group given, PutLifecycleEventHookExecutionStatus is recorded.
 */
export async function startFakeCodeDeploy(deploymentGroupName: string): Promise<FakeCodeDeploy> {
  const reports: Record<string, string>[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(text || '{}') as Record<string, string>;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target.endsWith('.GetDeployment')) {
        res.end(JSON.stringify({ deploymentInfo: { deploymentId: body.deploymentId, deploymentGroupName } }));
      } else if (target.endsWith('.PutLifecycleEventHookExecutionStatus')) {
        reports.push(body);
        res.end(JSON.stringify({ lifecycleEventHookExecutionId: body.lifecycleEventHookExecutionId }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: target }));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reports,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
