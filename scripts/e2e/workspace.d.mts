// Types of workspace.mjs for the TypeScript callers (test/e2e, bench).
export function copyExample(name: string, dest: string): string;
export function applyOverlay(overlay: string, dest: string): void;
