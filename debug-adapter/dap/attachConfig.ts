/**
 * Builds the js-debug (`pwa-node`) attach configuration for one instance process: the inspector's
 * address, source-map locations that reach the compiled TypeScript cache, and the settings that
 * let the handler's first line wait for breakpoints. Pure: node:path and protocol types only.
 */
import * as path from 'node:path';
import type { PwaNodeAttachConfig } from '../protocol/dap';

/** Where the emulator's TypeScript builder writes its output (typeScriptBuilder.ts). */
export const COMPILED_CACHE = path.join('node_modules', '.cache', 'lambda-workbench');

export interface AttachTarget {
  instanceId: string;
  functionName: string;
  /** `ws://127.0.0.1:PORT/UUID`. */
  inspectorUrl: string;
  /** The function's code folder (absolute). */
  codeUri: string;
  /** The launch configuration's `cwd` (absolute), usually the workspace folder. */
  cwd: string;
}

/** The inspector's port, from its WebSocket URL. */
export function inspectorPort(inspectorUrl: string): number {
  return Number(new URL(inspectorUrl).port);
}

export function pwaNodeAttachConfig(target: AttachTarget): PwaNodeAttachConfig {
  const port = inspectorPort(target.inspectorUrl);
  const glob = (folder: string): string => `${toGlobPath(folder)}/**`;
  const cache = path.join(target.codeUri, COMPILED_CACHE);
  const roots = [...new Set([target.cwd, target.codeUri])];
  return {
    type: 'pwa-node',
    request: 'attach',
    name: `Lambda ${target.functionName} (${target.instanceId.slice(0, 8)})`,
    address: '127.0.0.1',
    port,
    websocketAddress: target.inspectorUrl,
    continueOnAttach: true,
    attachExistingChildren: false,
    skipFiles: ['<node_internals>/**'],
    sourceMaps: true,
    // js-debug matches these with micromatch, where order matters: a positive pattern after a
    // negation adds back what the negation removed. So node_modules stays out, except our cache.
    resolveSourceMapLocations: [...roots.map(glob), '!**/node_modules/**', glob(cache)],
    outFiles: [
      ...roots.map((root) => `${toGlobPath(root)}/**/*.(m|c|)js`),
      '!**/node_modules/**',
      `${toGlobPath(cache)}/**/*.(m|c|)js`,
    ],
    cwd: target.codeUri,
    outputCapture: 'console',
    __lambdaInstanceId: target.instanceId,
  };
}

/** Globs take forward slashes, on Windows too. */
function toGlobPath(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/\/+$/, '');
}
