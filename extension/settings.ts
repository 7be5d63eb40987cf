/** Typed access to our settings (house-style.md principle 8). */
import * as vscode from 'vscode';
import type { Setting, Settings } from './contributions';

export function readSetting<K extends Setting>(
  key: K,
  scope?: vscode.ConfigurationScope,
): Settings[K] | undefined {
  const dot = key.indexOf('.');
  return vscode.workspace
    .getConfiguration(key.slice(0, dot), scope)
    .get<Settings[K]>(key.slice(dot + 1));
}
