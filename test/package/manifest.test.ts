// package.json is checked against the code, not trusted (house-style.md principle 11): launch
// attributes, commands, settings, views, paths in the packed file list, activation events, and
// the rule that only extension.js may require vscode.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  COMMAND_TITLES,
  SETTINGS,
  Views,
  LANGUAGE_LAMBDA_LOG,
} from '../../extension/contributions';
import { LAUNCH_ATTRIBUTES } from '../../extension/debug/launchAttributes';
import { SERVER_MODULE } from '../../extension/language-server/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('manifest', () => {
  it('documents exactly the launch attributes of LambdaLaunchConfig, as launchAttributes.ts says', () => {
    const properties = manifest.contributes.debuggers[0].configurationAttributes.launch.properties;
    assert.deepEqual(
      properties,
      JSON.parse(JSON.stringify(LAUNCH_ATTRIBUTES)),
      'run npm run sync-manifest',
    );
    // The keys of LAUNCH_ATTRIBUTES are LambdaLaunchConfig's (a mapped type); check against the interface text too.
    const protocol = fs.readFileSync(
      path.join(ROOT, 'debug-adapter', 'protocol', 'dap.ts'),
      'utf8',
    );
    const body = /export interface LambdaLaunchConfig \{([\s\S]*?)\n\}/.exec(protocol)![1]!;
    const fields = [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]).sort();
    assert.deepEqual(Object.keys(properties).sort(), fields);
  });

  it('contributes every command of contributions.ts, and no other', () => {
    const contributed = manifest.contributes.commands
      .map((c: { command: string }) => c.command)
      .sort();
    assert.deepEqual(contributed, Object.keys(COMMAND_TITLES).sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Lambda');
    for (const entry of manifest.contributes.menus.commandPalette)
      assert.ok(COMMAND_TITLES[entry.command as keyof typeof COMMAND_TITLES] !== undefined);
  });

  it('contributes every setting of contributions.ts with a scope and a description, and no other', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(SETTINGS).sort());
    for (const [key, setting] of Object.entries<Record<string, unknown>>(properties)) {
      assert.ok(setting.scope, `${key} has a scope`);
      assert.ok(setting.markdownDescription, `${key} has a description`);
      assert.ok('default' in setting, `${key} has a default`);
    }
  });

  it('declares the views, the language and the debugger the code uses', () => {
    assert.equal(manifest.contributes.views[Views.container][0].id, Views.logPanel);
    assert.equal(manifest.contributes.languages[0].id, LANGUAGE_LAMBDA_LOG);
    assert.equal(manifest.contributes.grammars[0].language, LANGUAGE_LAMBDA_LOG);
    assert.equal(manifest.contributes.debuggers[0].type, 'lambda');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, false);
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
  });

  it('has no implicit activation events (commands and views activate by themselves)', () => {
    for (const event of manifest.activationEvents as string[]) {
      assert.doesNotMatch(
        event,
        /^(onCommand|onView|onDebugAdapterProtocolTracker|onCustomEditor|onAuthenticationRequest|\*)/,
        event,
      );
    }
    assert.ok(manifest.activationEvents.includes('onDebugResolve:lambda'));
    assert.ok(manifest.activationEvents.includes('onDebugDynamicConfigurations:lambda'));
  });

  it('packs every path the manifest names (vsce ls) and nothing from the source tree', () => {
    const listed = execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls'],
      { cwd: ROOT, encoding: 'utf8' },
    )
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const files = new Set(listed);
    const named = [
      manifest.main,
      manifest.contributes.debuggers[0].program,
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
      ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
      manifest.contributes.viewsContainers.panel[0].icon,
      SERVER_MODULE,
      'dist/runtime-bootstrap.js',
      'dist/log-panel.js',
      'dist/log-panel.css',
      'dist/cli.js',
    ].map((p: string) => p.replace(/^\.\//, ''));
    for (const file of named) {
      assert.ok(files.has(file), `${file} is named by the manifest but not packed`);
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} exists`);
    }
    assert.ok(
      listed.some((file) => file.startsWith('node_modules/esbuild/lib/')),
      'esbuild ships for TypeScript handlers',
    );
    for (const file of listed) {
      assert.doesNotMatch(
        file,
        /^(debug-adapter|extension|test|bench|scripts|examples)\//,
        `${file} should not be packed`,
      );
      assert.doesNotMatch(file, /\.ts$|\.map$/, `${file} should not be packed`);
    }
  });

  it('keeps vscode out of every bundle but extension.js', () => {
    for (const bundle of [
      'debug-adapter.js',
      'cli.js',
      'language-server.js',
      'runtime-bootstrap.js',
      'log-panel.js',
    ]) {
      const text = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
      assert.doesNotMatch(text, /require\(["']vscode["']\)/, `${bundle} requires vscode`);
    }
    assert.match(
      fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8'),
      /require\(["']vscode["']\)/,
    );
  });
});
