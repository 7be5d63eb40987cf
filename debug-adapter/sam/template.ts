/**
 * The SAM/CloudFormation template reader: turns `AWS::Serverless::Function` and
 * `AWS::Lambda::Function` resources into the emulator's FunctionInput, with Globals, Parameters,
 * Conditions, Mappings, intrinsics, local layers and `--env-vars` overrides applied, and every
 * problem reported as a diagnostic with file, line and property (GitHub issue "Headless", items 1
 * and 2). Never throws on bad input. May import `yaml`, `node:fs`, `node:path` and ../protocol;
 * never vscode.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join as joinPath, resolve as resolvePath } from 'node:path';
import { LIMITS, LOG_LEVELS, RESERVED_ENV, RUNTIMES } from '../protocol/lambda';
import type { ApplicationLogLevel, FunctionInput, Runtime } from '../protocol/lambda';
import { DiagnosticSink, FILE_START, show } from './diagnostics';
import type { Located, SourceRange, TemplateDiagnostic } from './diagnostics';
import { GLOBAL_SECTION, overridesFor, readEnvVars } from './envVars';
import type { EnvOverrides, EnvVarsFile, EnvVarsSource } from './envVars';
import { FUNCTION_TYPES, findFunctionRanges, mergeGlobals } from './functionRanges';
import type { FunctionLocation, FunctionResourceType } from './functionRanges';
import { IntrinsicResolver, NO_VALUE } from './intrinsicResolver';
import type { Resolved, ResourceInfo, Value } from './intrinsicResolver';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, pseudoParameters, readParameters } from './parameters';
import { child, entry, intrinsicName, parseTemplateText, TOO_DEEP } from './templateTree';
import type { MapNode, ParsedTemplate, TemplateNode } from './templateTree';

/** The little of a file system the reader needs to check code and layer folders. */
export interface TemplateFileSystem {
  /** What is at an absolute path, or undefined when nothing is. */
  stat(path: string): 'file' | 'directory' | undefined;
}

/** Options of parseTemplate and resolveTemplate. */
export interface TemplateOptions {
  /** `--parameter-overrides`: parameter (or pseudo parameter) name → value. */
  parameterOverrides?: Record<string, string>;
  /** `--env-vars`: the file's content as an object, or its name and text. */
  envVars?: EnvVarsFile | EnvVarsSource;
  /** `AWS::Region` and the functions' region; default us-east-1, as SAM CLI assumes. */
  region?: string;
  /** `AWS::AccountId`; default 123456789012. */
  accountId?: string;
  /**
   * Checks that code and layer folders exist. Without it (the pure variant) only the paths are
   * computed.
   */
  fs?: TemplateFileSystem;
}

/** Options of loadTemplate: as TemplateOptions, but `envVars` may be a path and fs is Node's. */
export interface LoadTemplateOptions extends Omit<TemplateOptions, 'envVars' | 'fs'> {
  /** `--env-vars`: the path of the JSON file, or its content as an object. */
  envVars?: EnvVarsFile | string;
}

/** A runnable function of the template. */
export interface TemplateFunction {
  /** The resource's logical id. */
  logicalId: string;
  /** The resource type it came from. */
  type: FunctionResourceType;
  /** The emulator's input; `name` is the FunctionName property if it resolves, else the logical id. */
  input: FunctionInput;
  /** `arn:<partition>:lambda:<region>:<account>:function:<name>`, as `!GetAtt Fn.Arn` gives it. */
  arn: string;
  /** The logical id as written under Resources. */
  range: SourceRange;
  /** Where the handler string is written (on the resource or in Globals). */
  handlerRange?: SourceRange;
  /** Where each main property is written, for precise diagnostics. */
  properties: FunctionLocation['properties'];
}

/** What reading a template gives. */
export interface TemplateResult {
  /**
   * The functions whose own definition is valid. A function with an error is left out, and its
   * error is in `errors`; callers should not run anything while `errors` is non-empty.
   */
  functions: TemplateFunction[];
  /** Things that work locally but differ from AWS (placeholders, ignored layers…). */
  warnings: TemplateDiagnostic[];
  /** Things that make the template, the env-vars file or a function unusable. */
  errors: TemplateDiagnostic[];
}

/** Reads a template file (and an env-vars file) from disk. Never throws. */
export function loadTemplate(file: string, options: LoadTemplateOptions = {}): TemplateResult {
  const { envVars, ...rest } = options;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return failure(file, `Cannot read the template: ${messageOf(error)}.`);
  }
  let envSource: EnvVarsFile | EnvVarsSource | undefined;
  let envError: TemplateResult | undefined;
  if (typeof envVars === 'string') {
    try {
      envSource = { file: envVars, text: readFileSync(envVars, 'utf8') };
    } catch (error) {
      envError = failure(envVars, `Cannot read the env-vars file: ${messageOf(error)}.`);
    }
  } else envSource = envVars;
  const result = parseTemplate(text, file, { ...rest, envVars: envSource, fs: nodeFileSystem });
  if (envError) result.errors.push(...envError.errors);
  return result;
}

