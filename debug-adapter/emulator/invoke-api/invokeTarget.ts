/**
 * The port the Invoke API server calls into: the emulator facade implements it, tests pass a fake.
 * Types only; imports nothing but protocol types.
 */
import type { FunctionConfig, InvocationResult, InvokeOptions } from '../../protocol/lambda';

/** What the Invoke API needs from the emulator. */
export interface InvokeTarget {
  /** The function's config, or undefined if there is no such function. */
  getFunction(name: string): FunctionConfig | undefined;
  /**
   * Runs one invocation. Rejects only with EmulatorError (throttle etc.); handler failures resolve
   * as data. For a throttle, `details.Reason` goes into the response body and
   * `details.retryAfterSeconds`, when set, into a `Retry-After` header (lambda-runtime-spec.md §8.3).
   * A streaming handler writes through `options.responseStream` (start, write..., end) before the
   * promise resolves; a buffered handler never touches it.
   */
  invoke(name: string, payload: Buffer, options: InvokeOptions): Promise<InvocationResult>;
}
