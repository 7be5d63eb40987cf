/**
 * HTTP pieces shared by the API Gateway, Function URL and ALB templates: query strings, route
 * placeholders and the headers a client plus the AWS front end add. Imports only this folder.
 */
import { utf8Bytes } from './encoding';
import { EventTemplateError } from './eventTemplate';
import { SAMPLE_EPOCH_MS, hexFrom } from './sample';

/** A query string split into raw (still percent-encoded) name/value pairs, in order. */
export function splitQuery(query: string): Array<[string, string]> {
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (text === '') return [];
  return text.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
  });
}

/** Percent-decodes a query component (`+` is a space); malformed escapes stay as written. */
export function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Values by name, decoded unless `decode` is false. Repeated names keep every value in order. */
export function queryValues(query: string, decode = true): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [rawName, rawValue] of splitQuery(query)) {
    const name = decode ? decodeQueryComponent(rawName) : rawName;
    const value = decode ? decodeQueryComponent(rawValue) : rawValue;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

/** Checks the `--path` parameter: it must be absolute, like the path of an HTTP request. */
export function checkPath(path: string): string {
  if (!path.startsWith('/')) {
    throw new EventTemplateError(`--path must start with / (got ${JSON.stringify(path)}).`);
  }
  return path;
}

/**
 * Matches a path against a route such as `/users/{id}` or `/{proxy+}` and returns the
 * placeholder values (decoded), or null when the route has none. Throws when it does not match,
 * because the service would not have routed the request to this function.
 */
export function matchRoute(route: string, path: string): Record<string, string> | null {
  const routeParts = route.split('/').filter((s) => s !== '');
  const pathParts = path.split('/').filter((s) => s !== '');
  const params: Record<string, string> = {};
  for (let i = 0; i < routeParts.length; i++) {
    const part = routeParts[i];
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy && i === routeParts.length - 1 && pathParts.length > i) {
      params[greedy[1]] = decodeQueryComponent(pathParts.slice(i).join('/'));
      return params;
    }
    const single = /^\{(.+)\}$/.exec(part);
    if (single && pathParts[i] !== undefined)
      params[single[1]] = decodeQueryComponent(pathParts[i]);
    else if (part !== pathParts[i]) {
      throw new EventTemplateError(`--path ${path} does not match the route ${route}.`);
    }
  }
  if (pathParts.length !== routeParts.length) {
    throw new EventTemplateError(`--path ${path} does not match the route ${route}.`);
  }
  return Object.keys(params).length > 0 ? params : null;
}

/** The content type a client would send with this body. */
export function contentTypeOf(body: string): string {
  const trimmed = body.trimStart();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? 'application/json' : 'text/plain';
}

/** An X-Ray trace header as AWS front ends add it: `Root=1-<epoch hex>-<24 hex>`. */
export function traceHeader(seed: string): string {
  const epoch = Math.floor(SAMPLE_EPOCH_MS / 1000).toString(16);
  return `Root=1-${epoch}-${hexFrom(seed, 24)}`;
}

/** The client address every HTTP template uses (TEST-NET-3, RFC 5737). */
export const SOURCE_IP = '203.0.113.10';

/** The user agent every HTTP template uses. */
export const USER_AGENT = 'curl/8.5.0';

/**
 * The headers a curl request arrives with behind an AWS front end, in the client's spelling.
 * `Content-Type` and `Content-Length` appear only when there is a body.
 */
export function clientHeaders(host: string, body: string, seed: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['Accept', '*/*'],
    ['Host', host],
    ['User-Agent', USER_AGENT],
    ['X-Amzn-Trace-Id', traceHeader(seed)],
    ['X-Forwarded-For', SOURCE_IP],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
  ];
  if (body !== '') {
    headers.push(['Content-Length', String(utf8Bytes(body).length)]);
    headers.push(['Content-Type', contentTypeOf(body)]);
  }
  return headers;
}
