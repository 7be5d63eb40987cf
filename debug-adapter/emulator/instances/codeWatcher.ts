/**
 * Notices when a function's code changes, so the next invocation runs the new code. It watches the
 * code root's folders one by one (not recursively through node_modules, which can hold thousands
 * of folders) and works the same on Windows, macOS and Linux.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const IGNORED = new Set(['node_modules', '.git', '.aws-sam', '.lambda-workbench']);

export class CodeWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private disposed = false;

  constructor(
    root: string,
    private readonly onChange: (file: string) => void,
  ) {
    this.watchTree(root);
  }

  dispose(): void {
    this.disposed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watchTree(dir: string): void {
    if (this.disposed || this.watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, { persistent: false }, (_type, name) =>
        this.changed(dir, name?.toString()),
      );
    } catch {
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      this.watchers.delete(dir);
    });
    this.watchers.set(dir, watcher);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !IGNORED.has(entry.name))
        this.watchTree(path.join(dir, entry.name));
    }
  }

  private changed(dir: string, name: string | undefined): void {
    if (name && IGNORED.has(name)) return;
    const file = name ? path.join(dir, name) : dir;
    if (name) {
      // A folder deleted and made again (git checkout, rm -rf) needs fresh watchers: the old ones
      // watch nothing any more.
      for (const [dir, watcher] of this.watchers) {
        if (dir === file || dir.startsWith(file + path.sep)) {
          watcher.close();
          this.watchers.delete(dir);
        }
      }
      try {
        if (fs.statSync(file).isDirectory()) this.watchTree(file);
      } catch {
        // Deleted: nothing to watch.
      }
    }
    this.onChange(file);
  }
}
