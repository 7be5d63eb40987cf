/**
 * The shape of an event template and its parameters, and the one place where parameter strings
 * (as typed on the command line) become values. Pure: imports nothing outside this folder, no
 * Node built-ins and no npm packages, because the CLI, the extension and the language server
 * all bundle it.
 */

/** How a parameter's string is read. */
export type ParamKind = 'string' | 'number' | 'boolean' | 'json';

/** One parameter of a template. The CLI exposes it as `--<name> <value>`. */
export interface ParamSpec<N extends string = string> {
  /** Kebab-case name, also the CLI flag (`--queue-name`). */
  readonly name: N;
  /** One line for `--help` and for completion in the language server. */
  readonly description: string;
  /** The default, written the way a user would type it on the command line. */
  readonly default: string;
  /** How the string is parsed before the template sees it. */
  readonly kind: ParamKind;
  /** For `string` parameters with a closed set of values: the values allowed. */
  readonly choices?: readonly string[];
  /** For `number` parameters: the smallest value allowed. */
  readonly min?: number;
  /** For `number` parameters: the largest value allowed. */
  readonly max?: number;
  /** For `number` parameters: whether only whole numbers are allowed. */
  readonly integer?: boolean;
}

/** A `service event` pair, as in `generate-event sqs receive-message`. */
export interface EventName {
  /** The service name, mirroring `sam local generate-event` where SAM has the source. */
  readonly service: string;
  /** The event name within the service. */
  readonly event: string;
}

/**
 * A field where the real event disagrees with its type in @types/aws-lambda. The template follows
 * the real service (a handler must meet locally what it will meet in AWS), and the type-check test
 * expects a diagnostic naming exactly these properties and no other.
 */
export interface TypeGap {
  /** The property name as it appears in the event (`size`, `claimsOverrideDetails`). */
  readonly property: string;
  /** Why the real event differs from the declared type, with a source where one exists. */
  readonly reason: string;
  /** Set when only some parameters produce the gap: the condition (`--key is empty`). */
  readonly when?: string;
}

/** An event template: a function of a few parameters that returns one event as the source sends it. */
export interface EventTemplate extends EventName {
  /** One sentence describing the event, for `generate-event --help` and pickers. */
  readonly description: string;
  /** The name of the event's type in @types/aws-lambda (`SQSEvent`, `APIGatewayProxyEvent`). */
  readonly sourceType: string;
  /**
   * Type arguments for a generic `sourceType`, as TypeScript source using only built-in types
   * (`['string', 'Record<string, unknown>']` for `EventBridgeEvent`).
   */
  readonly typeArguments?: readonly string[];
  /** Where the real event knowingly departs from `sourceType`. */
  readonly typeGaps?: readonly TypeGap[];
  /**
   * Top-level keys of the default event that other parameter values drop (ALB's `headers`
   * become `multiValueHeaders`), or `'all'` for a free-form event (an IoT rule sends whatever
   * its query selects); `requiredKeys` leaves them out.
   */
  readonly optionalKeys?: readonly string[] | 'all';
  /** Other names that find this template (our name for a source SAM names oddly). */
  readonly aliases?: readonly EventName[];
  /** The parameters, in the order `--help` lists them. */
  readonly params: readonly ParamSpec[];
  /**
   * Builds the event. Missing parameters take their defaults; an unknown parameter or a value that
   * does not parse throws an `EventTemplateError`.
   */
  build(params?: Readonly<Record<string, string>>): object;
}

/** A user mistake: an unknown template or parameter, or a value that does not parse. */
export class EventTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventTemplateError';
  }
}

type KindValue = { string: string; number: number; boolean: boolean; json: unknown };

type ValueOf<S extends ParamSpec> = S extends { kind: 'string'; choices: readonly (infer C)[] }
  ? C
  : KindValue[S['kind']];

/** The parsed parameter values a template's `make` receives, keyed by parameter name. */
export type ParamValues<P extends readonly ParamSpec[]> = {
  readonly [S in P[number] as S['name']]: ValueOf<S>;
};

/** What a template file declares; `defineTemplate` turns it into an `EventTemplate`. */
export interface TemplateSpec<P extends readonly ParamSpec[]> extends Omit<
  EventTemplate,
  'params' | 'build'
> {
  /** The parameters, in the order `--help` lists them. */
  readonly params: P;
  /** Builds the event from parsed, validated values. */
  make(values: ParamValues<P>): object;
}

/**
 * Declares a template. `const P` keeps each parameter's name and kind literal, so `make` sees
 * `values.count` as a number and a typo in a parameter name is a compile error.
 */
export function defineTemplate<const P extends readonly ParamSpec[]>(
  spec: TemplateSpec<P>,
): EventTemplate {
  const { make, ...rest } = spec;
  return {
    ...rest,
    build(params = {}) {
      const values: Record<string, unknown> = {};
      for (const name of Object.keys(params)) {
        if (!spec.params.some((p) => p.name === name)) {
          const allowed = spec.params.map((p) => `--${p.name}`).join(', ');
          throw new EventTemplateError(
            `Unknown parameter --${name} for ${spec.service} ${spec.event}. ` +
              (allowed ? `Allowed: ${allowed}.` : 'It takes no parameters.'),
          );
        }
      }
      for (const p of spec.params) values[p.name] = parseParam(p, params[p.name] ?? p.default);
      return make(values as ParamValues<P>);
    },
  };
}

/** Parses one parameter string by its kind, or throws an `EventTemplateError` naming the fix. */
export function parseParam(spec: ParamSpec, raw: string): unknown {
  const flag = `--${spec.name}`;
  switch (spec.kind) {
    case 'string':
      if (spec.choices && !spec.choices.includes(raw)) {
        throw new EventTemplateError(
          `${flag} must be one of ${spec.choices.join(', ')} (got ${JSON.stringify(raw)}).`,
        );
      }
      return raw;
    case 'number': {
      const value = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(value)) {
        throw new EventTemplateError(`${flag} must be a number (got ${JSON.stringify(raw)}).`);
      }
      if (spec.integer && !Number.isInteger(value)) {
        throw new EventTemplateError(`${flag} must be a whole number (got ${raw}).`);
      }
      if (spec.min !== undefined && value < spec.min) {
        throw new EventTemplateError(`${flag} must be at least ${spec.min} (got ${raw}).`);
      }
      if (spec.max !== undefined && value > spec.max) {
        throw new EventTemplateError(`${flag} must be at most ${spec.max} (got ${raw}).`);
      }
      return value;
    }
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new EventTemplateError(`${flag} must be true or false (got ${JSON.stringify(raw)}).`);
    case 'json':
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new EventTemplateError(`${flag} must be JSON: ${reason}`);
      }
  }
}

/** Checks that a `json` parameter holds an object (not an array or a scalar). */
export function expectObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EventTemplateError(`--${name} must be a JSON object (got ${JSON.stringify(value)}).`);
  }
  return value as Record<string, unknown>;
}

/** Checks that a `json` parameter holds an array of strings. */
export function expectStringArray(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new EventTemplateError(
      `--${name} must be a JSON array of strings (got ${JSON.stringify(value)}).`,
    );
  }
  return value as string[];
}

/** Splits a comma-separated list parameter, dropping blanks. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
