import { beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubFormatter } from '../../src/format/github.js';
import { textFormatter } from '../../src/format/text.js';
import type { Report } from '../../src/report/types.js';
import { checkTempFiles, contextFor, COVERAGE, DAYTIME_DUTY, withSuppressions, type CheckedFiles } from './_lib/reports.js';

interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/**
 * A workflow command line read back the way the Actions runner reads it (ActionCommand.TryParseV2):
 * `::` name, space, `k=v` pairs split at `,` and the first `=`, `::`, then the message.
 */
function parseCommand(line: string): WorkflowCommand {
  expect(line.startsWith('::')).toBe(true);
  const end = line.indexOf('::', 2);
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), true);
    }
  }
  return { command, properties, message: unescape(line.slice(end + 2), false) };
}

function unescape(value: string, property: boolean): string {
  let out = value.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return out.replace(/%25/g, '%');
}

/** The annotation lines of an output: the lines before the text report. */
function commandLines(output: string): string[] {
  const lines = output.split('\n');
  return lines.slice(0, lines.findIndex((l) => l.startsWith('::stop-commands::'))).filter((line) => line.startsWith('::'));
}

/**
 * The lines the Actions runner would run as workflow commands: those starting with `::`, except
 * between `::stop-commands::TOKEN` and `::TOKEN::`.
 */
function commandsTheRunnerRuns(output: string): string[] {
  const run: string[] = [];
  let stoppedUntil: string | undefined;
  for (const line of output.split(/\r\n|\r|\n/)) {
    if (stoppedUntil !== undefined) {
      if (line === stoppedUntil) stoppedUntil = undefined;
      continue;
    }
    if (!line.startsWith('::')) continue;
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stoppedUntil = `::${stop[1]}::`;
    else run.push(line);
  }
  return run;
}

let files: CheckedFiles;

beforeAll(async () => {
  files = await checkTempFiles();
});