/** Reads template text; pure unless `options.fs` is given. Never throws. */
export function parseTemplate(
  text: string,
  file: string,
  options: TemplateOptions = {},
): TemplateResult {
  return resolveTemplate(parseTemplateText(text.replace(/^\uFEFF/, ''), file), options);
}

/** Resolves a template parsed with parseTemplateText (the language server keeps the parse). */
export function resolveTemplate(
  parsed: ParsedTemplate,
  options: TemplateOptions = {},
): TemplateResult {
  const sink = new DiagnosticSink(parsed.file);
  sink.errors.push(...parsed.errors);
  sink.warnings.push(...parsed.warnings);
  const result = (functions: TemplateFunction[]): TemplateResult => ({
    functions,
    warnings: sink.warnings,
    errors: sink.errors,
  });
  const root = parsed.root;
  if (!root) return result([]);
  const resources = entry(root, 'Resources');
  if (resources?.value.kind !== 'map') {
    const at: Located = resources ? resources.value : { range: FILE_START, path: '' };
    sink.error(
      at,
      resources
        ? 'Resources must be a map of logical ids to resources.'
        : 'This is not a CloudFormation or SAM template: it has no Resources section.',
    );
    return result([]);
  }
  try {
    const reader = new TemplateReader(parsed.file, root, resources.value, options, sink);
    return result(reader.read());
  } catch (error) {
    // Only absurd nesting (thousands of levels of intrinsics) overflows the stack; anything else
    // is a bug of ours and should surface.
    if (!(error instanceof RangeError)) throw error;
    sink.error({ range: FILE_START, path: '' }, TOO_DEEP);
    return result([]);
  }
}

/** Node's file system behind the TemplateFileSystem port; loadTemplate uses it. */
export const nodeFileSystem: TemplateFileSystem = {
  stat(path) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return undefined;
    return stats.isDirectory() ? 'directory' : 'file';
  },
};

const SERVERLESS_TRANSFORM = 'AWS::Serverless-2016-10-31';
const LAYER_TYPES = ['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion'];
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ENV_NAME = /^[a-zA-Z][a-zA-Z0-9_]+$/;
const LAYER_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:layer:[^:]+:\d+$/;
const MAX_LAYERS = 5;

/** A memoised answer that remembers whether computing it reported errors. */
interface Memo<T> {
  value: T;
  failed: boolean;
}

/** A property of a function, resolved. */
interface Prop {
  node: TemplateNode;
  value: Value;
  unresolved: boolean;
}

class TemplateReader {
  private readonly dir: string;
  private readonly region: string;
  private readonly accountId: string;
  private readonly partition: string;
  private readonly resolver: IntrinsicResolver;
  private readonly resources = new Map<string, ResourceInfo & { keyRange: SourceRange }>();
  private readonly names = new Map<string, Memo<string>>();
  private readonly namesInProgress = new Set<string>();
  private readonly layers = new Map<string, Memo<string | undefined>>();
  private readonly layerArns = new Map<string, string>();
  private readonly globals: TemplateNode | undefined;
  private readonly envOverrides: EnvOverrides | undefined;
  private readonly usedEnvSections = new Set<string>();
  private readonly layerArnsInProgress = new Set<string>();
  private readonly fs: TemplateFileSystem | undefined;

  constructor(
    private readonly file: string,
    private readonly root: TemplateNode,
    resourcesNode: MapNode,
    options: TemplateOptions,
    private readonly sink: DiagnosticSink,
  ) {
    this.dir = dirname(resolvePath(file));
    const overrides = options.parameterOverrides ?? {};
    const pseudo = pseudoParameters(
      options.region ?? DEFAULT_REGION,
      options.accountId ?? DEFAULT_ACCOUNT_ID,
      overrides,
    );
    this.region = String(pseudo['AWS::Region']);
    this.accountId = String(pseudo['AWS::AccountId']);
    this.partition = String(pseudo['AWS::Partition']);
    this.fs = options.fs;
    for (const { key, keyRange, value } of resourcesNode.entries) {
      const type = child(value, 'Type');
      if (type?.kind === 'scalar' && typeof type.value === 'string') {
        this.resources.set(key, { type: type.value, node: value, keyRange });
      } else {
        sink.error(type ?? { range: keyRange, path: value.path }, `Resource ${key} needs a Type.`);
      }
    }
    this.resolver = new IntrinsicResolver({
      sink,
      pseudo,
      parameters: readParameters(root, overrides, sink),
      resources: this.resources,
      mappings: child(root, 'Mappings'),
      conditions: child(root, 'Conditions'),
      hooks: {
        ref: (id) => this.refOf(id),
        getAtt: (id, attribute) => this.getAttOf(id, attribute),
        emulates: (id) => {
          const type = this.resources.get(id)?.type ?? '';
          return (FUNCTION_TYPES as readonly string[]).includes(type) || LAYER_TYPES.includes(type);
        },
      },
    });
    const globals = entry(child(root, 'Globals'), 'Function');
    if (globals && globals.value.kind !== 'map') {
      sink.error(globals.value, 'Globals.Function must be a map of function properties.');
    }
    this.globals = globals?.value;
    this.envOverrides = options.envVars ? readEnvVars(options.envVars, sink) : undefined;
  }

