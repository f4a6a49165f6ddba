// A child-process runner for the conformance paths: like test/helpers/cli.ts's
// run(), but stdin is /dev/null, so a shim that exits in a few milliseconds can
// never race a write to its stdin (EPIPE).
import { spawn } from 'node:child_process';
import { GOVM_BIN, type RunResult } from '../helpers/cli.js';

export interface RunOpts {
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

export function runQuiet(cmd: string, args: string[], opts: RunOpts): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export const govmQuiet = (args: string[], opts: RunOpts): Promise<RunResult> => runQuiet(process.execPath, [GOVM_BIN, ...args], opts);
