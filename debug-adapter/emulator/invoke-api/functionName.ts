/**
 * Parsing of the Invoke API's `FunctionName` path label and `Qualifier` query parameter
 * (lambda-runtime-spec.md §8.1): bare name, `name:qualifier`, full ARN and partial ARN. Pure apart
 * from the error type; may import ./apiErrors only.
 */
import { validationError } from './apiErrors';

/** What a FunctionName designates. */
export interface FunctionRef {
  /** The bare function name. */
  name: string;
  /** Qualifier written into the name (`name:q` or an ARN's last part), if any. */
  qualifier: string | undefined;
  /** Region from an ARN, if one was given. */
  region: string | undefined;
  /** Account id from a full or partial ARN, if one was given. */
  accountId: string | undefined;
}

/** The API model's pattern for FunctionName (§8.1), quoted verbatim in validation messages. */
export const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?';

/** The API model's pattern for Qualifier (§8.1). */
export const QUALIFIER_PATTERN = '\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+';

// The same patterns, anchored, with the parts we need captured by name.
const FUNCTION_NAME_RE =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:(?<region>[a-z]{2}(?:(?:-gov)|(?:-iso(?:[a-z]?)))?-[a-z]+-\d{1}):)?(?:(?<account>\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9-_.]+)(?::(?<qualifier>\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;
const QUALIFIER_RE = /^(?:\$(?:LATEST(?:\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)$/;
/** The common case, a bare name, skips the big expression. */
const BARE_NAME_RE = /^[a-zA-Z0-9-_]{1,64}$/;

/** Function names alone are limited to 64 characters; the ARN forms to 256 (§8.1). */
const MAX_NAME = 64;
const MAX_FUNCTION_NAME = 256;

/**
 * Parses a (URL-decoded) FunctionName. Throws a ValidationException, worded like AWS's, when it
 * breaks the model's pattern or length limits.
 */
export function parseFunctionName(value: string): FunctionRef {
  if (BARE_NAME_RE.test(value)) {
    return { name: value, qualifier: undefined, region: undefined, accountId: undefined };
  }
  if (value.length === 0) {
    throw validationError(
      value,
      'functionName',
      'Member must have length greater than or equal to 1',
    );
  }
  if (value.length > MAX_FUNCTION_NAME) {
    throw validationError(
      value,
      'functionName',
      `Member must have length less than or equal to ${MAX_FUNCTION_NAME}`,
    );
  }
  const match = FUNCTION_NAME_RE.exec(value);
  const groups = match?.groups;
  if (!groups) {
    throw validationError(
      value,
      'functionName',
      `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`,
    );
  }
  if (groups.name.length > MAX_NAME) {
    throw validationError(
      value,
      'functionName',
      `Member must have length less than or equal to ${MAX_NAME}`,
    );
  }
  return {
    name: groups.name,
    qualifier: groups.qualifier,
    region: groups.region,
    accountId: groups.account,
  };
}

/** Checks a `Qualifier` query value against the model (1-128 characters, §8.1). */
export function checkQualifier(value: string): void {
  if (value.length > 128) {
    throw validationError(value, 'qualifier', 'Member must have length less than or equal to 128');
  }
  if (!QUALIFIER_RE.test(value)) {
    throw validationError(
      value,
      'qualifier',
      `Member must satisfy regular expression pattern: ${QUALIFIER_PATTERN}`,
    );
  }
}
