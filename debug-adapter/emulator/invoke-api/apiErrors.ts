/**
 * Lambda's error replies on the Invoke API (lambda-runtime-spec.md §8.3): status, the
 * `x-amzn-ErrorType` code and the exact JSON body (field names and key order follow AWS captures
 * where they exist). Only request refusals live here; handler failures are data, never errors.
 * May import ../errors and ../../protocol only.
 */
import { EmulatorError, HTTP_STATUS } from '../errors';

/** Codes the Invoke API answers with, beyond the ones the emulator itself raises. */
export type InvokeApiErrorCode =
  | EmulatorError['code']
  | 'InvalidRequestContentException'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'ServiceException';

/** A refusal, ready to be written: thrown inside the server and caught at the top of a request. */
export class InvokeApiError extends Error {
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Sent as `x-amzn-ErrorType`; the SDKs build the exception class from it. */
    readonly code: InvokeApiErrorCode,
    /** The JSON body, already serialised in AWS's key order. */
    readonly body: string,
    /** Seconds for a `Retry-After` header (throttles only). */
    readonly retryAfter?: string,
  ) {
    super(`${code}: ${body}`);
    this.name = 'InvokeApiError';
  }
}

/**
 * Most Lambda error shapes carry `Type` and a lower-case `message`, Type first, as in the captured
 * InvalidRequestContentException body (§8.3). Field names for 413 bodies are unconfirmed.
 */
function userError(status: number, code: InvokeApiErrorCode, message: string): InvokeApiError {
  return new InvokeApiError(status, code, JSON.stringify({ Type: 'User', message }));
}

/** 404 ResourceNotFoundException: `Message` (capital M) before `Type`, as AWS sends it. */
export function resourceNotFound(message: string): InvokeApiError {
  return new InvokeApiError(
    404,
    'ResourceNotFoundException',
    JSON.stringify({ Message: message, Type: 'User' }),
  );
}

/** The function (or the version or alias) does not exist (§8.3). */
export function functionNotFound(qualifiedArn: string): InvokeApiError {
  return resourceNotFound(`Function not found: ${qualifiedArn}`);
}

/**
 * 429 TooManyRequestsException: `{"Reason":...,"Type":"User","message":"Rate Exceeded."}` plus an
 * optional Retry-After header (LS-SNAP `test_lambda_concurrency_block`, §8.3).
 */
export function tooManyRequests(
  message: string,
  reason: string | undefined,
  retryAfter: string | undefined,
): InvokeApiError {
  const body =
    reason === undefined
      ? JSON.stringify({ Type: 'User', message })
      : JSON.stringify({ Reason: reason, Type: 'User', message });
  return new InvokeApiError(429, 'TooManyRequestsException', body, retryAfter);
}

/** 400 InvalidParameterValueException (bad invocation/log type, conflicting qualifiers). */
export function invalidParameter(message: string): InvokeApiError {
  return userError(400, 'InvalidParameterValueException', message);
}

/** 400 InvalidRequestContentException (a payload or client context that is not JSON). */
export function invalidRequestContent(message: string): InvokeApiError {
  return userError(400, 'InvalidRequestContentException', message);
}

/**
 * 400 ValidationException, the service framework's answer to a parameter that breaks the API
 * model's pattern or length (`1 validation error detected: Value '...' at 'functionName' failed to
 * satisfy constraint: ...`, as quoted from AWS in public bug reports). Not a modelled Lambda error:
 * the JavaScript SDK raises a LambdaServiceException named ValidationException.
 */
export function validationError(value: string, member: string, constraint: string): InvokeApiError {
  return userError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** Real Lambda's code for oversized requests is RequestEntityTooLargeException (§8.3). */
export function requestTooLarge(message: string): InvokeApiError {
  return userError(413, 'RequestEntityTooLargeException', message);
}

/**
 * No such route. Lambda's exact answer for unknown paths is not documented; we answer 404 with
 * `UnknownOperationException`, the code AWS's JSON services use for operations they do not know.
 */
export function unknownOperation(method: string, path: string): InvokeApiError {
  return userError(404, 'UnknownOperationException', `Unknown operation: ${method} ${path}`);
}

/** 500 ServiceException for our own bugs: `Type` `Service` and capital `Message` (§8.3). */
export function serviceError(error: unknown): InvokeApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new InvokeApiError(
    500,
    'ServiceException',
    JSON.stringify({ Type: 'Service', Message: `Lambda Workbench internal error: ${detail}` }),
  );
}

/**
 * Maps a refusal from the emulator. Details it understands: `Reason` (throttles, into the body) and
 * `retryAfterSeconds` (throttles, the Retry-After header).
 */
export function fromEmulatorError(error: EmulatorError): InvokeApiError {
  switch (error.code) {
    case 'ResourceNotFoundException':
      return resourceNotFound(error.message);
    case 'TooManyRequestsException':
      return tooManyRequests(error.message, error.details.Reason, error.details.retryAfterSeconds);
    default:
      return userError(HTTP_STATUS[error.code] ?? 400, error.code, error.message);
  }
}
