import type { Activity } from '@microsoft/agents-activity';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { type InboundEvent, questionOrder } from '../../src/core/inbound/inbound-event.ts';
import type { Recipient } from '../../src/core/ports/chat-platform.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import { ActionData } from './action-data.ts';
import { channelPlace, personOf, tenantOf } from './activity-reading.ts';
import { type Ballot, ballotOf } from './ballots.ts';
import { dialog, noticeCard, statementCard } from './cards.ts';
import { cardText, teamsText } from './chat-text.ts';
import type { TeamsConnector } from './connector.ts';
import { type BotReply, dialogSays, NOT_RECORDED, saying, showing, UNREADABLE } from './invoke-answers.ts';
import { keepEvents } from './keep-events.ts';
import { messageAction } from './message-actions.ts';
import { teamsRef } from './refs.ts';

export interface CardActionContext {
  consultation: Consultation;
  connector: TeamsConnector;
  isOrganiser: (userId: string) => boolean;
  logger: Logger;
}

type Data<K extends ActionData['agora']> = Extract<ActionData, { agora: K }>;

const CONFIRMED_IN_CHAT = 'Your vote is in. Agora confirms it in your chat with Agora.';

/**
 * Buttons on Agora's cards and the dialogs they open: `adaptiveCard/action` (Action.Execute) for votes, dealt
 * statements and reviews; `task/fetch` and `task/submit` for private answers and new statements. Each write is
 * answered only once the core has kept it; what became of it comes from the core, in the person's 1:1 chat.
 */
export class CardActions {
  constructor(private readonly context: CardActionContext) {}

  async invoke(activity: Activity): Promise<BotReply> {
    if (activity.name?.startsWith('composeExtension/')) return messageAction(this.context, activity);
    const value = (activity.value ?? {}) as { action?: { data?: unknown }; data?: unknown };
    const raw = activity.name === 'adaptiveCard/action' ? value.action?.data : value.data;
    const parsed = ActionData.safeParse(raw);
    if (!parsed.success) {
      this.context.logger.warn(
        { name: activity.name, issues: parsed.error.issues.length },
        'an unreadable Teams action',
      );
      return activity.name === 'adaptiveCard/action' ? saying(UNREADABLE) : dialogSays(UNREADABLE);
    }
    const data = parsed.data;
    const question = await this.context.consultation.read.question(data.questionId);
    if (!question) return saying(UNREADABLE);
    switch (activity.name) {
      case 'adaptiveCard/action':
        if (data.agora === 'vote') return this.#vote(activity, question, data);
        if (data.agora === 'deal') return this.#deal(activity, question);
        if (data.agora === 'stance') return this.#stance(activity, question, data);
        if (data.agora === 'stand') return this.#stand(activity, question);
        if (data.agora === 'review') return this.#review(activity, data);
        return saying(UNREADABLE);
      case 'task/fetch':
        if (data.agora !== 'answer' && data.agora !== 'add-statement') return dialogSays(UNREADABLE);
        if (question.status !== 'open') return dialogSays('This question is not open, so it takes no answers now.');
        return { status: 200, body: dialog(data.agora, question.id, cardText(question.prompt)) };
      case 'task/submit':
        if (data.agora === 'answer') return this.#answer(activity, question, data.answer ?? '');
        if (data.agora === 'add-statement') return this.#addStatement(activity, question, data.statement ?? '');
        return dialogSays(UNREADABLE);
      default:
        return { status: 200, body: {} };
    }
  }

