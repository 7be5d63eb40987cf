// Types of setup.mjs for the TypeScript callers (test/e2e, bench).
export function setup(options?: { quiet?: boolean; browser?: boolean }): Promise<void>;
