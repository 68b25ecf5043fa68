import * as apigw from 'aws-cdk-lib/aws-apigateway';

/**
 * The API's access log line, one JSON object. `requestId` is the id the services log too (the
 * edge sends them `extendedRequestId`, which no caller can choose); `clientRequestId` is
 * API Gateway's `requestId`, which follows a client's X-Amzn-RequestId, kept only to look it up.
 */
export function edgeAccessLogFormat(): apigw.AccessLogFormat {
  return apigw.AccessLogFormat.custom(
    JSON.stringify({
      requestId: apigw.AccessLogField.contextExtendedRequestId(),
      clientRequestId: apigw.AccessLogField.contextRequestId(),
      ip: apigw.AccessLogField.contextIdentitySourceIp(),
      requestTime: apigw.AccessLogField.contextRequestTime(),
      httpMethod: apigw.AccessLogField.contextHttpMethod(),
      resourcePath: apigw.AccessLogField.contextResourcePath(),
      status: apigw.AccessLogField.contextStatus(),
      protocol: apigw.AccessLogField.contextProtocol(),
      responseLength: apigw.AccessLogField.contextResponseLength(),
      traceId: apigw.AccessLogField.contextXrayTraceId(),
    }),
  );
}
