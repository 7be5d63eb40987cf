/**
 * Renders a new handler (pure: strings in, files out): the handler file, a sample event, a
 * `lambda` launch configuration, and the SAM resource to add when the project has a template.
 */
import { generateEvent } from '../../debug-adapter/templates/events';
import { TRIGGER_INFO, type Language, type Trigger } from './templates';

export interface ScaffoldRequest {
  language: Language;
  trigger: Trigger;
  /** Function name (logical id in a template), e.g. `OrdersFunction`. */
  functionName: string;
  /** File name without extension, e.g. `orders`. */
  fileName: string;
  /** Folder of the handler relative to the code root, e.g. `src` (empty for the root). */
  folder: string;
  /** `"type"` of the nearest package.json: decides `.js` vs `.mjs`/`.cjs`. */
  packageType: 'module' | 'commonjs';
  /** Runtime for the launch configuration and the template. */
  runtime: 'nodejs20.x' | 'nodejs22.x' | 'nodejs24.x';
}

export interface RenderedFile {
  /** Path relative to the code root. */
  path: string;
  content: string;
}

export interface Scaffold {
  handlerFile: RenderedFile;
  /** events/<Function>/sample.json, relative to the workspace folder. */
  eventFile: RenderedFile;
  /** The handler string, e.g. `src/orders.handler`. */
  handler: string;
  launchConfiguration: Record<string, unknown>;
  /** YAML lines of the SAM resource, indented two spaces (to sit under `Resources:`). */
  samResource: string[];
}

/** The file extension for a language in a package of the given type (spec §1.3 resolution). */
export function extensionFor(language: Language, packageType: 'module' | 'commonjs'): string {
  if (language === 'typescript') return '.ts';
  if (language === 'esm') return packageType === 'module' ? '.js' : '.mjs';
  return packageType === 'module' ? '.cjs' : '.js';
}

export function renderScaffold(request: ScaffoldRequest): Scaffold {
  const info = TRIGGER_INFO[request.trigger];
  const extension = extensionFor(request.language, request.packageType);
  const relative =
    (request.folder ? `${request.folder.replace(/\/+$/, '')}/` : '') + request.fileName;
  const handler = `${relative}.handler`;
  const sample =
    'literal' in info.sample
      ? info.sample.literal
      : generateEvent(info.sample.service, info.sample.event);
  const launchConfiguration = {
    type: 'lambda',
    request: 'launch',
    name: `Lambda: ${request.functionName}`,
    handler,
    codeUri: '${workspaceFolder}',
    runtime: request.runtime,
    eventFile: `\${workspaceFolder}/events/${request.functionName}/sample.json`,
  };
  const samResource = [
    `  ${request.functionName}:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: .',
    `      Handler: ${handler}`,
    `      Runtime: ${request.runtime}`,
    ...(info.samEvent
      ? [
          '      Events:',
          ...info.samEvent.map((line) => `        ${line.replace('__PATH__', request.fileName)}`),
        ]
      : []),
  ];
  return {
    handlerFile: {
      path: relative + extension,
      content: renderHandler(request.language, request.trigger),
    },
    eventFile: {
      path: `events/${request.functionName}/sample.json`,
      content: JSON.stringify(sample, null, 2) + '\n',
    },
    handler,
    launchConfiguration,
    samResource,
  };
}

/** The handler source for a language and trigger. */
export function renderHandler(language: Language, trigger: Trigger): string {
  const info = TRIGGER_INFO[trigger];
  const typescript = language === 'typescript';
  const body = info.body.replace(/\/\*T(: [^*]*)\*\//g, typescript ? '$1' : '');
  const header = `// ${info.label} handler: ${info.description}.\n// Invoke it with "Lambda: Invoke with Event…" or debug it with F5.\n`;
  if (typescript) {
    const types = [info.eventType, info.resultType].filter(
      (type) => /^[A-Z]\w+$/.test(type) && type !== 'Record',
    );
    const imports = ['Context', ...new Set(types)].sort();
    const result = info.resultType === 'void' ? 'Promise<void>' : `Promise<${info.resultType}>`;
    return (
      header +
      `import type { ${imports.join(', ')} } from 'aws-lambda';\n\n` +
      `export const handler = async (event: ${info.eventType}, context: Context): ${result} => {\n${body}\n};\n`
    );
  }
  if (language === 'esm') {
    return header + `\nexport const handler = async (event, context) => {\n${body}\n};\n`;
  }
  return header + `\nexports.handler = async (event, context) => {\n${body}\n};\n`;
}

/**
 * Adds a resource to a YAML SAM template as text, at the end of its `Resources:` block, so the
 * user's comments, quoting and layout stay exactly as they were. Returns undefined when the text
 * has no top-level `Resources:` (or is JSON), so the caller can say so instead of guessing.
 */
export function insertSamResource(template: string, resourceLines: string[]): string | undefined {
  const lines = template.split('\n');
  const start = lines.findIndex((line) => /^Resources:\s*(#.*)?$/.test(line));
  if (start === -1) return undefined;
  let end = lines.length;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^[^\s#]/.test(line)) {
      end = index;
      break;
    }
  }
  // Step back over trailing blank lines so the new resource sits right after the last one.
  let insertAt = end;
  while (insertAt > start + 1 && lines[insertAt - 1]!.trim() === '') insertAt--;
  const block = ['', ...resourceLines];
  lines.splice(insertAt, 0, ...block);
  return lines.join('\n');
}
