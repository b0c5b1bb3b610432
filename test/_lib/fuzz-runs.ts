/**
 * How many runs a fuzz property gets: `small` in `npm test` (kept fast), `DUTY_FUZZ_RUNS` (or ten
 * times as many under `npm run fuzz`) for longer random runs.
 */
export function fuzzRuns(small: number): number {
  const given = Number(process.env.DUTY_FUZZ_RUNS);
  if (Number.isInteger(given) && given > 0) return given;
  return process.env.DUTY_FUZZ ? small * 10 : small;
}
