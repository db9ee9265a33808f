import { readFileSync } from 'node:fs';

const directory = new URL('../../fixtures/discord/', import.meta.url);

export type FixtureName =
  | 'message-create-thread-reply'
  | 'message-update'
  | 'message-delete'
  | 'interaction-slash-command'
  | 'interaction-button'
  | 'interaction-string-select'
  | 'interaction-modal-submit';

/** The `d` of a recorded gateway dispatch, freshly parsed so callers may change it. */
export function fixturePayload<T>(name: FixtureName): T {
  const frame = JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')) as { d: T };
  return frame.d;
}
