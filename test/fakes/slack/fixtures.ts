import { readFileSync } from 'node:fs';

export type Json = Record<string, unknown>;

export type FixtureName =
  | 'message-in-thread'
  | 'message-changed'
  | 'message-deleted'
  | 'block-actions'
  | 'view-submission'
  | 'slash-command'
  | 'message-action';

const loaded = new Map<FixtureName, Json>();

/** A fresh copy of one of the documented payloads in test/fixtures/slack. */
export function fixture(name: FixtureName): Json {
  let payload = loaded.get(name);
  if (!payload) {
    payload = JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as Json;
    loaded.set(name, payload);
  }
  return structuredClone(payload);
}

export function part(payload: Json, field: string): Json {
  const value = payload[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`fixture has no ${field}`);
  return value as Json;
}
