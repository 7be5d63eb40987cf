/**
 * Compiles TypeScript handlers with esbuild, the way SAM and CDK bundle them for deployment: one
 * bundle per handler, npm packages left external, a linked source map so stack traces and
 * breakpoints point at the `.ts` lines. Builds are incremental (an esbuild context per handler)
 * and only rerun after the code changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildContext, Message } from 'esbuild';
import type { LambdaError, Runtime } from '../../protocol/lambda';

export type BuildResult = { ok: true; file: string } | { ok: false; error: LambdaError };

interface Entry {
  /** The esbuild context, created once (concurrent callers share the same promise). */
  context: Promise<BuildContext>;
  outfile: string;
  dirty: boolean;
  last: BuildResult | undefined;
  /** The rebuild in progress, so concurrent callers wait for one build of the same file. */
  building: Promise<BuildResult> | undefined;
}

const TARGETS: Record<Runtime, string> = {
  'nodejs20.x': 'node20',
  'nodejs22.x': 'node22',
  'nodejs24.x': 'node24',
};

export class TypeScriptBuilder {
  private readonly entries = new Map<string, Entry>();

  private disposed = false;

  /** The compiled module for a `.ts` entry, rebuilt only when marked dirty. */
  build(codeUri: string, entry: string, runtime: Runtime): Promise<BuildResult> {
    if (this.disposed)
      return Promise.resolve({
        ok: false,
        error: { errorType: 'Runtime.Unknown', errorMessage: 'The emulator was disposed' },
      });
    const key = `${entry}\0${runtime}`;
    let state = this.entries.get(key);
    if (!state) {
      const format = isEsm(entry) ? 'esm' : 'cjs';
      // Inside node_modules/.cache so that bare imports resolve from the code root's node_modules,
      // the folder is ignored by git, and Node treats the output by its own extension.
      const relative = path.relative(codeUri, entry).replace(/\.[cm]?ts$/, '');
      const outfile = path.join(
        codeUri,
        'node_modules',
        '.cache',
        'lambda-workbench',
        relative + (format === 'esm' ? '.mjs' : '.cjs'),
      );
      const context = import('esbuild').then((esbuild) =>
        esbuild.context({
          entryPoints: [entry],
          outfile,
          bundle: true,
          packages: 'external',
          platform: 'node',
          format,
          target: TARGETS[runtime],
          sourcemap: 'linked',
          sourcesContent: false,
          logLevel: 'silent',
          absWorkingDir: codeUri,
        }),
      );
      // Set synchronously, so concurrent cold starts share one context.
      state = { context, outfile, dirty: true, last: undefined, building: undefined };
      this.entries.set(key, state);
    }
    const current = state;
    if (!current.dirty && current.last) return Promise.resolve(current.last);
    current.building ??= (async () => {
      current.dirty = false;
      try {
        await (await current.context).rebuild();
        current.last = { ok: true, file: current.outfile };
      } catch (error) {
        current.last = { ok: false, error: buildError(error, codeUri) };
      }
      return current.last;
    })().finally(() => {
      current.building = undefined;
    });
    return current.building;
  }

  /** Marks every build as stale (the code changed). */
  invalidate(): void {
    for (const entry of this.entries.values()) entry.dirty = true;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const contexts = [...this.entries.values()].map((entry) =>
      entry.context.then((context) => context.dispose()),
    );
    this.entries.clear();
    await Promise.allSettled(contexts);
  }
}

/** `.mts`, or `.ts` in a `"type": "module"` package, compiles to an ES module. */
function isEsm(entry: string): boolean {
  if (entry.endsWith('.mts')) return true;
  if (entry.endsWith('.cts')) return false;
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        type?: string;
      };
      return pkg.type === 'module';
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir || dir.endsWith(`${path.sep}node_modules`)) return false;
  }
}

/** A compile error is what Lambda would report for a syntax error at init (spec §1.5). */
function buildError(error: unknown, codeUri: string): LambdaError {
  const errors = (error as { errors?: Message[] }).errors ?? [];
  const first = errors[0];
  if (!first)
    return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: String(error), trace: [] };
  const where = first.location
    ? `${path.resolve(codeUri, first.location.file)}:${first.location.line}:${first.location.column + 1}`
    : '';
  const message = `SyntaxError: ${first.text}`;
  return {
    errorType: 'Runtime.UserCodeSyntaxError',
    errorMessage: message,
    trace: [`Runtime.UserCodeSyntaxError: ${message}`, ...(where ? [`    at ${where}`] : [])],
  };
}