  read(): TemplateFunction[] {
    this.checkTransform();
    const locations = new Map(
      findFunctionRanges({ ...emptyParse(this.file), root: this.root }).map((l) => [
        l.logicalId,
        l,
      ]),
    );
    const functions: TemplateFunction[] = [];
    const byName = new Map<string, string>();
    let declared = 0;
    for (const [id, resource] of this.resources) {
      if (!(FUNCTION_TYPES as readonly string[]).includes(resource.type)) continue;
      declared++;
      const before = this.sink.errorCount;
      const fn = this.readFunction(id, resource, locations.get(id));
      if (!fn || this.sink.errorCount !== before) continue;
      const other = byName.get(fn.input.name);
      if (other) {
        const nameNode = child(child(resource.node, 'Properties'), 'FunctionName');
        this.sink.error(
          nameNode ?? { range: resource.keyRange, path: `Resources.${id}` },
          `Function name "${fn.input.name}" is already used by ${other}.`,
        );
        continue;
      }
      byName.set(fn.input.name, id);
      functions.push(fn);
    }
    if (this.envOverrides) {
      for (const [key, section] of this.envOverrides.sections) {
        if (this.usedEnvSections.has(key) || key === GLOBAL_SECTION) continue;
        this.sink.warning(
          section.at,
          `The env-vars entry ${key} matches no function of the template ` +
            '(use a logical id, a FunctionName or Parameters).',
          this.envOverrides.file,
        );
      }
    }
    if (declared === 0 && this.sink.errors.length === 0) {
      this.sink.warning(
        { range: entry(this.root, 'Resources')?.keyRange ?? FILE_START, path: 'Resources' },
        'The template declares no AWS::Serverless::Function or AWS::Lambda::Function.',
      );
    }
    return functions;
  }

  private checkTransform(): void {
    const usesSam = [...this.resources.values()].some((r) =>
      r.type.startsWith('AWS::Serverless::'),
    );
    if (!usesSam) return;
    const transform = this.resolver.resolve(child(this.root, 'Transform') ?? scalar(null));
    const list = Array.isArray(transform) ? transform : [transform];
    if (list.includes(SERVERLESS_TRANSFORM)) return;
    this.sink.warning(
      entry(this.root, 'Transform')?.value ?? { range: FILE_START, path: 'Transform' },
      `The template uses AWS::Serverless resources but not "Transform: ${SERVERLESS_TRANSFORM}"; ` +
        'CloudFormation will reject it.',
    );
  }

