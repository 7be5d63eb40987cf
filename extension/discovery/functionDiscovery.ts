/**
 * Finds the Lambda functions of the workspace and keeps the list current: functions of SAM
 * templates, `lambda` launch configurations, and handler files (a file exporting `handler`).
 * Feeds the dynamic debug configurations (F5 with no launch.json), the Invoke command and the
 * code lenses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LambdaLaunchConfig } from '../../debug-adapter/protocol/dap';
import type { FunctionInput } from '../../debug-adapter/protocol/lambda';
import { loadTemplate } from '../../debug-adapter/sam/template';
import { LAMBDA_DEBUG_TYPE } from '../contributions';

export interface DiscoveredFunction {
  /** Unique key (source + location + name). */
  key: string;
  /** The function's name (logical id for templates, file name for handler files). */
  name: string;
  source: 'template' | 'launch' | 'handler';
  folder: vscode.WorkspaceFolder;
  /** A `lambda` launch configuration that runs it. */
  launch: LambdaLaunchConfig & { type: string; request: string; name: string };
  /** What the emulator needs to run it at full speed; undefined when it cannot be derived. */
  input: FunctionInput | undefined;
  /** Absolute path of the handler's file, when known. */
  file?: string;
  /** Short text for pickers: where it comes from. */
  detail: string;
}

const TEMPLATE_GLOB = '**/{template.yaml,template.yml,template.json}';
const HANDLER_GLOB = '**/*.{js,mjs,cjs,ts,mts,cts}';
const EXCLUDE = '{**/node_modules/**,**/.aws-sam/**,**/dist/**,**/.git/**,**/cdk.out/**}';
const HANDLER_EXPORT =
  /\bexport\s+(?:const|let|var|async\s+function|function)\s+handler\b|\bexports\.handler\s*=|\bmodule\.exports\.handler\s*=|\bexport\s*\{[^}]*\bhandler\b[^}]*\}/;

