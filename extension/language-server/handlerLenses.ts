/**
 * Code lenses over handler functions: "Invoke", "Debug" and "Invoke with Event…" above each export
 * that a template or launch configuration names as a handler, or that looks like one (named
 * `handler`, or taking `(event, context)`). The commands are the extension's (protocol.ts).
 * Never vscode.
 */
import type { CodeLens } from 'vscode-languageserver';
import { looksLikeHandler } from './handlerResolution';
import type { LambdaProject } from './lambdaProject';
import { LensCommand, type HandlerCommandArgs } from './protocol';

/** The code lenses of a handler file. */
export function handlerLenses(project: LambdaProject, file: string): CodeLens[] {
  const module = project.sources.module(file);
  if (!module) return [];
  const references = project.references().get(file) ?? [];
  // A library's `handler` export, opened by go-to-definition, is nobody's function to run.
  const lookAlikes = !/[\\/]node_modules[\\/]/.test(file);
  const lenses: CodeLens[] = [];
  for (const e of module.info.exports) {
    if (e.kind === 'type') continue;
    const named = references.filter((r) => r.exportName === e.name).map((r) => r.args);
    const argsList: HandlerCommandArgs[] = named.length
      ? named
      : lookAlikes && looksLikeHandler(e)
        ? [project.defaultArgs(file, e.name)]
        : [];
    const range = {
      start: module.document.positionAt(e.declStart),
      end: module.document.positionAt(e.declEnd),
    };
    for (const args of argsList) {
      // Two functions may share one handler (different settings): the title names which.
      const suffix = named.length > 1 ? ` ${args.functionName ?? args.handler}` : '';
      lenses.push(
        {
          range,
          command: { title: `Invoke${suffix}`, command: LensCommand.invoke, arguments: [args] },
        },
        {
          range,
          command: { title: `Debug${suffix}`, command: LensCommand.debug, arguments: [args] },
        },
        {
          range,
          command: {
            title: `Invoke${suffix} with Event…`,
            command: LensCommand.invokeWithEvent,
            arguments: [args],
          },
        },
      );
    }
  }
  return lenses;
}