  private readFunction(
    id: string,
    resource: ResourceInfo & { keyRange: SourceRange },
    location: FunctionLocation | undefined,
  ): TemplateFunction | undefined {
    const type = resource.type as FunctionResourceType;
    const serverless = type === 'AWS::Serverless::Function';
    const resourcePath = `Resources.${id}`;
    const condition = child(resource.node, 'Condition');
    if (condition?.kind === 'scalar' && typeof condition.value === 'string') {
      const active = this.resolver.condition(condition.value, condition);
      // CloudFormation does not create a resource whose condition is false.
      if (active === false) return undefined;
      if (active === undefined) {
        this.sink.warning(
          condition,
          `Condition ${condition.value} cannot be evaluated locally; ${id} is included.`,
        );
      }
    }
    const propsEntry = entry(resource.node, 'Properties');
    if (propsEntry && propsEntry.value.kind !== 'map') {
      this.sink.error(propsEntry.value, `Properties of ${id} must be a map.`);
      return undefined;
    }
    const ownProps: MapNode =
      propsEntry?.value.kind === 'map'
        ? propsEntry.value
        : {
            kind: 'map',
            entries: [],
            range: resource.keyRange,
            path: `${resourcePath}.Properties`,
          };
    const props = serverless ? mergeGlobals(this.globals, ownProps) : ownProps;
    const propsAt = (name: string): Located => ({
      range: propsEntry?.keyRange ?? resource.keyRange,
      path: `${resourcePath}.Properties.${name}`,
    });
    const get = (name: string): Prop | undefined => {
      const node = child(props, name);
      if (!node) return undefined;
      const { value, unresolved } = this.resolver.resolveTracked(node);
      return value === NO_VALUE ? undefined : { node, value, unresolved };
    };

    const name = this.functionName(id);
    const packageType = get('PackageType');
    if (packageType?.value === 'Image') {
      this.sink.error(
        packageType.node,
        'PackageType Image is not supported: Lambda Workbench runs functions from a local code folder (PackageType Zip).',
      );
      return undefined;
    }
    const codeUri = serverless ? this.serverlessCode(get) : this.lambdaCode(get, propsAt);
    const handler = this.handler(get('Handler'), propsAt('Handler'));
    const runtime = this.runtime(get('Runtime'), propsAt('Runtime'));
    // The other properties are still checked, so that one run reports every problem; the caller
    // drops the function because errors were reported.
    const input: FunctionInput = {
      name,
      handler: handler ?? '',
      codeUri: codeUri ?? '',
      runtime,
      region: this.region,
    };
    const timeout = this.integer(get('Timeout'), 'Timeout', LIMITS.timeout, ' (seconds)');
    if (timeout !== undefined) input.timeout = timeout;
    const memory = this.integer(get('MemorySize'), 'MemorySize', LIMITS.memorySize, ' (MB)');
    if (memory !== undefined) input.memorySize = memory;
    const storage = this.ephemeralStorage(child(props, 'EphemeralStorage'));
    if (storage !== undefined) input.ephemeralStorage = storage;
    const reserved = this.integer(
      get('ReservedConcurrentExecutions'),
      'ReservedConcurrentExecutions',
      LIMITS.reservedConcurrency,
      '',
    );
    if (reserved !== undefined) input.reservedConcurrency = reserved;
    this.loggingConfig(child(props, 'LoggingConfig'), input);
    const environment = this.environment(child(props, 'Environment'), id, name);
    if (environment) input.environment = environment;
    const layers = this.functionLayers(child(props, 'Layers'));
    if (layers.length > 0) input.layers = layers;

    const handlerLocation = location?.properties.Handler;
    return {
      logicalId: id,
      type,
      input,
      arn: this.functionArn(name),
      range: resource.keyRange,
      ...(handlerLocation ? { handlerRange: rangeOnly(handlerLocation) } : {}),
      properties: location?.properties ?? {},
    };
  }

  /** The function's name: FunctionName when it resolves, else the logical id (as SAM CLI does). */
  private functionName(id: string): string {
    const memo = this.names.get(id);
    if (memo) {
      if (memo.failed) this.sink.errorCount++;
      return memo.value;
    }
    // A FunctionName that refers to its own function's Arn would loop; the logical id breaks it.
    if (this.namesInProgress.has(id)) return id;
    const node = child(child(this.resources.get(id)?.node, 'Properties'), 'FunctionName');
    const before = this.sink.errorCount;
    let name = id;
    if (node) {
      this.namesInProgress.add(id);
      const { value, unresolved } = this.resolver.resolveTracked(node);
      this.namesInProgress.delete(id);
      if (unresolved) {
        this.sink.warning(
          node,
          `FunctionName cannot be resolved locally; the function is named ${id}, after its logical id.`,
        );
      } else if (value === NO_VALUE) {
        // `FunctionName: !Ref AWS::NoValue` lets CloudFormation generate a name.
      } else if (typeof value === 'string' && FUNCTION_NAME.test(value)) {
        name = value;
      } else {
        this.sink.error(
          node,
          `FunctionName ${show(value)} is invalid: use 1 to 64 letters, digits, hyphens and underscores.`,
        );
      }
    }
    this.names.set(id, { value: name, failed: this.sink.errorCount !== before });
    return name;
  }

