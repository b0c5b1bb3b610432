import type { Formatter } from './formatter.js';

/** The report (README, "The report") as JSON, two-space indented, ending with a newline. */
export const jsonFormatter: Formatter = {
  name: 'json',
  format: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
