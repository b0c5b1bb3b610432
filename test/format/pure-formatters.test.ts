import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../../src/format/index.js';
import type { Report } from '../../src/report/types.js';
import { checkTempFiles, contextFor, DAYTIME_DUTY } from './_lib/reports.js';

describe('every format is a function of the report', () => {
  it('takes rule titles and subjects from the report, not from the built-in rules', async () => {
    const files = await checkTempFiles();
    const ID = 'my-pack/rest-between-duties';
    // A rule no registry knows: what the formats say of it can come only from the report.
    const report: Report = {
      ...files.report,
      rules: files.report.rules.map((r) =>
        r.id === DAYTIME_DUTY ? { ...r, id: ID, title: { 'zh-CN': '两班之间休息不少于11小时', en: 'At least 11 hours of rest' }, subjects: [...r.subjects, { type: 'officer', id: 'O9' }] } : r,
      ),
      violations: files.report.violations.map((v) => (v.ruleId === DAYTIME_DUTY ? { ...v, ruleId: ID } : v)),
    };
    const render = (name: string, language: 'zh-CN' | 'en' = 'zh-CN') => FORMATTERS.get(name)!.format(report, contextFor(files, { language }));
    expect(render('text')).toContain(`${ID}  两班之间休息不少于11小时`);
    expect(render('text', 'en')).toContain(`${ID}  At least 11 hours of rest`);
    expect(render('github')).toContain(`title=${ID}%3A 两班之间休息不少于11小时::`);
    expect(render('junit')).toContain('<property name="title" value="两班之间休息不少于11小时"/>');
    expect(render('junit')).toContain(`<testcase classname="${ID}" name="officer O9"/>`);
    const sarif = JSON.parse(render('sarif', 'en')) as { runs: [{ tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }] };
    expect(sarif.runs[0].tool.driver.rules.find((r) => r.id === ID)!.shortDescription.text).toBe('At least 11 hours of rest');
  });

  it('locates findings in the dataset file the report names', async () => {
    const files = await checkTempFiles();
    expect(files.report.source).toEqual({ dataset: files.dataset, rosters: files.rosters });
    const moved: Report = { ...files.report, source: { dataset: `${files.dir}/elsewhere.json`, rosters: [] } };
    expect(FORMATTERS.get('github')!.format(moved, contextFor(files))).toContain('::warning file=elsewhere.json,');
  });
});
