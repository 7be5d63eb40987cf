/**
 * The Application Load Balancer template (`alb request`, as SAM names it). Pure data; imports
 * only this folder and types.
 */
import type { ALBEvent } from 'aws-lambda';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { checkPath, clientHeaders, queryValues } from './http';
import { REGION, arn, charsFrom, hexFrom } from './sample';

const request = defineTemplate({
  service: 'alb',
  event: 'request',
  description:
    'An HTTP request forwarded by an Application Load Balancer to a Lambda target group.',
  sourceType: 'ALBEvent',
  // With multi-value headers enabled, ALB sends only the multi-value maps.
  optionalKeys: ['headers', 'queryStringParameters'],
  params: [
    { name: 'method', description: 'HTTP method of the request', default: 'GET', kind: 'string' },
    {
      name: 'path',
      description: 'Request path, starting with /',
      default: '/hello',
      kind: 'string',
    },
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
    {
      name: 'multi-value',
      description: 'Whether the target group has multi-value headers enabled',
      default: 'false',
      kind: 'boolean',
    },
  ],
  make(v): ALBEvent {
    const method = v.method.toUpperCase();
    const path = checkPath(v.path);
    const host = `my-alb-${charsFrom('alb', 10, '0123456789')}.${REGION}.elb.amazonaws.com`;
    // ALB lowercases header names and, unlike API Gateway, passes query values still encoded.
    const headers = clientHeaders(host, v.body, `alb:${method} ${path}?${v.query}`).map(
      ([name, value]): [string, string] => [name.toLowerCase(), value],
    );
    const query = queryValues(v.query, false);
    const common = {
      requestContext: {
        elb: {
          targetGroupArn: arn(
            'elasticloadbalancing',
            `targetgroup/my-lambda-targets/${hexFrom('alb-tg', 16)}`,
          ),
        },
      },
      httpMethod: method,
      path,
    };
    const body = { body: v.body, isBase64Encoded: false };
    if (v['multi-value']) {
      return {
        ...common,
        multiValueQueryStringParameters: Object.fromEntries(query),
        multiValueHeaders: Object.fromEntries(headers.map(([name, value]) => [name, [value]])),
        ...body,
      };
    }
    return {
      ...common,
      queryStringParameters: Object.fromEntries(
        [...query].map(([name, all]) => [name, all[all.length - 1]]),
      ),
      headers: Object.fromEntries(headers),
      ...body,
    };
  },
});

/** The Application Load Balancer templates. */
export const albTemplates: readonly EventTemplate[] = [request];
