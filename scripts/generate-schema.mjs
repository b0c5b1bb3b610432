// Writes schema/dataset.schema.json from the zod schemas (run `npm run schema` after changing them).
import { writeFileSync } from 'node:fs';
import { datasetJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../schema/dataset.schema.json', import.meta.url), `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
console.log('wrote schema/dataset.schema.json');
