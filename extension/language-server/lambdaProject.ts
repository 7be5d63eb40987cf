/**
 * The server's model of the workspace: which files are handler sources, templates, launch
 * configurations and event files; each template's and launch file's analysis (cached until its
 * text, or the folders on disk, change); and which exports the templates and launch
 * configurations name as handlers. Indexing walks the workspace folders once; after that, watched
 * file events and document edits update only what they touch. Never vscode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isEventFile } from './eventFiles';
import { resolveHandler, type HandlerHost } from './handlerResolution';
import {
  isLaunchFile,
  launchDiagnostics,
  launchFolder,
  launchPaths,
  readLaunchConfigurations,
  type LambdaLaunchEntry,
  type LaunchHost,
} from './launchConfigs';
import { isInside, relativePath } from './paths';
import { DIAGNOSTIC_SOURCE, type HandlerCommandArgs } from './protocol';
import {
  analyzeTemplate,
  looksLikeTemplate,
  type LambdaFunction,
  type TemplateAnalysis,
} from './samTemplate';
import { SourceFiles } from './sourceFiles';

/** Folders never indexed: dependencies, VCS data and build output (issue #6). */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', '.aws-sam', 'cdk.out']);

/** What the server does with a document. */
export type DocumentKind = 'template' | 'handler' | 'event' | 'launch';

const HANDLER_SOURCE = /\.(js|mjs|cjs|ts|mts|cts)$/;
const DECLARATION = /\.d\.[mc]?ts$/;
const DATA_FILE = /\.(ya?ml|json|template)$/;
const NOT_TEMPLATES = new Set([
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'jsconfig.json',
]);
/** A folder outside the index is listed this deep at most, for handler suggestions. */
const OUTSIDE_DEPTH = 4;
const OUTSIDE_LIMIT = 400;

/** An export a template or launch configuration names as a handler. */
export interface HandlerReference {
  /** The file that has the export (where its code lens goes). */
  file: string;
  /** The export's name in that file. */
  exportName: string;
  /** The lens commands' argument. */
  args: HandlerCommandArgs;
}

/** What indexing found. */
export interface IndexStats {
  /** Handler source files. */
  handlerFiles: number;
  /** Templates. */
  templates: number;
  /** Launch configuration files. */
  launchFiles: number;
}

export class LambdaProject implements LaunchHost, HandlerHost {
  readonly sources: SourceFiles;
  /** Workspace folder paths. */
  readonly folders = new Set<string>();
  readonly handlerFiles = new Set<string>();
  readonly templates = new Set<string>();
  readonly launchFiles = new Set<string>();
  private readonly analyses = new Map<string, { key: string; analysis: TemplateAnalysis }>();
  private readonly lastParsed = new Map<string, TemplateAnalysis>();
  private readonly outside = new Map<string, string[]>();
  /** Each template's and launch file's references, with the text they were computed from. */
  private readonly referencesOf = new Map<string, { key: string; list: HandlerReference[] }>();
  /** Templates and launch files whose references may have changed with a handler file. */
  private readonly staleReferences = new Set<string>();
  private referenceMap: Map<string, HandlerReference[]> | undefined;
  /** Bumped when files or folders appear or disappear, which changes whether a CodeUri exists. */
  private generation = 0;

  constructor(openDocument: (file: string) => TextDocument | undefined) {
    this.sources = new SourceFiles(openDocument);
  }

  /** What a file is to the server; `text` decides for YAML and JSON (templates by content). */
  kindOf(file: string, text?: string): DocumentKind | undefined {
    if (isLaunchFile(file)) return 'launch';
    if (isEventFile(file)) return 'event';
    if (HANDLER_SOURCE.test(file)) return DECLARATION.test(file) ? undefined : 'handler';
    if (!DATA_FILE.test(file) || NOT_TEMPLATES.has(path.basename(file))) return undefined;
    const content = text ?? this.sources.document(file)?.getText();
    return content !== undefined && looksLikeTemplate(content) ? 'template' : undefined;
  }

  /** Walks a workspace folder and records what it holds. */
  async addFolder(folder: string): Promise<void> {
    this.folders.add(folder);
    await this.scan(folder);
  }

  /** Forgets a workspace folder; returns the templates and launch files that went with it. */
  removeFolder(folder: string): string[] {
    this.folders.delete(folder);
    return this.forgetUnder(folder);
  }

