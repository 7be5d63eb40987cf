// Writes the parts of package.json that the code defines (commands, settings' keys are checked,
// launch attributes are copied), so the manifest and the code cannot drift apart silently.
// Usage: node --import tsx scripts/sync-manifest.ts   (test/package checks that it is in sync)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_TITLES } from '../extension/contributions';
import { LAUNCH_ATTRIBUTES } from '../extension/debug/launchAttributes';

const file = path.resolve(__dirname, '..', 'package.json');
const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
manifest.contributes.commands = Object.entries(COMMAND_TITLES).map(([command, title]) => ({
  command,
  title,
  category: 'Lambda',
}));
manifest.contributes.debuggers[0].configurationAttributes.launch.properties = LAUNCH_ATTRIBUTES;
fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
console.log('package.json contributions synced');
