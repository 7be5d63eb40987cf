/**
 * File URIs and paths: LSP speaks URIs, the emulator and the file system speak paths. Imports
 * node:url and node:path only; never vscode.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI, or undefined for other schemes (untitled, git…). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** `a/b` relative to `from`, with forward slashes (as handler strings and messages write it). */
export function relativePath(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/') || '.';
}

/** Whether `file` is `folder` or inside it. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
