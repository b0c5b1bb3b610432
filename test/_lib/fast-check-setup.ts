import fc from 'fast-check';

/**
 * Every property test runs with one fixed seed in `npm test`, so a run never fails by chance; a
 * failure prints the seed and the counterexample. `npm run fuzz` (DUTY_FUZZ=1) draws a new seed
 * each run for longer random runs; `FC_SEED=N` replays one.
 */
export const FIXED_SEED = 20_261_202;

const given = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : undefined;
const seed = given !== undefined && Number.isInteger(given) ? given : process.env.DUTY_FUZZ ? Math.floor(Math.random() * 2 ** 31) : FIXED_SEED;
if (process.env.DUTY_FUZZ) console.log(`fast-check seed ${seed} (replay with FC_SEED=${seed})`);
fc.configureGlobal({ seed });
