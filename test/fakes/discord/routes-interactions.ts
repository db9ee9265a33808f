import {
  type APIApplicationCommandInteractionMetadata,
  type APIMessage,
  type APIMessageInteractionMetadata,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord.js';
import { deleteBotMessage, editBotMessage, isEphemeral, publishMessage, sendBotMessage } from './bot-messages.ts';
import type { FakeContext } from './context.ts';
import {
  alreadyAcknowledged,
  invalidWebhookToken,
  unknownChannel,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from './errors.ts';
import { FormErrors } from './form-errors.ts';
import type { InteractionRecord } from './interaction-records.ts';
import { buildMessage, numberComponents } from './messages.ts';
import { json, noContent, type RestRequest, type Route } from './router.ts';
import { checkModal } from './validate-components.ts';
import type { FakeChannel } from './world.ts';

type Json = Record<string, unknown>;

/** Callbacks whose with_response answer includes the message. */
const resourceTypes = [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.UpdateMessage];

/** Callback types Discord accepts for each kind of interaction. */
const allowedCallbacks: Partial<Record<InteractionType, InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

function interactionMetadata(context: FakeContext, record: InteractionRecord): APIMessageInteractionMetadata {
  const { payload } = record;
  const base = {
    id: record.id,
    user: context.world.userFor(record.userId).data,
    authorizing_integration_owners: payload.authorizing_integration_owners,
  };
  if (payload.type === InteractionType.ApplicationCommand) return { ...base, type: InteractionType.ApplicationCommand };
  if (payload.type === InteractionType.MessageComponent) {
    return { ...base, type: InteractionType.MessageComponent, interacted_message_id: payload.message.id };
  }
  const opener = context.interactions.byId(record.openerId ?? '');
  if (!opener) throw new Error(`Interaction ${record.id} answers no modal`);
  const triggering = interactionMetadata(context, opener) as APIApplicationCommandInteractionMetadata;
  return { ...base, type: InteractionType.ModalSubmit, triggering_interaction_metadata: triggering };
}

/** The channel an interaction came from: answers reach it even where the bot itself may not post. */
function sourceChannel(context: FakeContext, record: InteractionRecord): FakeChannel {
  const channel = context.world.findChannel(record.channelId);
  if (!channel) throw unknownChannel();
  return channel;
}

function responseDraft(context: FakeContext, record: InteractionRecord) {
  const { world } = context;
  return {
    type: record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
    extra: {
      webhook_id: world.applicationId,
      application_id: world.applicationId,
      interaction_metadata: interactionMetadata(context, record),
    },
  };
}

function componentMessage(context: FakeContext, record: InteractionRecord): APIMessage {
  const id = record.payload.message?.id;
  const message = id ? context.world.messages.get(id) : undefined;
  if (!message) throw unknownMessage();
  return message;
}

function answer(
  context: FakeContext,
  record: InteractionRecord,
  type: InteractionResponseType,
  data: Json,
  request: RestRequest,
) {
  const { world } = context;
  const channel = sourceChannel(context, record);
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      return sendBotMessage(context, channel, data, request.files, responseDraft(context, record));
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const flags = MessageFlags.Loading | (((data.flags as number | undefined) ?? 0) & MessageFlags.Ephemeral);
      record.placeholderPending = true;
      const draft = responseDraft(context, record);
      return publishMessage(context, buildMessage(world, { channel, author: world.bot, flags, ...draft }));
    }
    case InteractionResponseType.DeferredMessageUpdate:
      return componentMessage(context, record);
    case InteractionResponseType.UpdateMessage:
      return editBotMessage(context, componentMessage(context, record), data, request.files);
    default: {
      // The only other type the interaction may have been answered with: a modal.
      const errors = new FormErrors();
      checkModal(data, ['data'], errors);
      errors.throwIfAny();
      record.modal = {
        data: { ...data, components: numberComponents(data.components as unknown[]) },
        submitted: false,
      };
      return undefined;
    }
  }
}

