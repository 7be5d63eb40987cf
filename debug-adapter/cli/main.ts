/**
 * The headless CLI (`dist/cli.js`, the package's `bin`): `invoke`, `start-lambda` and
 * `generate-event`, mirroring `sam local`. Exit status 0 success, 1 function error, 2 usage or
 * configuration error. Never imports vscode.
 */
import { ConfigError } from '../emulator/functionConfig';
import { ConfigurationError } from './functions';
import { generateEventCommand } from './generateEvent';
import { invokeCommand } from './invoke';
import { startLambdaCommand } from './startLambda';
import { HELP, UsageError } from './usage';

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP.main + '\n');
        return command === undefined ? 2 : 0;
      case 'invoke':
        return await invokeCommand(args, io);
      case 'start-lambda':
        return await startLambdaCommand(args, io);
      case 'generate-event':
        return generateEventCommand(args, process.stdout);
      default:
        throw new UsageError(
          `unknown command '${command}'; commands: invoke, start-lambda, generate-event (see 'lambda-workbench --help')`,
        );
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigurationError ||
      error instanceof ConfigError
    ) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
