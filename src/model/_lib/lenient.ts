import * as z from 'zod';

/**
 * A schema that keeps whatever parts of a value are right and drops the rest (as `undefined`),
 * so that references of an element that failed its schema are still checked: one pass then
 * finds every problem, and a bad field never makes a good id look unknown.
 */
export function lenient(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return lenient(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = lenient(field);
    return z.object(shape).optional().catch(undefined);
  }
  if (schema instanceof z.ZodArray) {
    // Elements that fail become undefined, keeping their indexes.
    return z.array(lenient(schema.element as z.ZodType)).optional().catch(undefined);
  }
  return schema.optional().catch(undefined);
}
