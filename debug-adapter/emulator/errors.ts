/**
 * Errors for calls the emulator refuses before any function runs (unknown function, throttling, bad
 * parameters). Handler failures are never thrown: they are data in an InvocationResult.
 */
import type { EmulatorErrorCode } from '../protocol/lambda';

export class EmulatorError extends Error {
  constructor(
    /** The Lambda API error code, which the Invoke API sends as `x-amzn-ErrorType`. */
    readonly code: EmulatorErrorCode,
    message: string,
    /** Extra fields Lambda puts in the error body (for example `Reason` on throttles). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** The HTTP status Lambda answers each refusal with (lambda-runtime-spec.md §8.3). */
export const HTTP_STATUS: Record<EmulatorErrorCode, number> = {
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InvalidParameterValueException: 400,
  RequestEntityTooLargeException: 413,
};
