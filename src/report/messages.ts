import type { Language } from './types.js';

/**
 * Fills `{{name}}` placeholders from `data`, as ESLint messages do; an unknown placeholder is
 * left as written so that a missing value shows instead of vanishing.
 *
 * @example
 * fillMessage('{{officer}} worked {{actual}} half-days', { officer: 'O001', actual: 3 }) //=> 'O001 worked 3 half-days'
 */
export function fillMessage(template: string, data: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, name)) return whole;
    const value = data[name];
    if (Array.isArray(value)) return value.join(', ');
    return value === undefined || value === null ? whole : String(value);
  });
}

/** The languages a report can be written in; zh-CN is the default. */
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
