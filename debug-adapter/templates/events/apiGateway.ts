/**
 * API Gateway templates: REST API (payload 1.0) and HTTP API (payload 2.0) proxy events, and the
 * TOKEN and REQUEST Lambda authorizer inputs. Pure data; imports only this folder and types.
 */
import type {
  APIGatewayEventIdentity,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { checkPath, clientHeaders, matchRoute, queryValues, SOURCE_IP, USER_AGENT } from './http';
import { ACCOUNT_ID, REGION, SAMPLE_EPOCH_MS, arn, charsFrom, clfTime, uuidFrom } from './sample';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const REST_API_ID = charsFrom('rest-api', 10, LOWER_ALNUM);
const HTTP_API_ID = charsFrom('http-api', 10, LOWER_ALNUM);

const METHOD = {
  name: 'method',
  description: 'HTTP method of the request',
  default: 'GET',
  kind: 'string',
} as const;
const PATH = {
  name: 'path',
  description: 'Request path, starting with /',
  default: '/hello',
  kind: 'string',
} as const;
const QUERY = {
  name: 'query',
  description: 'Query string without the leading ?, e.g. name=Ada&tag=a&tag=b',
  default: '',
  kind: 'string',
} as const;
const BODY = {
  name: 'body',
  description: 'Request body as text (empty for none)',
  default: '',
  kind: 'string',
} as const;
const RESOURCE = {
  name: 'resource',
  description: 'The API resource the path matched, with {name} and {proxy+} placeholders',
  default: '/{proxy+}',
  kind: 'string',
} as const;

/** The caller identity of an unauthenticated request to a REST API. */
function anonymousIdentity(): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: SOURCE_IP,
    user: null,
    userAgent: USER_AGENT,
    userArn: null,
  };
}

/**
 * The parts of a REST API request shared by the proxy event and the REQUEST authorizer input.
 * API Gateway decodes query values; the single-value map keeps the last of repeated names.
 */
function restRequest(method: string, path: string, resource: string, query: string, body: string) {
  const host = `${REST_API_ID}.execute-api.${REGION}.amazonaws.com`;
  const seed = `rest:${method} ${path}?${query}`;
  const headers = clientHeaders(host, body, seed);
  const values = queryValues(query);
  return {
    seed,
    headers: Object.fromEntries(headers),
    multiValueHeaders: Object.fromEntries(headers.map(([name, value]) => [name, [value]])),
    queryStringParameters:
      values.size > 0
        ? Object.fromEntries([...values].map(([name, all]) => [name, all[all.length - 1]]))
        : null,
    multiValueQueryStringParameters: values.size > 0 ? Object.fromEntries(values) : null,
    pathParameters: matchRoute(resource, path),
  };
}

/** The `requestContext` of a REST API request without an authorizer. */
function restRequestContext(
  seed: string,
  method: string,
  path: string,
  resource: string,
  stage: string,
) {
  return {
    accountId: ACCOUNT_ID,
    apiId: REST_API_ID,
    domainName: `${REST_API_ID}.execute-api.${REGION}.amazonaws.com`,
    domainPrefix: REST_API_ID,
    extendedRequestId: `${charsFrom(`${seed}:ext`, 15)}=`,
    httpMethod: method,
    identity: anonymousIdentity(),
    path: `/${stage}${path}`,
    protocol: 'HTTP/1.1',
    requestId: uuidFrom(`${seed}:request`),
    requestTime: clfTime(SAMPLE_EPOCH_MS),
    requestTimeEpoch: SAMPLE_EPOCH_MS,
    resourceId: charsFrom(`${resource}:id`, 6, LOWER_ALNUM),
    resourcePath: resource,
    stage,
  };
}

/** `methodArn` of a REST API method: `arn:aws:execute-api:…:<api>/<stage>/<METHOD>/<path>`. */
function methodArn(stage: string, method: string, path: string): string {
  return arn('execute-api', `${REST_API_ID}/${stage}/${method}${path}`);
}

const NO_AUTHORIZER_GAP = {
  property: 'authorizer',
  reason:
    'API Gateway omits requestContext.authorizer when no authorizer ran (and in authorizer ' +
    'inputs), but @types/aws-lambda declares it required; its own comment says so.',
};

const awsProxy = defineTemplate({
  service: 'apigateway',
  event: 'aws-proxy',
  description: 'A REST API (v1) Lambda proxy integration request, payload format 1.0.',
  sourceType: 'APIGatewayProxyEvent',
  typeGaps: [NO_AUTHORIZER_GAP],
  params: [
    METHOD,
    PATH,
    RESOURCE,
    QUERY,
    BODY,
    { name: 'stage', description: 'Deployment stage', default: 'prod', kind: 'string' },
  ],
  make(v) {
    const method = v.method.toUpperCase();
    const path = checkPath(v.path);
    const request = restRequest(method, path, v.resource, v.query, v.body);
    // Typed with `authorizer` removed: see NO_AUTHORIZER_GAP.
    const event: Omit<APIGatewayProxyEvent, 'requestContext'> & {
      requestContext: Omit<APIGatewayProxyEvent['requestContext'], 'authorizer'>;
    } = {
      resource: v.resource,
      path,
      httpMethod: method,
      headers: request.headers,
      multiValueHeaders: request.multiValueHeaders,
      queryStringParameters: request.queryStringParameters,
      multiValueQueryStringParameters: request.multiValueQueryStringParameters,
      pathParameters: request.pathParameters,
      stageVariables: null,
      requestContext: restRequestContext(request.seed, method, path, v.resource, v.stage),
      body: v.body === '' ? null : v.body,
      isBase64Encoded: false,
    };
    return event;
  },
});