function callback(context: FakeContext, request: RestRequest) {
  const { interactionId = '', token = '' } = request.params;
  const record = context.interactions.byId(interactionId);
  if (!record || record.token !== token) throw unknownInteraction();
  if (record.callback) throw alreadyAcknowledged();
  if (context.clock.now() - record.dispatchedAt > context.interactionDeadlineMs) throw unknownInteraction();
  const body = (request.body ?? {}) as { type?: InteractionResponseType; data?: Json };
  const allowed = allowedCallbacks[record.type] ?? [];
  if (body.type === undefined || !allowed.includes(body.type)) {
    const errors = new FormErrors();
    errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
    errors.throwIfAny();
  }
  const type = body.type as InteractionResponseType;
  const message = answer(context, record, type, body.data ?? {}, request);
  record.originalMessageId = message?.id;
  record.callback = { type, data: body.data, files: request.files, at: Date.now() };
  context.interactions.changed(record);
  if (request.query.get('with_response') !== 'true') return noContent();
  return json({
    interaction: {
      id: record.id,
      type: record.type,
      ...(message && {
        response_message_id: message.id,
        response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
        response_message_ephemeral: isEphemeral(message),
      }),
    },
    resource: { type, ...(message && resourceTypes.includes(type) && { message }) },
  });
}

function recordForWebhook(context: FakeContext, request: RestRequest): InteractionRecord {
  const { applicationId = '', token = '' } = request.params;
  const record = context.interactions.byToken(token);
  if (applicationId !== context.world.applicationId || !record?.callback) throw unknownWebhook();
  // An interaction token works for follow-ups and edits for 15 minutes, then Discord refuses it.
  if (context.clock.now() - record.dispatchedAt > context.interactionTokenLifetimeMs) throw invalidWebhookToken();
  return record;
}

function webhookMessage(context: FakeContext, record: InteractionRecord, messageId: string): APIMessage {
  const id = messageId === '@original' ? record.originalMessageId : messageId;
  const owned = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
  const message = owned ? context.world.messages.get(id) : undefined;
  if (!message) throw unknownMessage();
  return message;
}

function followUp(context: FakeContext, request: RestRequest) {
  const record = recordForWebhook(context, request);
  const body = (request.body ?? {}) as Json;
  let message: APIMessage;
  if (record.placeholderPending && record.originalMessageId) {
    // Discord fills a deferral's placeholder with the first follow-up, keeping the deferral's visibility.
    const { flags: _ignored, ...rest } = body;
    message = editBotMessage(context, webhookMessage(context, record, '@original'), rest, request.files);
    record.placeholderPending = false;
  } else {
    const channel = sourceChannel(context, record);
    message = sendBotMessage(context, channel, body, request.files, responseDraft(context, record));
  }
  record.followUpIds.push(message.id);
  context.interactions.changed(record);
  return json(message);
}

function editWebhookMessage(context: FakeContext, request: RestRequest) {
  const record = recordForWebhook(context, request);
  const message = webhookMessage(context, record, request.params.messageId ?? '');
  const edited = editBotMessage(context, message, (request.body ?? {}) as Json, request.files);
  if (edited.id === record.originalMessageId) record.placeholderPending = false;
  context.interactions.changed(record);
  return json(edited);
}

/** Interaction callbacks and the webhook endpoints of interaction tokens (follow-ups, @original). */
export function interactionRoutes(context: FakeContext): Route[] {
  const messagePath = '/webhooks/:applicationId/:token/messages/:messageId';
  return [
    {
      method: 'POST',
      pattern: '/interactions/:interactionId/:token/callback',
      needsToken: false,
      handle: (request) => callback(context, request),
    },
    {
      method: 'POST',
      pattern: '/webhooks/:applicationId/:token',
      needsToken: false,
      handle: (request) => followUp(context, request),
    },
    {
      method: 'GET',
      pattern: messagePath,
      needsToken: false,
      handle: (request) =>
        json(webhookMessage(context, recordForWebhook(context, request), request.params.messageId ?? '')),
    },
    {
      method: 'PATCH',
      pattern: messagePath,
      needsToken: false,
      handle: (request) => editWebhookMessage(context, request),
    },
    {
      method: 'DELETE',
      pattern: messagePath,
      needsToken: false,
      handle: (request) => {
        const record = recordForWebhook(context, request);
        deleteBotMessage(context, webhookMessage(context, record, request.params.messageId ?? ''));
        return noContent();
      },
    },
  ];
}
