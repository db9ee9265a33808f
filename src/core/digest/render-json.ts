import { type DigestModel, digestModelSchema } from './model.ts';

/**
 * The digest as JSON, checked against its schema (src/core/digest/model.ts, `schemaVersion: 1`; a JSON Schema copy
 * is at docs/schemas/digest-v1.schema.json) before it is written, so a file that does not match is never produced.
 */
export function renderJson(model: DigestModel): string {
  return `${JSON.stringify(digestModelSchema.parse(model), null, 2)}\n`;
}
