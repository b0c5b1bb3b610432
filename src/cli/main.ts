import { runCli } from './run-cli.js';
import { quietWhenClosed } from './_lib/output-stream.js';

// The executable: real process streams around the testable runCli.
const code = await runCli(process.argv.slice(2), {
  stdout: quietWhenClosed(process.stdout),
  stderr: quietWhenClosed(process.stderr),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  timings: process.env.DUTY_COMPLIANCE_TIMINGS === '1',
});
process.exitCode = code;
