/**
 * The Lambda Function URL template (auth type NONE). SAM has no generator for it, so the name
 * is ours: `lambda function-url`. Pure data; imports only this folder and types.
 */
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { checkPath, clientHeaders, SOURCE_IP, USER_AGENT } from './http';
import { v2Query } from './apiGateway';
import { REGION, SAMPLE_EPOCH_MS, charsFrom, clfTime, uuidFrom } from './sample';

const URL_ID = charsFrom('function-url', 32, 'abcdefghijklmnopqrstuvwxyz0123456789');

const functionUrl = defineTemplate({
  service: 'lambda',
  event: 'function-url',
  description: 'A request to a Lambda Function URL with auth type NONE (payload format 2.0).',
  sourceType: 'LambdaFunctionURLEvent',
  params: [
    { name: 'method', description: 'HTTP method of the request', default: 'GET', kind: 'string' },
    { name: 'path', description: 'Request path, starting with /', default: '/', kind: 'string' },
    {
      name: 'query',
      description: 'Query string without the leading ?, e.g. name=Ada&tag=a&tag=b',
      default: '',
      kind: 'string',
    },
    {
      name: 'body',
      description: 'Request body as text (empty for none)',
      default: '',
      kind: 'string',
    },
  ],
  make(v): LambdaFunctionURLEvent {
    const method = v.method.toUpperCase();
    const path = checkPath(v.path);
    const domainName = `${URL_ID}.lambda-url.${REGION}.on.aws`;
    const seed = `url:${method} ${path}?${v.query}`;
    // Function URLs add the TLS details of the client connection to the headers.
    const headers = Object.fromEntries(
      [
        ...clientHeaders(domainName, v.body, seed),
        ['X-Amzn-Tls-Cipher-Suite', 'TLS_AES_128_GCM_SHA256'],
        ['X-Amzn-Tls-Version', 'TLSv1.3'],
      ].map(([name, value]) => [name.toLowerCase(), value]),
    );
    return {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: v.query,
      headers,
      ...v2Query(v.query),
      requestContext: {
        // With auth type NONE the caller is not an AWS principal, and Lambda says so here.
        accountId: 'anonymous',
        apiId: URL_ID,
        domainName,
        domainPrefix: URL_ID,
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: USER_AGENT },
        requestId: uuidFrom(`${seed}:request`),
        routeKey: '$default',
        stage: '$default',
        time: clfTime(SAMPLE_EPOCH_MS),
        timeEpoch: SAMPLE_EPOCH_MS,
      },
      ...(v.body === '' ? {} : { body: v.body }),
      isBase64Encoded: false,
    };
  },
});

/** The Lambda Function URL templates. */
export const lambdaUrlTemplates: readonly EventTemplate[] = [functionUrl];