describe('github formatter', () => {
  it('one annotation per violation, at its roster row or in the dataset file, then the text report', () => {
    const context = contextFor(files);
    const output = githubFormatter.format(files.report, context);
    const commands = commandLines(output).map(parseCommand);
    expect(commands).toEqual(
      files.report.violations.map((v) => ({
        command: v.severity === 'error' ? 'error' : 'warning',
        properties: expect.objectContaining({ title: expect.stringContaining(v.ruleId) }),
        message: v.message,
      })),
    );
    expect(commands.find((c) => c.command === 'warning')!.properties).toEqual({ file: 'dataset.json', title: expect.stringMatching(new RegExp(`^${COVERAGE}: `)) });
    expect(commands.filter((c) => c.command === 'error').map((c) => [c.properties.file, c.properties.line])).toEqual([
      ['roster.csv', '2'],
      ['roster.csv', '5'],
    ]);
    const token = /::stop-commands::(.+)\n/.exec(output)![1]!;
    expect(output.endsWith(`::stop-commands::${token}\n${textFormatter.format(files.report, { ...context, color: false })}::${token}::\n`)).toBe(true);
  });

  it('never colours the text report', () => {
    expect(githubFormatter.format(files.report, contextFor(files, { color: true }))).not.toContain('\u001b[');
  });

  it('without a dataset file, an annotation has no file', () => {
    const { source: _source, ...inMemory } = files.report;
    const coverage = commandLines(githubFormatter.format(inMemory, contextFor(files))).map(parseCommand).find((c) => c.command === 'warning')!;
    expect(Object.keys(coverage.properties)).toEqual(['title']);
  });

  it('gives waived violations no annotation', () => {
    const waived = withSuppressions(files.report, (v) => v.ruleId === DAYTIME_DUTY);
    const commands = commandLines(githubFormatter.format(waived, contextFor(files))).map(parseCommand);
    expect(commands.map((c) => c.command)).toEqual(['warning']);
  });

  it('puts file names with commas and colons in a property safely', async () => {
    const odd = await checkTempFiles({ rosterName: '4月,第1周: 值班 100%.csv' });
    const error = commandLines(githubFormatter.format(odd.report, contextFor(odd))).map(parseCommand).find((c) => c.command === 'error')!;
    expect(error.properties).toMatchObject({ file: '4月,第1周: 值班 100%.csv', line: '2' });
  });

  describe('input text never becomes a workflow command', () => {
    const hostile = ['O1\n::error file=.github/workflows/x.yml,line=1::pwned', '::add-mask::secret', 'x\r::set-env name=A::1', '::stop-commands::guess\n::error::after a guessed token'];
    for (const name of hostile) {
      it(JSON.stringify(name), () => {
        const report: Report = {
          ...files.report,
          violations: files.report.violations.map((v) => ({ ...v, message: `${name} ${v.message}`, subject: { ...v.subject, id: name } })),
        };
        const output = githubFormatter.format(report, contextFor(files));
        expect(output).toContain(name.split(/[\r\n]/).at(-1));
        const run = commandsTheRunnerRuns(output);
        expect(run).toEqual(commandLines(output));
        expect(run.map((l) => parseCommand(l).command)).toEqual(report.violations.map((v) => (v.severity === 'error' ? 'error' : 'warning')));
      });
    }

    it('the token is random unless given; every other format stays byte-identical', () => {
      const token = (o: string) => /::stop-commands::(.+)\n/.exec(o)![1];
      const a = githubFormatter.format(files.report, contextFor(files));
      const b = githubFormatter.format(files.report, contextFor(files));
      expect(token(a)).toMatch(/^duty-compliance-[0-9a-f]{32}$/);
      expect(token(a)).not.toBe(token(b));
      const fixed = { ...contextFor(files), stopCommandsToken: 'T' };
      expect(githubFormatter.format(files.report, fixed)).toBe(githubFormatter.format(files.report, fixed));
      expect(token(githubFormatter.format(files.report, fixed))).toBe('T');
      // A text that holds `::T::` would end the pause early: then another token is drawn.
      const ending: Report = { ...files.report, violations: files.report.violations.map((v) => ({ ...v, message: 'name ::T:: here' })) };
      expect(token(githubFormatter.format(ending, fixed))).toMatch(/^duty-compliance-[0-9a-f]{32}$/);
    });
  });

  describe('escapes hard messages so that each command is one line and reads back the same', () => {
    const cases: [name: string, message: string, data: string, property: string][] = [
      ['Chinese text', '社区民警 O1 (张伟) 在 2017-04-05 被安排日间所内值班', '社区民警 O1 (张伟) 在 2017-04-05 被安排日间所内值班', '社区民警 O1 (张伟) 在 2017-04-05 被安排日间所内值班'],
      ['commas', 'a, b,c，d', 'a, b,c，d', 'a%2C b%2Cc，d'],
      ['colons and a ::', 'time: 08:00 :: done：', 'time: 08:00 :: done：', 'time%3A 08%3A00 %3A%3A done：'],
      ['newlines', 'one\ntwo\n', 'one%0Atwo%0A', 'one%0Atwo%0A'],
      ['percent signs, also before escape-like text', '100% %0A %25', '100%25 %250A %2525', '100%25 %250A %2525'],
      ['carriage returns', 'one\r\ntwo\r', 'one%0D%0Atwo%0D', 'one%0D%0Atwo%0D'],
      ['all at once', '张伟: 50%,\r\n下一行', '张伟: 50%25,%0D%0A下一行', '张伟%3A 50%25%2C%0D%0A下一行'],
    ];
    for (const [name, message, data, property] of cases) {
      it(name, () => {
        expect(escapeData(message)).toBe(data);
        expect(escapeProperty(message)).toBe(property);
        const report: Report = { ...files.report, violations: files.report.violations.map((v) => ({ ...v, message })) };
        const output = githubFormatter.format(report, contextFor(files));
        const lines = commandLines(output);
        expect(lines).toHaveLength(report.violations.length);
        for (const line of lines) {
          expect(line).not.toMatch(/[\r\n]/);
          expect(parseCommand(line).message).toBe(message);
        }
      });
    }
  });
});