  private functionArn(name: string): string {
    return `arn:${this.partition}:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  private refOf(id: string): Value | undefined {
    const type = this.resources.get(id)?.type;
    if (type && (FUNCTION_TYPES as readonly string[]).includes(type)) return this.functionName(id);
    if (type && LAYER_TYPES.includes(type)) return this.layerArn(id);
    return undefined;
  }

  private getAttOf(id: string, attribute: string): Value | undefined {
    const type = this.resources.get(id)?.type;
    if (type && (FUNCTION_TYPES as readonly string[]).includes(type) && attribute === 'Arn') {
      return this.functionArn(this.functionName(id));
    }
    if (type === 'AWS::Lambda::LayerVersion' && attribute === 'LayerVersionArn') {
      return this.layerArn(id);
    }
    return undefined;
  }

  private serverlessCode(get: (name: string) => Prop | undefined): string | undefined {
    const inline = get('InlineCode');
    if (inline) {
      this.sink.error(
        inline.node,
        'InlineCode is not supported locally: put the code in a file and point CodeUri at its folder.',
      );
      return undefined;
    }
    const code = get('CodeUri');
    // SAM CLI runs a function without CodeUri from the template's folder.
    if (!code) return this.dir;
    return this.localFolder(code, 'CodeUri', "the function's");
  }

  private lambdaCode(
    get: (name: string) => Prop | undefined,
    propsAt: (name: string) => Located,
  ): string | undefined {
    const code = get('Code');
    if (!code) {
      this.sink.error(
        propsAt('Code'),
        "Code is required: the function's local folder (as `aws cloudformation package` takes it).",
      );
      return undefined;
    }
    if (isRecord(code.value) && !code.unresolved) {
      if ('ZipFile' in code.value) {
        const zipFile = child(code.node, 'ZipFile') ?? code.node;
        this.sink.error(
          zipFile,
          'Code.ZipFile (inline code) is not supported locally: put the code in a file and set Code to its folder.',
        );
        return undefined;
      }
      if ('ImageUri' in code.value) {
        this.sink.error(
          child(code.node, 'ImageUri') ?? code.node,
          'Code.ImageUri is a container image, which is not supported: Lambda Workbench runs functions from a local code folder.',
        );
        return undefined;
      }
    }
    return this.localFolder(code, 'Code', "the function's");
  }

  /** A code location that must be a local folder: CodeUri, Code, ContentUri or Content. */
  private localFolder(prop: Prop, name: string, whose: string): string | undefined {
    const { node, value, unresolved } = prop;
    const s3 = `is an S3 location: Lambda Workbench runs local code only, so point ${name} at ${whose} folder`;
    if (unresolved) {
      this.sink.error(node, `${name} cannot be resolved locally, so there is no code to run.`);
    } else if (isRecord(value)) {
      const keys = Object.keys(value).join(', ');
      this.sink.error(node, `${name} (${keys}) ${s3}.`);
    } else if (typeof value !== 'string' || value === '') {
      this.sink.error(node, `${name} must be a folder path, got ${show(value)}.`);
    } else if (/^s3:\/\//i.test(value)) {
      this.sink.error(node, `${name} ${show(value)} ${s3}.`);
    } else {
      const folder = resolvePath(this.dir, value);
      const kind = this.fs
        ? this.fs.stat(folder)
        : /\.(zip|jar)$/i.test(value)
          ? 'file'
          : 'directory';
      if (kind === 'directory') return folder;
      this.sink.error(
        node,
        kind === 'file'
          ? `${name} ${folder} is a file: Lambda Workbench needs ${whose} folder (unzip archives first).`
          : `${name} folder ${folder} does not exist.`,
      );
    }
    return undefined;
  }

  private handler(prop: Prop | undefined, missing: Located): string | undefined {
    if (!prop) {
      this.sink.error(
        missing,
        'Handler is required: file.export relative to CodeUri, for example app.handler.',
      );
    } else if (prop.unresolved) {
      this.sink.error(prop.node, 'Handler cannot be resolved locally.');
    } else if (typeof prop.value !== 'string' || prop.value.trim() === '') {
      this.sink.error(prop.node, `Handler must be a non-empty string, got ${show(prop.value)}.`);
    } else return prop.value;
    return undefined;
  }

  private runtime(prop: Prop | undefined, missing: Located): Runtime | undefined {
    const supported = `${RUNTIMES.slice(0, -1).join(', ')} or ${RUNTIMES[RUNTIMES.length - 1]}`;
    if (!prop) {
      this.sink.error(missing, `Runtime is required: ${supported}.`);
    } else if (prop.unresolved) {
      this.sink.error(prop.node, 'Runtime cannot be resolved locally.');
    } else if (!(RUNTIMES as readonly unknown[]).includes(prop.value)) {
      this.sink.error(
        prop.node,
        `Runtime ${show(prop.value)} is not supported: Lambda Workbench runs ${supported}.`,
      );
    } else return prop.value as Runtime;
    return undefined;
  }

  /** An integer property within Lambda's limits (lambda-runtime-spec.md §9.3). */
  private integer(
    prop: Prop | undefined,
    name: string,
    limit: { min: number; max: number; default?: number },
    unit: string,
  ): number | undefined {
    if (!prop) return undefined;
    if (prop.unresolved) {
      const fallback =
        limit.default !== undefined
          ? `Lambda's default (${limit.default}) applies`
          : 'it is ignored';
      this.sink.warning(prop.node, `${name} cannot be resolved locally; ${fallback}.`);
      return undefined;
    }
    // CloudFormation accepts numbers written as strings ("30"), as a Ref to a parameter gives them.
    const n =
      typeof prop.value === 'string' && /^\s*-?\d+\s*$/.test(prop.value)
        ? Number(prop.value)
        : prop.value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= limit.min && n <= limit.max) return n;
    this.sink.error(
      prop.node,
      `${name} must be an integer from ${limit.min} to ${limit.max}${unit}, got ${show(prop.value)}.`,
    );
    return undefined;
  }

  private ephemeralStorage(node: TemplateNode | undefined): number | undefined {
    const fields = this.mapProperty(node, 'EphemeralStorage', ['Size']);
    if (!fields || !node) return undefined;
    const size = fields.get('Size');
    if (!size) {
      this.sink.error(node, 'EphemeralStorage needs a Size (MB).');
      return undefined;
    }
    return this.integer(size, 'EphemeralStorage.Size', LIMITS.ephemeralStorage, ' (MB)');
  }

  private loggingConfig(node: TemplateNode | undefined, input: FunctionInput): void {
    const fields = this.mapProperty(node, 'LoggingConfig', ['LogFormat', 'ApplicationLogLevel']);
    const format = fields?.get('LogFormat');
    const level = fields?.get('ApplicationLogLevel');
    if (format && !format.unresolved) {
      if (format.value === 'Text' || format.value === 'JSON') input.logFormat = format.value;
      else {
        this.sink.error(
          format.node,
          `LoggingConfig.LogFormat must be Text or JSON, got ${show(format.value)}.`,
        );
      }
    }
    if (level && !level.unresolved) {
      if ((LOG_LEVELS as readonly unknown[]).includes(level.value)) {
        input.applicationLogLevel = level.value as ApplicationLogLevel;
        // lambda-runtime-spec.md §5.4: Lambda only sets AWS_LAMBDA_LOG_LEVEL with JSON logging.
        if (input.logFormat !== 'JSON') {
          this.sink.warning(
            level.node,
            'LoggingConfig.ApplicationLogLevel has no effect unless LogFormat is JSON.',
          );
        }
      } else {
        this.sink.error(
          level.node,
          `LoggingConfig.ApplicationLogLevel must be one of ${LOG_LEVELS.join(', ')}, got ${show(level.value)}.`,
        );
      }
    }
  }

  /**
   * The wanted keys of a map-valued property, each resolved from its own node when the map is
   * written out (so diagnostics point at the key's value), or taken from the map an intrinsic gave.
   * Keys the reader ignores are not resolved, so they cannot warn.
   */
  private mapProperty(
    node: TemplateNode | undefined,
    name: string,
    keys: string[],
  ): Map<string, Prop> | undefined {
    if (!node) return undefined;
    const out = new Map<string, Prop>();
    if (node.kind === 'map' && !intrinsicName(node)) {
      for (const key of keys) {
        const keyNode = child(node, key);
        if (!keyNode) continue;
        const { value, unresolved } = this.resolver.resolveTracked(keyNode);
        if (value !== NO_VALUE) out.set(key, { node: keyNode, value, unresolved });
      }
      return out;
    }
    const { value, unresolved } = this.resolver.resolveTracked(node);
    if (value === NO_VALUE || unresolved) return undefined;
    if (!isRecord(value)) {
      this.sink.error(node, `${name} must be a map, got ${show(value)}.`);
      return undefined;
    }
    for (const key of keys) {
      if (key in value) out.set(key, { node, value: value[key], unresolved: false });
    }
    return out;
  }

  /** The template's variables converted to strings, then the env-vars overrides on top. */
  private environment(
    node: TemplateNode | undefined,
    id: string,
    name: string,
  ): Record<string, string> | undefined {
    const overrides = overridesFor(this.envOverrides, id, name, this.usedEnvSections);
    const env: Record<string, string> = {};
    let declared = false;
    const variables = this.variables(node);
    if (variables) {
      declared = true;
      let bytes = 0;
      for (const v of variables.list) {
        if (!ENV_NAME.test(v.name)) {
          this.sink.error(
            v.keyAt,
            `Environment variable name ${show(v.name)} is invalid: it must start with a letter and have at least 2 letters, digits or underscores.`,
          );
        } else if (RESERVED_ENV.has(v.name)) {
          this.sink.error(
            v.keyAt,
            `Environment variable ${v.name} is reserved by Lambda and cannot be set.`,
          );
        }
        // An overridden variable is not resolved, so it cannot warn about a value it will not use;
        // it keeps its place in the template's order.
        const override = overrides.get(v.name);
        if (override !== undefined) {
          env[v.name] = override;
          continue;
        }
        const value = v.node ? this.resolver.resolve(v.node) : (v.value ?? null);
        if (value === NO_VALUE) continue;
        const text = envString(value, v.node);
        if (text === undefined) {
          this.sink.error(
            v.node ?? v.keyAt,
            `Environment variable ${v.name} must be a string, number or boolean, got ${show(value)}.`,
          );
          continue;
        }
        env[v.name] = text;
        bytes += Buffer.byteLength(v.name) + Buffer.byteLength(text);
      }
      if (bytes > LIMITS.environmentBytes) {
        this.sink.error(
          variables.at,
          `Environment variables take ${bytes} bytes, more than Lambda's limit of ${LIMITS.environmentBytes}.`,
        );
      }
    }
    for (const [key, value] of overrides) {
      if (RESERVED_ENV.has(key)) {
        const where = [id, name, GLOBAL_SECTION]
          .map((k) => this.envOverrides?.sections.get(k)?.varsAt.get(key))
          .find((located) => located !== undefined);
        this.sink.warning(
          where ?? { range: FILE_START, path: key },
          `${key} is reserved by Lambda: a deployed function cannot set it.`,
          this.envOverrides?.file,
        );
      }
      env[key] = value;
    }
    return declared || overrides.size > 0 ? env : undefined;
  }

  /** Environment.Variables as a list of names with their nodes (or values, after an intrinsic). */
  private variables(node: TemplateNode | undefined):
    | {
        at: Located;
        list: { name: string; keyAt: Located; node?: TemplateNode; value?: Resolved }[];
      }
    | undefined {
    if (!node) return undefined;
    if (node.kind !== 'map' || intrinsicName(node)) {
      const value = this.resolver.resolve(node);
      if (value === NO_VALUE) return undefined;
      if (!isRecord(value)) {
        this.sink.error(node, `Environment must be a map with Variables, got ${show(value)}.`);
        return undefined;
      }
      return this.variables(objectNode(node, value));
    }
    const vars = entry(node, 'Variables');
    if (!vars) return undefined;
    const at: Located = { range: vars.keyRange, path: vars.value.path };
    if (vars.value.kind === 'map' && !intrinsicName(vars.value)) {
      return {
        at,
        list: vars.value.entries.map((e) => ({
          name: e.key,
          keyAt: { range: e.keyRange, path: e.value.path },
          node: e.value,
        })),
      };
    }
    const value = this.resolver.resolve(vars.value);
    if (value === NO_VALUE) return undefined;
    if (!isRecord(value)) {
      this.sink.error(
        at,
        `Environment.Variables must be a map of names to values, got ${show(value)}.`,
      );
      return undefined;
    }
    return {
      at,
      list: Object.entries(value).map(([name, v]) => ({
        name,
        keyAt: { range: at.range, path: `${at.path}.${name}` },
        value: v,
      })),
    };
  }

  /** Layer folders of a function: local layers resolve, layer ARNs from elsewhere are skipped. */
  private functionLayers(node: TemplateNode | undefined): string[] {
    if (!node) return [];
    const items: { node: TemplateNode; value: Resolved; unresolved: boolean }[] = [];
    if (node.kind === 'seq') {
      for (const item of node.items) {
        items.push({ node: item, ...this.resolver.resolveTracked(item) });
      }
    } else {
      const tracked = this.resolver.resolveTracked(node);
      if (tracked.value === NO_VALUE) return [];
      if (!Array.isArray(tracked.value)) {
        if (!tracked.unresolved) {
          this.sink.error(node, `Layers must be a list, got ${show(tracked.value)}.`);
        }
        return [];
      }
      for (const value of tracked.value) {
        items.push({ node, value, unresolved: tracked.unresolved });
      }
    }
    const present = items.filter((i) => i.value !== NO_VALUE);
    if (present.length > MAX_LAYERS) {
      this.sink.error(
        node,
        `A function can use at most ${MAX_LAYERS} layers, got ${present.length}.`,
      );
    }
    const folders: string[] = [];
    for (const { node: itemNode, value, unresolved } of present) {
      const ref =
        itemNode.kind === 'map' && intrinsicName(itemNode) === 'Ref'
          ? itemNode.entries[0].value
          : undefined;
      const refId = ref?.kind === 'scalar' ? String(ref.value) : undefined;
      const layerId =
        refId && LAYER_TYPES.includes(this.resources.get(refId)?.type ?? '')
          ? refId
          : typeof value === 'string'
            ? this.layerArns.get(value)
            : undefined;
      if (layerId) {
        const folder = this.layerFolder(layerId);
        if (folder) folders.push(folder);
      } else if (unresolved) {
        // The resolver has warned already; a placeholder is no layer.
      } else if (typeof value === 'string' && LAYER_ARN.test(value)) {
        this.sink.warning(
          itemNode,
          `Layer ${value} is not part of this template, so its modules cannot be loaded locally; ` +
            'declare its folder as an AWS::Serverless::LayerVersion to use it.',
        );
      } else {
        this.sink.error(
          itemNode,
          `Each Layers item must be a layer version ARN or a Ref to a layer in this template, got ${show(value)}.`,
        );
      }
    }
    return folders;
  }

  /** The ARN a Ref to a local layer gives; it maps back to the layer in `Layers`. */
  private layerArn(id: string): string {
    for (const [arn, layerId] of this.layerArns) if (layerId === id) return arn;
    const nameNode = child(child(this.resources.get(id)?.node, 'Properties'), 'LayerName');
    // A LayerName that refers to its own layer would loop; the logical id breaks it.
    const self = this.layerArnsInProgress.has(id);
    this.layerArnsInProgress.add(id);
    const tracked = nameNode && !self ? this.resolver.resolveTracked(nameNode) : undefined;
    this.layerArnsInProgress.delete(id);
    const name =
      tracked && !tracked.unresolved && typeof tracked.value === 'string' ? tracked.value : id;
    const arn = `arn:${this.partition}:lambda:${this.region}:${this.accountId}:layer:${name}:1`;
    this.layerArns.set(arn, id);
    return arn;
  }

  /** The absolute folder of a local layer (whose nodejs/node_modules joins module resolution). */
  private layerFolder(id: string): string | undefined {
    const memo = this.layers.get(id);
    if (memo) {
      if (memo.failed) this.sink.errorCount++;
      return memo.value;
    }
    const resource = this.resources.get(id);
    const before = this.sink.errorCount;
    const serverless = resource?.type === 'AWS::Serverless::LayerVersion';
    const name = serverless ? 'ContentUri' : 'Content';
    const props = entry(resource?.node, 'Properties');
    const node = child(props?.value, name);
    let folder: string | undefined;
    if (!node) {
      const range = props?.keyRange ?? resource?.keyRange ?? FILE_START;
      this.sink.error(
        { range, path: `Resources.${id}.Properties.${name}` },
        `${name} is required: the layer's local folder.`,
      );
    } else {
      const tracked = this.resolver.resolveTracked(node);
      if (tracked.value !== NO_VALUE) {
        folder = this.localFolder({ node, ...tracked, value: tracked.value }, name, "the layer's");
      }
      if (folder && this.fs && this.fs.stat(joinPath(folder, 'nodejs')) !== 'directory') {
        this.sink.warning(
          node,
          `Layer folder ${folder} has no nodejs/ folder, so none of its modules resolve: Lambda loads layer modules from nodejs/node_modules.`,
        );
      }
    }
    this.layers.set(id, { value: folder, failed: this.sink.errorCount !== before });
    return folder;
  }
}

