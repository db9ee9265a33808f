import { type APIMessage, ComponentType, InteractionType } from 'discord.js';
import { isEphemeral } from './bot-messages.ts';
import type { FakeContext } from './context.ts';
import type { FixtureName } from './fixtures.ts';
import { type InteractionHandle, interact, knownChannel } from './interaction-dispatch.ts';

type Json = Record<string, unknown>;

function componentsOf(message: APIMessage): Json[] {
  const found: Json[] = [];
  const walk = (value: unknown) => {
    if (!Array.isArray(value)) return;
    for (const component of value as Json[]) {
      found.push(component);
      walk(component.components);
      if (component.accessory) found.push(component.accessory as Json);
    }
  };
  walk(message.components);
  return found;
}

/** The message holding a component with this custom_id: the given one, or else the latest such message. */
function findComponent(context: FakeContext, customId: string, type: ComponentType, messageId?: string) {
  const candidates = messageId
    ? [context.world.messages.get(messageId)]
    : [...context.world.messages.values()].reverse();
  for (const message of candidates) {
    const component = message && componentsOf(message).find((c) => c.custom_id === customId && c.type === type);
    if (message && component) {
      if (component.disabled) throw new Error(`Component ${customId} is disabled`);
      return { message, component };
    }
  }
  throw new Error(`No ${ComponentType[type]} with custom_id ${customId}${messageId ? ` on message ${messageId}` : ''}`);
}

function componentInteraction(
  context: FakeContext,
  userId: string,
  message: APIMessage,
  data: Json,
  fixture: FixtureName,
) {
  if (isEphemeral(message) && message.interaction_metadata?.user.id !== userId) {
    throw new Error('Only its recipient can use an ephemeral message');
  }
  return interact(context, fixture, {
    type: InteractionType.MessageComponent,
    userId,
    channel: knownChannel(context, message.channel_id),
    message,
    data,
  });
}

/** A person clicks a button (not a link) on a message. */
export function userClicksButton(
  context: FakeContext,
  input: { customId: string; userId: string; messageId?: string },
): InteractionHandle {
  const { message, component } = findComponent(context, input.customId, ComponentType.Button, input.messageId);
  const data = { id: component.id, custom_id: input.customId, component_type: ComponentType.Button };
  return componentInteraction(context, input.userId, message, data, 'interaction-button');
}

/** A person picks values in a string select; they must be among its options, as many as it allows. */
export function userSelects(
  context: FakeContext,
  input: { customId: string; values: string[]; userId: string; messageId?: string },
): InteractionHandle {
  const { message, component } = findComponent(context, input.customId, ComponentType.StringSelect, input.messageId);
  const options = (component.options as { value: string }[]).map((option) => option.value);
  const min = (component.min_values as number | undefined) ?? 1;
  const max = (component.max_values as number | undefined) ?? 1;
  const unknown = input.values.filter((value) => !options.includes(value));
  if (unknown.length > 0) throw new Error(`Select ${input.customId} offers no ${unknown.join(', ')}`);
  if (input.values.length < min || input.values.length > max) {
    throw new Error(`Select ${input.customId} takes ${min} to ${max} values`);
  }
  const data = {
    id: component.id,
    custom_id: input.customId,
    component_type: ComponentType.StringSelect,
    values: input.values,
  };
  return componentInteraction(context, input.userId, message, data, 'interaction-string-select');
}