const httpApiProxy = defineTemplate({
  service: 'apigateway',
  event: 'http-api-proxy',
  description: 'An HTTP API (v2) Lambda integration request, payload format 2.0.',
  sourceType: 'APIGatewayProxyEventV2',
  params: [
    METHOD,
    PATH,
    {
      name: 'route',
      description: 'Route key that matched, e.g. "GET /items/{id}" or $default',
      default: '$default',
      kind: 'string',
    },
    QUERY,
    BODY,
    {
      name: 'stage',
      description: 'Stage name; $default adds no path prefix',
      default: '$default',
      kind: 'string',
    },
  ],
  make(v): APIGatewayProxyEventV2 {
    const method = v.method.toUpperCase();
    const path = checkPath(v.path);
    const routePath = v.route === '$default' ? null : v.route.slice(v.route.indexOf(' ') + 1);
    const pathParameters = routePath === null ? null : matchRoute(routePath, path);
    const rawPath = v.stage === '$default' ? path : `/${v.stage}${path}`;
    const domainName = `${HTTP_API_ID}.execute-api.${REGION}.amazonaws.com`;
    const seed = `http:${method} ${path}?${v.query}`;
    return {
      version: '2.0',
      routeKey: v.route,
      rawPath,
      rawQueryString: v.query,
      ...v2Headers(domainName, v.body, seed),
      ...v2Query(v.query),
      requestContext: {
        accountId: ACCOUNT_ID,
        apiId: HTTP_API_ID,
        domainName,
        domainPrefix: HTTP_API_ID,
        http: {
          method,
          path: rawPath,
          protocol: 'HTTP/1.1',
          sourceIp: SOURCE_IP,
          userAgent: USER_AGENT,
        },
        requestId: `${charsFrom(`${seed}:request`, 15)}=`,
        routeKey: v.route,
        stage: v.stage,
        time: clfTime(SAMPLE_EPOCH_MS),
        timeEpoch: SAMPLE_EPOCH_MS,
      },
      ...(v.body === '' ? {} : { body: v.body }),
      ...(pathParameters ? { pathParameters } : {}),
      isBase64Encoded: false,
    };
  },
});

/** Payload 2.0 headers: the same request headers with lowercased names. */
export function v2Headers(host: string, body: string, seed: string) {
  const headers = Object.fromEntries(
    clientHeaders(host, body, seed).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { headers };
}

/** Payload 2.0 query parameters: decoded, repeated values joined with commas, absent if none. */
export function v2Query(query: string): { queryStringParameters?: Record<string, string> } {
  const values = queryValues(query);
  if (values.size === 0) return {};
  return {
    queryStringParameters: Object.fromEntries([...values].map(([k, all]) => [k, all.join(',')])),
  };
}

const tokenAuthorizer = defineTemplate({
  service: 'apigateway',
  event: 'authorizer',
  description: 'The input of a REST API TOKEN Lambda authorizer.',
  sourceType: 'APIGatewayTokenAuthorizerEvent',
  params: [
    {
      name: 'token',
      description: 'Value of the token source header (usually Authorization)',
      default: 'Bearer allow',
      kind: 'string',
    },
    METHOD,
    PATH,
    { name: 'stage', description: 'Deployment stage', default: 'prod', kind: 'string' },
  ],
  make(v): APIGatewayTokenAuthorizerEvent {
    return {
      type: 'TOKEN',
      methodArn: methodArn(v.stage, v.method.toUpperCase(), checkPath(v.path)),
      authorizationToken: v.token,
    };
  },
});

const requestAuthorizer = defineTemplate({
  service: 'apigateway',
  event: 'request-authorizer',
  description: 'The input of a REST API REQUEST Lambda authorizer.',
  sourceType: 'APIGatewayRequestAuthorizerEvent',
  typeGaps: [NO_AUTHORIZER_GAP],
  params: [
    {
      name: 'token',
      description: 'Value of the Authorization header (empty to send none)',
      default: 'Bearer allow',
      kind: 'string',
    },
    METHOD,
    PATH,
    RESOURCE,
    QUERY,
    { name: 'stage', description: 'Deployment stage', default: 'prod', kind: 'string' },
  ],
  make(v) {
    const method = v.method.toUpperCase();
    const path = checkPath(v.path);
    const request = restRequest(method, path, v.resource, v.query, '');
    if (v.token !== '') {
      request.headers.Authorization = v.token;
      request.multiValueHeaders.Authorization = [v.token];
    }
    // Typed with `authorizer` removed: see NO_AUTHORIZER_GAP.
    const event: Omit<APIGatewayRequestAuthorizerEvent, 'requestContext'> & {
      requestContext: Omit<APIGatewayRequestAuthorizerEvent['requestContext'], 'authorizer'>;
    } = {
      type: 'REQUEST',
      methodArn: methodArn(v.stage, method, path),
      resource: v.resource,
      path,
      httpMethod: method,
      headers: request.headers,
      multiValueHeaders: request.multiValueHeaders,
      queryStringParameters: request.queryStringParameters,
      multiValueQueryStringParameters: request.multiValueQueryStringParameters,
      pathParameters: request.pathParameters,
      stageVariables: null,
      requestContext: restRequestContext(request.seed, method, path, v.resource, v.stage),
    };
    return event;
  },
});

/** The API Gateway templates, in `--help` order. */
export const apiGatewayTemplates: readonly EventTemplate[] = [
  awsProxy,
  httpApiProxy,
  tokenAuthorizer,
  requestAuthorizer,
];
