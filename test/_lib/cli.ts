import { runCli, type CliIO } from '../../src/cli/run-cli.js';

/** What one in-process run of the CLI gave: its exit code and everything it printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process, not on a TTY, collecting stdout and stderr; `cwd` resolves relative
 * outputs, `now` fixes the waivers' clock.
 */
export async function runCliCapturing(argv: readonly string[], io: Pick<CliIO, 'cwd' | 'now'>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { ...io, stdout: (t) => {
      stdout += t;
    }, stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}
