import { ComponentType, InteractionType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { type InteractionHandle, interact, knownChannel } from './interaction-dispatch.ts';

type Json = Record<string, unknown>;

function submittedInput(input: Json, fields: Record<string, string | string[]>, used: Set<string>): Json {
  const customId = String(input.custom_id);
  const given = fields[customId];
  used.add(customId);
  if (input.type !== ComponentType.TextInput) {
    return { type: input.type, id: input.id, custom_id: customId, values: given === undefined ? [] : [given].flat() };
  }
  if (Array.isArray(given)) throw new Error(`Field ${customId} is a text input`);
  // A field left alone is submitted with the value the bot pre-filled.
  const value = given ?? (input.value as string | undefined) ?? '';
  const min = (input.min_length as number | undefined) ?? 0;
  const max = (input.max_length as number | undefined) ?? 4000;
  if (input.required !== false && value === '') throw new Error(`Field ${customId} is required`);
  if (value !== '' && (value.length < min || value.length > max)) {
    throw new Error(`Field ${customId} takes ${min} to ${max} characters`);
  }
  return { type: ComponentType.TextInput, id: input.id, custom_id: customId, value };
}

/** A person submits the modal the bot showed them, filling fields by custom_id; checks required and lengths. */
export function userSubmitsModal(
  context: FakeContext,
  input: { customId: string; fields: Record<string, string | string[]>; userId?: string },
): InteractionHandle {
  const opener = context.interactions.openModal(input.customId, input.userId);
  if (!opener?.modal) throw new Error(`No open modal ${input.customId}${input.userId ? ` for ${input.userId}` : ''}`);
  const used = new Set<string>();
  const components = (opener.modal.data.components as Json[]).map((row) => {
    if (row.type === ComponentType.ActionRow) {
      return {
        type: row.type,
        id: row.id,
        components: (row.components as Json[]).map((c) => submittedInput(c, input.fields, used)),
      };
    }
    if (row.type === ComponentType.Label) {
      return { type: row.type, id: row.id, component: submittedInput(row.component as Json, input.fields, used) };
    }
    return { type: row.type, id: row.id };
  });
  const unknown = Object.keys(input.fields).filter((field) => !used.has(field));
  if (unknown.length > 0) throw new Error(`Modal ${input.customId} has no field ${unknown.join(', ')}`);
  opener.modal.submitted = true;
  const openedFrom = opener.payload.message;
  const message = openedFrom && (context.world.messages.get(openedFrom.id) ?? openedFrom);
  return interact(context, 'interaction-modal-submit', {
    type: InteractionType.ModalSubmit,
    userId: opener.userId,
    openerId: opener.id,
    channel: knownChannel(context, opener.channelId),
    ...(message && { message }),
    data: { custom_id: input.customId, components },
  });
}
