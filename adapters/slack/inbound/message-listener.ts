import type { App } from '@slack/bolt';
import { messageRef, tsToDate } from '../refs.ts';
import type { SlackContext, SlackMessage } from '../slack-context.ts';
import { type EventEnvelope, installedTeam } from './installed-team.ts';
import { deletionEvent, editEvent, isHumanReply, replyEvent } from './message-ingest.ts';
import { isPersonsEdit } from './message-subtypes.ts';
import { submitKept } from './submit.ts';

interface MessageEventFields extends SlackMessage {
  channel: string;
  event_ts?: string;
  message?: SlackMessage;
  deleted_ts?: string;
  previous_message?: SlackMessage;
}

/**
 * Replies in question threads become responses; edits add revisions; deletions mark responses deleted. Each goes
 * to the core's inbox, and Slack is acknowledged once it is kept there (see acknowledge-when-kept.ts).
 */
export function listenToMessages(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, context }) => {
    const fields = event as unknown as MessageEventFields;
    const eventId = (body as { event_id?: string }).event_id;
    const team = installedTeam(body as EventEnvelope, context.teamId);
    const eventTs = fields.event_ts ?? fields.ts;
    if (fields.subtype === 'message_changed' && fields.message) {
      const edited = fields.message;
      if (!isHumanReply(edited) || !isPersonsEdit(edited)) return;
      if (!(await ctx.consultation.read.postingAt(messageRef(team, fields.channel, edited.thread_ts)))) return;
      await submitKept(ctx, editEvent(team, fields.channel, edited, eventTs), eventId);
      return;
    }
    if (fields.subtype === 'message_deleted') {
      const deleted = fields.deleted_ts ?? fields.previous_message?.ts;
      const threadTs = fields.previous_message?.thread_ts;
      if (!deleted || !threadTs || threadTs === deleted) return;
      if (!(await ctx.consultation.read.postingAt(messageRef(team, fields.channel, threadTs)))) return;
      await submitKept(ctx, deletionEvent(team, fields.channel, deleted, threadTs, tsToDate(eventTs)), eventId);
      return;
    }
    // Top-level messages cannot answer a question: only thread replies are responses.
    if (!isHumanReply(fields)) return;
    const reply = await replyEvent(ctx, team, fields.channel, fields);
    if (reply) await submitKept(ctx, reply, eventId);
  });
}
