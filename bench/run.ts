// `npm run bench`: every benchmark, one after the other, printing figures to compare over time.
// Speed goals live here, never as timed assertions in tests.
import { benchDebugAdapter } from './dap.bench';
import { benchEmulator } from './emulator.bench';
import { benchInvokeApi } from './invokeApi.bench';
import { benchLanguageServer } from './lsp.bench';
import { benchVsCode } from './vscode.bench';

async function main(): Promise<void> {
  console.log(`Lambda Workbench benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await benchEmulator();
  await benchInvokeApi();
  await benchDebugAdapter();
  await benchLanguageServer();
  await benchVsCode();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