  /** Counts what is indexed. */
  stats(): IndexStats {
    return {
      handlerFiles: this.handlerFiles.size,
      templates: this.templates.size,
      launchFiles: this.launchFiles.size,
    };
  }

  /**
   * Applies a watched file event. Returns the templates and launch files that disappeared (their
   * diagnostics must be cleared); every other one may need revalidating.
   */
  async fileChanged(file: string, change: 'created' | 'changed' | 'deleted'): Promise<string[]> {
    this.sources.forget(file);
    for (const folder of this.outside.keys()) {
      if (isInside(folder, file) || isInside(file, folder)) this.outside.delete(folder);
    }
    // Even in a skipped folder, a file or folder appearing can make a CodeUri (`dist`) exist, so
    // it is checked again; the skipped folder's files are still not indexed.
    if (change !== 'changed') this.generation++;
    this.handlersChanged(file);
    if (this.isSkipped(file)) return [];
    if (change === 'deleted') return this.forgetUnder(file);
    const kind = this.sources.stat(file);
    if (kind === 'directory') {
      await this.scan(file);
      return [];
    }
    if (kind === 'file') return this.classify(file) ? [] : this.dropTemplate(file);
    return [];
  }

  /** Records an open document's kind as its text changes (a YAML file may become a template). */
  documentChanged(file: string, text: string): string[] {
    this.referenceMap = undefined;
    const kind = this.kindOf(file, text);
    if (kind === 'template') this.templates.add(file);
    else if (this.templates.has(file)) return this.dropTemplate(file);
    if (kind === 'handler' && !this.isSkipped(file)) this.handlerFiles.add(file);
    if (kind === 'launch') this.launchFiles.add(file);
    return [];
  }

  /**
   * Marks the references that a changed handler file may affect as stale: those of the templates
   * whose code folders hold it, and of every launch file (they are few).
   */
  handlersChanged(file: string): void {
    this.referenceMap = undefined;
    for (const template of this.templates) {
      if (this.templateFunctions(template).some((fn) => fn.codeUri && isInside(fn.codeUri, file))) {
        this.staleReferences.add(template);
      }
    }
    for (const launch of this.launchFiles) this.staleReferences.add(launch);
  }

  /** The templates whose functions run code from a file's folder. */
  templatesUsing(file: string): string[] {
    return [...this.templates].filter((template) =>
      this.templateFunctions(template).some((fn) => fn.codeUri && isInside(fn.codeUri, file)),
    );
  }

  /** The analysis of a template's current text. */
  templateAnalysis(file: string): TemplateAnalysis | undefined {
    const read = this.sources.text(file);
    if (!read) return undefined;
    const key = `${read.stamp}#${this.generation}`;
    const cached = this.analyses.get(file);
    if (cached?.key === key) return cached.analysis;
    const analysis = analyzeTemplate(read.document.getText(), file);
    this.analyses.set(file, { key, analysis });
    if (analysis.parsed) this.lastParsed.set(file, analysis);
    return analysis;
  }

  /**
   * A template's functions: from its current text, or while that does not parse (YAML being
   * typed), from the last text that did.
   */
  templateFunctions(file: string): LambdaFunction[] {
    const analysis = this.templateAnalysis(file);
    if (analysis?.parsed) return analysis.functions;
    return this.lastParsed.get(file)?.functions ?? [];
  }

