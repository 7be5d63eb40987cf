// Types of codeServer.mjs for the TypeScript callers (test/e2e, bench).
export interface Profile {
  dir: string;
  home: string;
  userData: string;
  extensions: string;
  /** A temp folder to give as TMPDIR (sockets live there, so keep its path short). */
  tmp: string;
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  /** The workbench URL that opens `dir`, with optional extra query parameters. */
  folderUrl(dir: string, query?: Record<string, string>): string;
  /** Ends code-server and every process it started. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;
export function makeProfile(dir: string, settings?: Record<string, unknown>): Profile;
export function installExtension(profile: Profile, vsix: string): void;
export function startCodeServer(options: {
  profile: Profile;
  folder?: string;
  port?: number;
  logFile: string;
  trust?: boolean;
  smokeTestDriver?: boolean;
  env?: Record<string, string>;
}): Promise<CodeServer>;
export function processTree(pid: number): number[];
export function stopTree(pid: number): Promise<void>;
