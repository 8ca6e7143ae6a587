import { spawn, type ChildProcess } from 'node:child_process';
import { repoPath } from '../../libs/common/src/index.js';

/**
 * The real worker as a child process, run from the TypeScript sources through test/support/
 * register-ts.mjs (the same swc transform as Jest's), so no `nest build` is needed first.
 * Resolves once it logged that it started.
 */
export async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', repoPath('test', 'support', 'register-ts.mjs'), repoPath('apps', 'worker', 'src', 'main.ts')],
    {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('luoshi worker started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before starting:\n${output}`)),
    );
  });
  child.stdout!.resume();
  return child;
}

/** Waits for the child to exit; resolves with how it ended. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