  /** The reader's diagnostics plus one per handler that resolves to nothing. */
  templateDiagnostics(file: string): Diagnostic[] {
    const analysis = this.templateAnalysis(file);
    if (!analysis) return [];
    const out = [...analysis.diagnostics];
    const seen = new Set<string>();
    for (const fn of analysis.functions) {
      if (fn.handlerBlocked || fn.handler === undefined || fn.codeUri === undefined) continue;
      if (!fn.handlerRange) continue;
      const resolution = resolveHandler(
        {
          handler: fn.handler,
          codeUri: fn.codeUri,
          ...(fn.runtime ? { runtime: fn.runtime } : {}),
        },
        this,
        'Handler',
      );
      if (resolution.ok) continue;
      // A Handler in Globals serves several functions, whose code folders may differ.
      const inGlobals = !contains(fn.resourceRange, fn.handlerRange.start);
      const message = inGlobals ? `${fn.logicalId}: ${resolution.message}` : resolution.message;
      const key = `${JSON.stringify(fn.handlerRange)}\0${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        range: fn.handlerRange,
        severity: DiagnosticSeverity.Error,
        source: DIAGNOSTIC_SOURCE,
        code: resolution.problem,
        message,
      });
    }
    return out.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character,
    );
  }

  /** The `lambda` configurations of a launch.json. */
  launchEntries(file: string): LambdaLaunchEntry[] {
    const document = this.sources.document(file);
    return document ? readLaunchConfigurations(document) : [];
  }

  /** Diagnostics of a launch.json. */
  launchDiagnostics(file: string): Diagnostic[] {
    return launchDiagnostics(this.launchEntries(file), launchFolder(file), this);
  }

  /** Every export the templates and launch configurations name, by the file that has it. */
  references(): Map<string, HandlerReference[]> {
    if (this.referenceMap) return this.referenceMap;
    const map = new Map<string, HandlerReference[]>();
    const seen = new Set<string>();
    // Templates first: a launch configuration that names a template's handler adds nothing, and
    // the same function is listed once.
    for (const source of [...this.templates, ...this.launchFiles]) {
      for (const reference of this.referencesFrom(source)) {
        const { file, exportName, args } = reference;
        const key = JSON.stringify([
          file,
          exportName,
          args.handler,
          args.codeUri,
          args.functionName,
        ]);
        const sameFunction = JSON.stringify([file, exportName, args.handler, args.codeUri]);
        if (seen.has(key) || (!args.template && seen.has(sameFunction))) continue;
        seen.add(key);
        seen.add(sameFunction);
        const list = map.get(file) ?? [];
        list.push(reference);
        map.set(file, list);
      }
    }
    this.referenceMap = map;
    return map;
  }

  /** The references of one template or launch file, recomputed only when they may have changed. */
  private referencesFrom(source: string): HandlerReference[] {
    const template = this.templates.has(source);
    // A template's functions (current or last parsed) change only with its analysis.
    if (template) this.templateAnalysis(source);
    const key = template
      ? (this.analyses.get(source)?.key ?? '')
      : `${this.sources.text(source)?.stamp ?? ''}#${this.generation}`;
    const cached = this.referencesOf.get(source);
    if (cached?.key === key && !this.staleReferences.has(source)) return cached.list;
    this.staleReferences.delete(source);
    const list: HandlerReference[] = [];
    const resolveInto = (
      query: { handler: string; codeUri: string; runtime?: string },
      args: Omit<HandlerCommandArgs, 'file'>,
    ): void => {
      const resolution = resolveHandler(query, this, 'Handler');
      if (!resolution.ok) return;
      const exportName = resolution.viaDefault ? 'default' : resolution.exportName;
      list.push({ file: resolution.file, exportName, args: { ...args, file: resolution.file } });
      const target = resolution.target;
      if (
        target &&
        !resolution.viaDefault &&
        (target.file !== resolution.file || target.export.name !== resolution.exportName)
      ) {
        list.push({
          file: target.file,
          exportName: target.export.name,
          args: { ...args, file: target.file },
        });
      }
    };
    if (template) {
      for (const fn of this.templateFunctions(source)) {
        if (fn.handler === undefined || fn.codeUri === undefined) continue;
        resolveInto(
          {
            handler: fn.handler,
            codeUri: fn.codeUri,
            ...(fn.runtime ? { runtime: fn.runtime } : {}),
          },
          {
            functionName: fn.name,
            handler: fn.handler,
            codeUri: fn.codeUri,
            template: source,
            functionId: fn.logicalId,
          },
        );
      }
    } else {
      const folder = launchFolder(source);
      for (const entry of this.launchEntries(source)) {
        const { handler, functionName, runtime } = entry.attributes;
        const codeUri = launchPaths(entry, folder).codeUri;
        if (typeof handler?.value !== 'string' || !codeUri || entry.attributes.template) continue;
        resolveInto(
          {
            handler: handler.value,
            codeUri,
            ...(typeof runtime?.value === 'string' ? { runtime: runtime.value } : {}),
          },
          {
            ...(typeof functionName?.value === 'string'
              ? { functionName: functionName.value }
              : {}),
            handler: handler.value,
            codeUri,
          },
        );
      }
    }
    this.referencesOf.set(source, { key, list });
    return list;
  }

  /**
   * The lens argument for a handler-like export nobody names: the code folder is the deepest
   * CodeUri of the templates that holds the file, else the nearest folder with a package.json
   * (inside the workspace folder), else the workspace folder.
   */
  defaultArgs(file: string, exportName: string): HandlerCommandArgs {
    let codeUri: string | undefined;
    for (const template of this.templates) {
      for (const fn of this.templateFunctions(template)) {
        if (
          fn.codeUri &&
          isInside(fn.codeUri, file) &&
          (!codeUri || fn.codeUri.length > codeUri.length)
        ) {
          codeUri = fn.codeUri;
        }
      }
    }
    const folder = [...this.folders]
      .filter((f) => isInside(f, file))
      .sort((a, b) => b.length - a.length)[0];
    if (!codeUri) {
      for (let dir = path.dirname(file); folder && isInside(folder, dir); dir = path.dirname(dir)) {
        if (this.sources.stat(path.join(dir, 'package.json')) === 'file') {
          codeUri = dir;
          break;
        }
        if (dir === folder) break;
      }
    }
    codeUri ??= folder ?? path.dirname(file);
    const modulePath = relativePath(codeUri, file).replace(/\.[mc]?[jt]s$/, '');
    return { handler: `${modulePath}.${exportName}`, codeUri, file };
  }

  /** Handler source files under a folder (indexed ones, or a short listing outside the index). */
  handlerFilesUnder(folder: string): string[] {
    const indexed = [...this.folders].some((f) => isInside(f, folder) && !this.isSkipped(folder));
    if (indexed) return [...this.handlerFiles].filter((file) => isInside(folder, file)).sort();
    let listed = this.outside.get(folder);
    if (!listed) {
      listed = [];
      listHandlers(folder, 0, listed);
      listed.sort();
      this.outside.set(folder, listed);
    }
    return listed;
  }

  /** Whether a path lies in a skipped folder of a workspace folder. */
  isSkipped(file: string): boolean {
    for (const folder of this.folders) {
      if (!isInside(folder, file)) continue;
      const parts = path.relative(folder, file).split(path.sep);
      if (parts.some((part) => SKIPPED_FOLDERS.has(part))) return true;
    }
    return false;
  }

  private async scan(root: string): Promise<void> {
    const data: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      const folders: string[] = [];
      for (const entry of entries) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) folders.push(file);
        } else if (entry.isFile()) {
          if (HANDLER_SOURCE.test(entry.name)) {
            if (!DECLARATION.test(entry.name)) this.handlerFiles.add(file);
          } else if (isLaunchFile(file)) this.launchFiles.add(file);
          else if (DATA_FILE.test(entry.name)) data.push(file);
        }
      }
      await Promise.all(folders.map(walk));
    };
    await walk(root);
    for (const file of data) this.classify(file);
    this.referenceMap = undefined;
  }

  /** Records a file by kind; false when it is a YAML or JSON file that is not a template. */
  private classify(file: string): boolean {
    const kind = this.kindOf(file);
    if (kind === 'handler') this.handlerFiles.add(file);
    else if (kind === 'launch') this.launchFiles.add(file);
    else if (kind === 'template') this.templates.add(file);
    else return !DATA_FILE.test(file);
    return true;
  }

  private dropTemplate(file: string): string[] {
    if (!this.templates.delete(file)) return [];
    this.referenceMap = undefined;
    this.referencesOf.delete(file);
    this.analyses.delete(file);
    this.lastParsed.delete(file);
    return [file];
  }

  private forgetUnder(root: string): string[] {
    const gone: string[] = [];
    for (const set of [this.handlerFiles, this.templates, this.launchFiles]) {
      for (const file of set) {
        if (!isInside(root, file)) continue;
        set.delete(file);
        if (set !== this.handlerFiles) gone.push(file);
      }
    }
    for (const map of [this.analyses, this.lastParsed, this.referencesOf]) {
      for (const file of map.keys()) if (isInside(root, file)) map.delete(file);
    }
    this.referenceMap = undefined;
    return gone;
  }
}

/** Whether a range holds a position. */
export function contains(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

function listHandlers(dir: string, depth: number, out: string[]): void {
  if (depth > OUTSIDE_DEPTH || out.length >= OUTSIDE_LIMIT) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= OUTSIDE_LIMIT) return;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git')
        listHandlers(file, depth + 1, out);
    } else if (entry.isFile() && HANDLER_SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) {
      out.push(file);
    }
  }
}
