/**
 * Entry of the Lambda language server (`dist/language-server.js --stdio`), started by the
 * extension's language client: the editor learns what a Lambda function is (templates, handlers,
 * saved events, launch configurations) before anything runs (GitHub issue #6). Imports
 * vscode-languageserver and our modules; never vscode, which does not exist in this process.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LambdaLanguageServer } from './lambdaLanguageServer';
import { initModuleLexers } from './moduleExports';

const connection = createConnection(ProposedFeatures.all);

// Our own bugs are logged and survived: a server that dies takes every Lambda feature with it
// (house-style.md principle 18).
process.on('uncaughtException', (error) => {
  connection.console.error(`Uncaught exception: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  connection.console.error(`Unhandled rejection: ${detail}`);
});

initModuleLexers().then(
  () => new LambdaLanguageServer(connection).listen(),
  (error: unknown) => {
    console.error(`Cannot start the Lambda language server: ${String(error)}`);
    process.exit(1);
  },
);