/** An env var's string form, as CloudFormation gives it; undefined for lists and maps. */
function envString(value: Value, node: TemplateNode | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // The number as written: `1.10` stays `1.10` (UNCONFIRMED that CloudFormation keeps the text,
  // but it is what the user wrote and what a quoted value would give).
  if (typeof value === 'number') {
    return node?.kind === 'scalar' && typeof node.value === 'number' ? node.source : String(value);
  }
  // SAM CLI turns a null into an empty string.
  if (value === null) return '';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: null): TemplateNode {
  return { kind: 'scalar', value, source: '', range: FILE_START, path: '' };
}

/** A map node for a value an intrinsic produced, placed where the intrinsic is. */
function objectNode(at: TemplateNode, value: Record<string, Value>): TemplateNode {
  const toNode = (v: Value, path: string): TemplateNode => {
    if (Array.isArray(v)) {
      return {
        kind: 'seq',
        items: v.map((x, i) => toNode(x, `${path}[${i}]`)),
        range: at.range,
        path,
      };
    }
    if (isRecord(v)) {
      return {
        kind: 'map',
        entries: Object.entries(v).map(([key, x]) => ({
          key,
          keyRange: at.range,
          value: toNode(x, `${path}.${key}`),
        })),
        range: at.range,
        path,
      };
    }
    return { kind: 'scalar', value: v, source: String(v), range: at.range, path };
  };
  return toNode(value, at.path);
}

function rangeOnly(r: SourceRange): SourceRange {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

function emptyParse(file: string): ParsedTemplate {
  return { file, root: undefined, errors: [], warnings: [] };
}

function failure(file: string, message: string): TemplateResult {
  const { line, column, endLine, endColumn } = FILE_START;
  return {
    functions: [],
    warnings: [],
    errors: [{ file, line, column, endLine, endColumn, property: '', message }],
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
