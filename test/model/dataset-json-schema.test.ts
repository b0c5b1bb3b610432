import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { datasetJsonSchema } from '../../src/model/dataset-schema.js';
import { dataset } from '../_lib/rule-tester.js';

const shipped = JSON.parse(readFileSync('schema/dataset.schema.json', 'utf8'));

describe('schema/dataset.schema.json', () => {
  it('is what the zod schemas generate (run `npm run schema` after changing them)', () => {
    expect(shipped).toEqual(datasetJsonSchema());
  });

  it('accepts a valid dataset and rejects a broken one, for apps that validate with JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(shipped);
    expect(validate(dataset({ roster: [{ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作' }] }))).toBe(true);
    expect(validate(dataset({ communities: [{ id: 'C1', name: 'x', kind: 'town', unit: 'PS1' }] }))).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/communities/0/kind');
  });
});
