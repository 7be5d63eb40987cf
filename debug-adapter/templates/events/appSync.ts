/**
 * AWS AppSync templates: a direct Lambda resolver call (`appsync resolver`, as SAM names it) and
 * a Lambda authorizer input (`appsync authorizer`, our name). Pure data; imports only this folder
 * and types.
 */
import type {
  AppSyncAuthorizerEvent,
  AppSyncIdentityCognito,
  AppSyncResolverEvent,
} from 'aws-lambda';
import { defineTemplate, expectObject, type EventTemplate } from './eventTemplate';
import { SOURCE_IP, traceHeader } from './http';
import { ACCOUNT_ID, REGION, SAMPLE_EPOCH_MS, charsFrom, uuidFrom } from './sample';

const API_ID = charsFrom('appsync-api', 26, 'abcdefghijklmnopqrstuvwxyz0123456789');
const HOST = `${charsFrom('appsync-host', 26, 'abcdefghijklmnopqrstuvwxyz0123456789')}.appsync-api.${REGION}.amazonaws.com`;

/** The request headers AppSync forwards for a browser-style GraphQL POST. */
function graphqlHeaders(seed: string, authorization: string): Record<string, string> {
  return {
    accept: 'application/json, text/plain, */*',
    'content-type': 'application/json',
    host: HOST,
    ...(authorization ? { authorization } : {}),
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)',
    'x-amzn-trace-id': traceHeader(seed),
    'x-forwarded-for': SOURCE_IP,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
}

/** A Cognito user pool identity, as AppSync resolves it from the ID token. */
function cognitoIdentity(username: string): AppSyncIdentityCognito {
  const sub = uuidFrom(`cognito-user:${username}`);
  const issuer = `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_${charsFrom('user-pool', 9)}`;
  const issuedAt = Math.floor(SAMPLE_EPOCH_MS / 1000) - 60;
  return {
    sub,
    issuer,
    username,
    claims: {
      sub,
      iss: issuer,
      'cognito:username': username,
      aud: charsFrom('user-pool-client', 26, 'abcdefghijklmnopqrstuvwxyz0123456789'),
      event_id: uuidFrom(`appsync:${username}:login`),
      token_use: 'id',
      auth_time: issuedAt,
      exp: issuedAt + 3600,
      iat: issuedAt,
      email: `${username}@example.com`,
      email_verified: true,
    },
    sourceIp: [SOURCE_IP],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
  };
}

const resolver = defineTemplate({
  service: 'appsync',
  event: 'resolver',
  description: 'A direct Lambda resolver invocation for one GraphQL field.',
  sourceType: 'AppSyncResolverEvent',
  typeArguments: ['Record<string, unknown>'],
  params: [
    {
      name: 'field-name',
      description: 'Field being resolved',
      default: 'getOrder',
      kind: 'string',
    },
    {
      name: 'parent-type',
      description: 'Type that owns the field (Query, Mutation or an object type)',
      default: 'Query',
      kind: 'string',
    },
    {
      name: 'arguments',
      description: 'Field arguments, as a JSON object',
      default: '{"id":"1234"}',
      kind: 'json',
    },
    {
      name: 'auth',
      description: 'Authorization mode of the request (API_KEY gives a null identity)',
      default: 'AMAZON_COGNITO_USER_POOLS',
      kind: 'string',
      choices: ['AMAZON_COGNITO_USER_POOLS', 'API_KEY'],
    },
  ],
  make(v): AppSyncResolverEvent<Record<string, unknown>> {
    const args = expectObject(v.arguments, 'arguments');
    const seed = `appsync:${v['parent-type']}.${v['field-name']}`;
    const cognito = v.auth === 'AMAZON_COGNITO_USER_POOLS';
    const headers = graphqlHeaders(seed, cognito ? `eyJraWQiOi${charsFrom(seed, 40)}` : '');
    if (!cognito) headers['x-api-key'] = `da2-${charsFrom(`${seed}:key`, 26).toLowerCase()}`;
    return {
      arguments: args,
      identity: cognito ? cognitoIdentity('jane.doe') : null,
      source: null,
      request: { headers, domainName: null },
      info: {
        selectionSetList: ['id', 'status', 'total'],
        selectionSetGraphQL: '{\n  id\n  status\n  total\n}',
        parentTypeName: v['parent-type'],
        fieldName: v['field-name'],
        variables: {},
      },
      prev: null,
      stash: {},
    };
  },
});

const authorizer = defineTemplate({
  service: 'appsync',
  event: 'authorizer',
  description: 'The input of an AppSync AWS_LAMBDA authorizer.',
  sourceType: 'AppSyncAuthorizerEvent',
  params: [
    {
      name: 'token',
      description: 'Authorization header sent by the client',
      default: 'custom-token-allow',
      kind: 'string',
    },
    {
      name: 'query',
      description: 'GraphQL document of the request',
      default: 'query GetOrder {\n  getOrder(id: "1234") {\n    id\n    status\n  }\n}',
      kind: 'string',
    },
  ],
  make(v): AppSyncAuthorizerEvent {
    const operation = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(v.query)?.[1];
    return {
      authorizationToken: v.token,
      requestContext: {
        apiId: API_ID,
        accountId: ACCOUNT_ID,
        requestId: uuidFrom(`appsync-auth:${v.token}:${v.query}`),
        queryString: v.query,
        ...(operation ? { operationName: operation } : {}),
        variables: {},
      },
      requestHeaders: graphqlHeaders(`appsync-auth:${v.query}`, v.token),
    };
  },
});

/** The AppSync templates, in `--help` order. */
export const appSyncTemplates: readonly EventTemplate[] = [resolver, authorizer];