export class FunctionDiscovery implements vscode.Disposable {
  private functions: DiscoveredFunction[] = [];
  private readonly changed = new vscode.EventEmitter<DiscoveredFunction[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private scan: Promise<void> | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;

  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watchers = [
      vscode.workspace.createFileSystemWatcher(TEMPLATE_GLOB),
      vscode.workspace.createFileSystemWatcher(HANDLER_GLOB),
    ];
    for (const watcher of watchers) {
      this.disposables.push(
        watcher,
        watcher.onDidCreate(() => this.rescanSoon()),
        watcher.onDidChange(() => this.rescanSoon()),
        watcher.onDidDelete(() => this.rescanSoon()),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('launch')) this.rescanSoon();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescanSoon()),
      this.changed,
    );
  }

  /** The current list, scanning first if it was never scanned. */
  async list(): Promise<DiscoveredFunction[]> {
    this.scan ??= this.rescan();
    await this.scan;
    return this.functions;
  }

  dispose(): void {
    clearTimeout(this.rescanTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private rescanSoon(): void {
    clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.scan = this.rescan();
    }, 300);
  }

  private async rescan(): Promise<void> {
    const started = Date.now();
    const found: DiscoveredFunction[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        found.push(...this.launchFunctions(folder));
        found.push(...(await this.templateFunctions(folder)));
        found.push(...(await this.handlerFunctions(folder, found)));
      } catch (error) {
        this.log.error(`discovery in ${folder.name} failed: ${String(error)}`);
      }
    }
    this.functions = found;
    this.log.debug(`discovery: ${found.length} function(s) in ${Date.now() - started} ms`);
    this.changed.fire(found);
  }

  private launchFunctions(folder: vscode.WorkspaceFolder): DiscoveredFunction[] {
    const configurations =
      vscode.workspace
        .getConfiguration('launch', folder)
        .get<Array<Record<string, unknown>>>('configurations') ?? [];
    return configurations
      .filter((config) => config.type === LAMBDA_DEBUG_TYPE && config.request === 'launch')
      .map((config) => {
        const launch = config as unknown as DiscoveredFunction['launch'];
        const cwd = resolveVariables(String(launch.cwd ?? folder.uri.fsPath), folder);
        const codeUri = launch.codeUri
          ? path.resolve(cwd, resolveVariables(launch.codeUri, folder))
          : cwd;
        const input: FunctionInput | undefined = launch.handler
          ? {
              name: launch.functionName ?? safeName(launch.handler),
              handler: launch.handler,
              codeUri,
              runtime: launch.runtime,
              timeout: launch.timeout,
              memorySize: launch.memorySize,
            }
          : launch.template
            ? templateInput(
                path.resolve(cwd, resolveVariables(launch.template, folder)),
                launch.functionId,
              )
            : undefined;
        return {
          key: `launch:${folder.uri.toString()}:${launch.name}`,
          name: launch.functionName ?? launch.functionId ?? input?.name ?? launch.name,
          source: 'launch' as const,
          folder,
          launch,
          input,
          detail: `launch.json: ${launch.name}`,
        };
      });
  }

  private async templateFunctions(folder: vscode.WorkspaceFolder): Promise<DiscoveredFunction[]> {
    const files = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, TEMPLATE_GLOB),
      EXCLUDE,
      50,
    );
    const result: DiscoveredFunction[] = [];
    for (const uri of files) {
      const template = loadTemplate(uri.fsPath);
      const relative = path.relative(folder.uri.fsPath, uri.fsPath);
      for (const fn of template.functions) {
        result.push({
          key: `template:${uri.toString()}:${fn.logicalId}`,
          name: fn.logicalId,
          source: 'template',
          folder,
          launch: {
            type: LAMBDA_DEBUG_TYPE,
            request: 'launch',
            name: `Lambda: ${fn.logicalId}`,
            template: `\${workspaceFolder}/${relative.split(path.sep).join('/')}`,
            functionId: fn.logicalId,
          },
          input: fn.input,
          file: handlerFile(fn.input.codeUri, fn.input.handler),
          detail: `${relative}: ${fn.input.handler} (${fn.input.runtime ?? 'nodejs22.x'})`,
        });
      }
    }
    return result;
  }

  private async handlerFunctions(
    folder: vscode.WorkspaceFolder,
    known: DiscoveredFunction[],
  ): Promise<DiscoveredFunction[]> {
    const knownFiles = new Set(known.map((fn) => fn.file).filter(Boolean));
    const files = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, HANDLER_GLOB),
      EXCLUDE,
      500,
    );
    const result: DiscoveredFunction[] = [];
    for (const uri of files) {
      if (knownFiles.has(uri.fsPath) || uri.fsPath.endsWith('.d.ts')) continue;
      let text: string;
      try {
        text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      } catch {
        continue;
      }
      if (!HANDLER_EXPORT.test(text)) continue;
      const relative = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
      const handler = `${relative.replace(/\.[cm]?[jt]s$/, '')}.handler`;
      const name = safeName(handler);
      result.push({
        key: `handler:${uri.toString()}`,
        name,
        source: 'handler',
        folder,
        launch: {
          type: LAMBDA_DEBUG_TYPE,
          request: 'launch',
          name: `Lambda: ${relative}`,
          handler,
          codeUri: '${workspaceFolder}',
        },
        input: { name, handler, codeUri: folder.uri.fsPath },
        file: uri.fsPath,
        detail: `${relative} exports handler`,
      });
    }
    return result;
  }
}

/** A function name from a handler string: its file name, made valid for Lambda. */
export function safeName(handler: string): string {
  const file = handler.replace(/^.*\//, '').replace(/\..*$/, '');
  return file.replace(/[^a-zA-Z0-9-_]/g, '-').slice(0, 64) || 'function';
}

/**
 * A template function's input, for a launch configuration that names it (`template` and
 * `functionId`), so that it can run at full speed too (Invoke, the code lenses).
 */
function templateInput(file: string, functionId: string | undefined): FunctionInput | undefined {
  const functions = loadTemplate(file).functions;
  const fn = functionId
    ? functions.find((candidate) => candidate.logicalId === functionId)
    : functions.length === 1
      ? functions[0]
      : undefined;
  return fn?.input;
}

function resolveVariables(value: string, folder: vscode.WorkspaceFolder): string {
  return value.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
}

function handlerFile(codeUri: string, handler: string): string | undefined {
  const dot =
    handler.lastIndexOf('/') + handler.slice(handler.lastIndexOf('/') + 1).indexOf('.') + 1;
  if (dot <= 0) return undefined;
  const base = path.join(codeUri, handler.slice(0, dot));
  for (const extension of ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts']) {
    if (fs.existsSync(base + extension)) return base + extension;
  }
  return undefined;
}
