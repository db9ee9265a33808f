import type { App } from '@slack/bolt';
import { type EventEnvelope, installedTeam } from './installed-team.ts';
import { ingestDeletion, ingestEdit, ingestReply, isHumanReply } from './message-ingest.ts';
import type { SlackContext, SlackMessage } from './slack-context.ts';

interface MessageEventFields extends SlackMessage {
  channel: string;
  event_ts?: string;
  message?: SlackMessage;
  deleted_ts?: string;
  previous_message?: SlackMessage;
}

/** Replies in question threads become responses; edits add revisions; deletions mark responses deleted. */
export function listenToMessages(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, context }) => {
    const fields = event as unknown as MessageEventFields;
    const team = installedTeam(body as EventEnvelope, context.teamId);
    const eventTs = fields.event_ts ?? fields.ts;
    if (fields.subtype === 'message_changed' && fields.message) {
      await ingestEdit(ctx, team, fields.channel, fields.message, eventTs);
      return;
    }
    if (fields.subtype === 'message_deleted') {
      const deleted = fields.deleted_ts ?? fields.previous_message?.ts;
      if (deleted) await ingestDeletion(ctx, team, fields.channel, deleted, eventTs);
      return;
    }
    // Top-level messages cannot answer a question: only thread replies reach the store.
    if (isHumanReply(fields)) await ingestReply(ctx, team, fields.channel, fields);
  });
}
