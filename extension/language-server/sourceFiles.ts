/**
 * The text of workspace files as the editor sees them (an open document wins over the disk) and
 * the exports of handler modules, cached until the text changes. Whether a file exists is the
 * disk's answer, as for the emulator: an unsaved buffer is not something Lambda could load.
 * May import node:fs and the LSP text document; never vscode.
 */
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readModuleExports, type ModuleInfo } from './moduleExports';

/** A handler module's exports and the text they were read from. */
export interface ModuleSource {
  /** The module's exports. */
  info: ModuleInfo;
  /** The text, for turning offsets into positions. */
  document: TextDocument;
}

/** Files larger than this are not read: no handler or template is that big. */
const MAX_BYTES = 4 * 1024 * 1024;

export class SourceFiles {
  private readonly disk = new Map<string, { stamp: string; document: TextDocument }>();
  private readonly modules = new Map<string, { stamp: string; source: ModuleSource }>();

  /** `openDocument` gives the editor's document for a path, when the file is open. */
  constructor(private readonly openDocument: (path: string) => TextDocument | undefined) {}

  /** What is at `path` on disk. */
  stat(path: string): 'file' | 'directory' | undefined {
    try {
      const stats = fs.statSync(path, { throwIfNoEntry: false });
      if (!stats) return undefined;
      return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  }

  /** The file's current text: the open document, else the disk's (cached), else undefined. */
  document(path: string): TextDocument | undefined {
    return this.text(path)?.document;
  }

  /** The exports of a handler module, or undefined when it cannot be read. */
  module(path: string): ModuleSource | undefined {
    const read = this.text(path);
    if (!read) return undefined;
    const cached = this.modules.get(path);
    if (cached?.stamp === read.stamp) return cached.source;
    const info = readModuleExports(read.document.getText(), path);
    // A file being typed often does not lex; its last readable exports are a better guide than
    // the fallback reading, and keep diagnostics and code lenses from flickering.
    const source =
      info.error && cached && !cached.source.info.error
        ? { info: cached.source.info, document: read.document }
        : { info, document: read.document };
    this.modules.set(path, { stamp: read.stamp, source });
    return source;
  }

  /** Drops what is cached for a path (and below it, for a folder) after a change on disk. */
  forget(path: string): void {
    for (const map of [this.disk, this.modules]) {
      for (const key of map.keys()) {
        if (key === path || key.startsWith(`${path}/`)) map.delete(key);
      }
    }
  }

  /**
   * The file's current text with a stamp that changes whenever the text may have: the open
   * document's version, or the file's modification time and size.
   */
  text(path: string): { stamp: string; document: TextDocument } | undefined {
    const open = this.openDocument(path);
    if (open) return { stamp: `open:${open.version}:${open.uri}`, document: open };
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!stats?.isFile() || stats.size > MAX_BYTES) return undefined;
    const stamp = `disk:${stats.mtimeMs}:${stats.size}`;
    const cached = this.disk.get(path);
    if (cached?.stamp === stamp) return cached;
    let text: string;
    try {
      // Editors drop the byte order mark from a document's text; so do we, or positions on the
      // first line would be off by one.
      text = fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
    const entry = {
      stamp,
      document: TextDocument.create(pathToFileURL(path).toString(), languageOf(path), 0, text),
    };
    this.disk.set(path, entry);
    return entry;
  }
}

function languageOf(path: string): string {
  if (/\.[mc]?ts$/.test(path)) return 'typescript';
  if (/\.[mc]?js$/.test(path)) return 'javascript';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  return 'json';
}