  #recipient(activity: Activity): Recipient {
    const tenantId = tenantOf(activity);
    const place = channelPlace(activity);
    return {
      platformUserId: personOf(activity).platformUserId,
      workspaceId: tenantId,
      ...(place && { channel: { platform: 'teams', workspaceId: tenantId, channelId: place.channelId } }),
    };
  }

  #event<K extends InboundEvent['kind']>(
    activity: Activity,
    kind: K,
    questionId: string,
    payload: Extract<InboundEvent, { kind: K }>['payload'],
    options: { key?: string; notice?: Recipient | null } = {},
  ): Extract<InboundEvent, { kind: K }> {
    return {
      kind,
      platform: 'teams',
      key: options.key ?? `teams:invoke:${activity.id}`,
      orderingKey: questionOrder(questionId),
      notice: options.notice === undefined ? this.#recipient(activity) : options.notice,
      payload,
    } as Extract<InboundEvent, { kind: K }>;
  }

  #keep(events: InboundEvent[]): Promise<string | null> {
    return keepEvents(this.context, events);
  }

  async #vote(activity: Activity, question: QuestionRecord, data: Data<'vote'>): Promise<BotReply> {
    const options = await this.context.consultation.read.options(question.id);
    const ballot: Ballot = ballotOf(question, options, data);
    if ('refusal' in ballot) return saying(ballot.refusal);
    const author = personOf(activity);
    const at = this.context.consultation.clock.now();
    const events = ballot.votes.map(({ subject, choice }) => {
      const key = `teams:invoke:${activity.id}${subject ? `:${subject}` : ''}`;
      return this.#event(
        activity,
        'vote.cast',
        question.id,
        { questionId: question.id, author, subject, choice, idempotencyKey: key, at },
        { key },
      );
    });
    // A poll that closed while its card was still shown: the vote is handed over all the same (the core records
    // the attempt and sends its notice), and the person is told at once, in the core's words.
    const closed = await this.context.consultation.read.closedPollRefusal(question.id);
    const problem = await this.#keep(events);
    return saying(problem ?? (closed ? teamsText(closed) : CONFIRMED_IN_CHAT));
  }

  /** "Where do I stand" on a dealt card: the core works it out and tells the person in their chat with Agora. */
  async #stand(activity: Activity, question: QuestionRecord): Promise<BotReply> {
    const delivery = await this.context.consultation.tellWhereTheyStand({
      questionId: question.id,
      person: personOf(activity),
      recipient: this.#recipient(activity),
    });
    return saying(
      delivery === 'undelivered'
        ? 'Agora could not write to you in a chat. Open Agora from Apps, then press the button again.'
        : 'Agora tells you where you stand in your chat with it.',
    );
  }

  /** "Vote on statements": the first card goes to the person's 1:1 chat, where only they see it. */
  async #deal(activity: Activity, question: QuestionRecord): Promise<BotReply> {
    const dealt = await this.context.consultation.dealStatement({
      questionId: question.id,
      participant: personOf(activity),
    });
    const card = dealt.kind === 'card' ? statementCard(dealt.card) : noticeCard(cardText(dealt.message));
    if (!channelPlace(activity)) return showing(card);
    const tenantId = tenantOf(activity);
    try {
      const chat = await this.context.connector.personalChat(tenantId, personOf(activity).platformUserId);
      await this.context.connector.send(tenantId, chat, { card });
      return saying('Agora has sent you the statements in your chat with Agora.');
    } catch (error) {
      this.context.logger.warn({ err: error, question: question.id }, 'could not deal a statement in a Teams chat');
      return saying('Agora could not write to you in a chat. Open Agora from Apps, then press the button again.');
    }
  }

  /** Agree, Disagree or Pass: kept, then the next statement replaces the card. */
  async #stance(activity: Activity, question: QuestionRecord, data: Data<'stance'>): Promise<BotReply> {
    const author = personOf(activity);
    const key = `teams:invoke:${activity.id}`;
    const vote = this.#event(
      activity,
      'vote.cast',
      question.id,
      {
        questionId: question.id,
        author,
        subject: data.statementKey,
        choice: [data.stance],
        idempotencyKey: key,
        at: this.context.consultation.clock.now(),
      },
      { notice: null },
    );
    const problem = await this.#keep([vote]);
    if (problem === NOT_RECORDED) return saying(problem);
    const next = await this.context.consultation.dealStatement({
      questionId: question.id,
      participant: author,
      alsoVoted: [data.statementKey],
    });
    return showing(next.kind === 'card' ? statementCard(next.card) : noticeCard(cardText(next.message)));
  }

  async #review(activity: Activity, data: Data<'review'>): Promise<BotReply> {
    const reviewer = personOf(activity);
    const place = channelPlace(activity);
    // The card pressed: shown decided, its buttons gone, once the core has applied the decision.
    const reviewCardRef =
      place && activity.replyToId
        ? teamsRef({ tenantId: tenantOf(activity), channelId: place.channelId, messageId: activity.replyToId })
        : undefined;
    const event = this.#event(activity, 'statement.reviewed', data.questionId, {
      ...(reviewCardRef && { reviewCardRef }),
      questionId: data.questionId,
      statementId: data.statementId,
      decision: data.decision,
      reviewer,
      reviewerIsOrganiser: this.context.isOrganiser(reviewer.platformUserId),
      at: this.context.consultation.clock.now(),
    });
    return saying(
      (await this.#keep([event])) ?? 'Your decision is in. Agora tells you in your chat what became of it.',
    );
  }

  async #answer(activity: Activity, question: QuestionRecord, body: string): Promise<BotReply> {
    const key = `teams:invoke:${activity.id}`;
    const event = this.#event(activity, 'answer.private', question.id, {
      questionId: question.id,
      author: personOf(activity),
      body: body.trim(),
      idempotencyKey: key,
      at: this.context.consultation.clock.now(),
    });
    return dialogSays(
      teamsText((await this.#keep([event])) ?? 'Thank you: your answer is in. Only organisers see it.'),
    );
  }

  async #addStatement(activity: Activity, question: QuestionRecord, text: string): Promise<BotReply> {
    const author = personOf(activity);
    const event = this.#event(activity, 'statement.added', question.id, {
      questionId: question.id,
      author,
      authorIsOrganiser: this.context.isOrganiser(author.platformUserId),
      text,
      at: this.context.consultation.clock.now(),
    });
    return dialogSays(
      (await this.#keep([event])) ?? 'Thank you. Agora tells you in your chat with it what became of your statement.',
    );
  }
}
