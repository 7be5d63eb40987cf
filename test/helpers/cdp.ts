// Stands in for js-debug in the adapter's tests: attaches to an instance's inspector the way a
// `pwa-node` attach session does (Runtime.enable, Debugger.enable, breakpoints by URL, then
// Runtime.runIfWaitingForDebugger), waits for pauses and resumes, and leaves when Node waits for
// its debuggers to disconnect. For TypeScript it does what
// js-debug does with `outFiles`: reads the compiled file's source map from disk, sets the
// breakpoint at the generated line that the .ts line maps to, and maps pause locations back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CdpConnection } from '../../debug-adapter/emulator/inspector/cdpConnection';

/** A pause as a test sees it: 1-based line and column in the script the process runs. */
export interface Pause {
  reason: string;
  url: string;
  line: number;
  column: number;
}

interface PausedParams {
  reason: string;
  callFrames: Array<{ location: { scriptId: string; lineNumber: number; columnNumber: number } }>;
}

export class FakeJsDebug {
  /** `Runtime.consoleAPICalled` events: what js-debug would print in the Debug Console. */
  readonly consoleCalls: unknown[] = [];
  private readonly scripts = new Map<string, string>();
  private readonly pauses: Pause[] = [];
  private pauseWaiters: Array<(pause: Pause) => void> = [];

  private constructor(readonly connection: CdpConnection) {
    connection.on<{ scriptId: string; url: string }>('Debugger.scriptParsed', (script) => {
      this.scripts.set(script.scriptId, script.url);
    });
    connection.on('Runtime.consoleAPICalled', (call) => this.consoleCalls.push(call));
    // As js-debug does: when the script has ended, leave, so Node can exit.
    connection.on('NodeRuntime.waitingForDisconnect', () => connection.close());
    connection.on<PausedParams>('Debugger.paused', (params) => {
      const location = params.callFrames[0]!.location;
      const pause = {
        reason: params.reason,
        url: this.scripts.get(location.scriptId) ?? '',
        line: location.lineNumber + 1,
        column: location.columnNumber + 1,
      };
      const waiter = this.pauseWaiters.shift();
      if (waiter) waiter(pause);
      else this.pauses.push(pause);
    });
  }

  /** Connects and enables the domains, as js-debug does before setting breakpoints. */
  static async attach(inspectorUrl: string): Promise<FakeJsDebug> {
    const client = new FakeJsDebug(await CdpConnection.connect(inspectorUrl));
    await client.connection.send('Runtime.enable');
    await client.connection.send('Debugger.enable');
    await client.connection.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true });
    return client;
  }

  /** A breakpoint on a 1-based line of a file, by URL (the script need not be loaded yet). */
  async setBreakpoint(file: string, line: number, column = 1): Promise<void> {
    await this.connection.send('Debugger.setBreakpointByUrl', {
      url: pathToFileURL(file).href,
      lineNumber: line - 1,
      columnNumber: column - 1,
    });
    // CommonJS scripts report plain paths as their URL, ES modules file URLs: cover both.
    await this.connection.send('Debugger.setBreakpointByUrl', {
      url: file,
      lineNumber: line - 1,
      columnNumber: column - 1,
    });
  }

  /** Releases the process from `inspector.waitForDebugger()` (js-debug's `continueOnAttach`). */
  async release(): Promise<void> {
    await this.connection.send('Runtime.runIfWaitingForDebugger');
  }

  /** The next pause (or one already reported). */
  waitPaused(timeoutMs = 15_000): Promise<Pause> {
    const ready = this.pauses.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not paused within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.pauseWaiters.push((pause) => {
        clearTimeout(timer);
        resolve(pause);
      });
    });
  }

  async resume(): Promise<void> {
    await this.connection.send('Debugger.resume');
  }

  /** Leaves as a debugger does when its session ends. */
  close(): void {
    this.connection.close();
  }
}

// ---- source maps ---------------------------------------------------------------------------

/** One mapping segment: generated position to original position, all 0-based. */
interface Mapping {
  generatedLine: number;
  generatedColumn: number;
  source: string;
  originalLine: number;
  originalColumn: number;
}

/** A decoded source map (version 3), enough to go from a .ts line to generated code and back. */
export class SourceMap {
  private constructor(
    /** Absolute paths of the sources. */
    readonly sources: string[],
    private readonly mappings: Mapping[],
  ) {}

  /** Reads `<compiled>.map` next to a compiled file. */
  static read(compiledFile: string): SourceMap {
    const mapFile = `${compiledFile}.map`;
    const raw = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as {
      sources: string[];
      sourceRoot?: string;
      mappings: string;
    };
    const base = path.resolve(path.dirname(mapFile), raw.sourceRoot ?? '');
    const sources = raw.sources.map((source) => path.resolve(base, source));
    return new SourceMap(sources, decodeMappings(raw.mappings, sources));
  }

  /** The first generated position (1-based line and column) of a 1-based line of `source`. */
  generatedFor(source: string, line: number): { line: number; column: number } {
    const candidates = this.mappings
      .filter((mapping) => mapping.source === source && mapping.originalLine === line - 1)
      .sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
    const first = candidates[0];
    if (!first) throw new Error(`${source}:${line} has no generated code in the source map`);
    return { line: first.generatedLine + 1, column: first.generatedColumn + 1 };
  }

  /** The original position (1-based) of a generated one: the closest segment at or before it. */
  originalFor(line: number, column: number): { source: string; line: number } {
    let best: Mapping | undefined;
    for (const mapping of this.mappings) {
      if (mapping.generatedLine !== line - 1 || mapping.generatedColumn > column - 1) continue;
      if (!best || mapping.generatedColumn >= best.generatedColumn) best = mapping;
    }
    if (!best) throw new Error(`generated ${line}:${column} maps to no source`);
    return { source: best.source, line: best.originalLine + 1 };
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeMappings(text: string, sources: string[]): Mapping[] {
  const mappings: Mapping[] = [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  text.split(';').forEach((lineText, generatedLine) => {
    let generatedColumn = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      generatedColumn += fields[0]!;
      if (fields.length < 4) continue;
      source += fields[1]!;
      originalLine += fields[2]!;
      originalColumn += fields[3]!;
      mappings.push({
        generatedLine,
        generatedColumn,
        source: sources[source]!,
        originalLine,
        originalColumn,
      });
    }
  });
  return mappings;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
