import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { type InboundEvent, questionOrder, threadOrder } from '../../src/core/inbound/inbound-event.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';

type Platform = 'slack' | 'discord';

import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { InProcessPlatform } from '../fakes/in-process-platform.ts';
import { TestClock } from '../support/core-harness.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { programmeDefinition, SLACK_STAFFROOM } from '../support/programme-fixture.ts';
import { teamsDriver } from '../support/teams-driver.ts';
import type { PlatformDriver } from './platform-driver.ts';
import { eventually } from './platform-suite.ts';

/** One core, one real SQLite store and the real pipeline, with the question shown in Slack and in Discord. */
describe('one question on two platforms', () => {
  let database: TestDatabase;
  let store: PrismaStore;
  let pipeline: InboundPipeline;
  const platforms = { slack: new InProcessPlatform('slack'), discord: new InProcessPlatform('discord') };
  const clock = new TestClock(new Date());
  let questionId: (key: string) => Promise<string>;

  beforeEach(async () => {
    platforms.slack = new InProcessPlatform('slack');
    platforms.discord = new InProcessPlatform('discord');
    database = sqliteDatabase();
    store = await openStore(database.url);
    const registry = new PlatformRegistry();
    registry.register(platforms.slack);
    registry.register(platforms.discord);
    const deps = { store, clock, logger: silentLogger, platforms: registry };
    await loadProgramme(store, programmeDefinition({ statement_approval: true }), 'fixture', {
      directory: (placeholder) =>
        placeholder === 'staffroom'
          ? [
              { platform: 'slack', workspaceId: 'T1', channelId: 'C_STAFF' },
              { platform: 'discord', workspaceId: 'G1', channelId: '900' },
            ]
          : placeholder === 'organisers'
            ? [
                { platform: 'slack', workspaceId: 'T1', channelId: 'C_ORG' },
                { platform: 'discord', workspaceId: 'G1', channelId: '901' },
              ]
            : [],
    });
    const programme = await store.programmes.findBySlug('staff-voice');
    questionId = async (key) => (await store.questions.findByKey(programme?.id as string, key))?.id as string;
    for (const key of ['q-open', 'q-single', 'q-statements']) await openQuestion(deps, await questionId(key));
    pipeline = new InboundPipeline({ inbox: store.inbox, deps, worker: 'test', tuning: { refreshDelayMs: 1 } });
  });
  afterEach(async () => {
    await pipeline.stop();
    await store.close();
    await database.drop();
  });

  const person = (platform: Platform, id: string) => ({ platform, platformUserId: id, displayName: `Person ${id}` });
  const reply = async (platform: Platform, user: string, ts: string): Promise<InboundEvent> => {
    const id = await questionId('q-open');
    const thread = platforms[platform].posted.find((p) => p.card.questionId === id)?.ref.threadRef as string;
    return {
      kind: 'response.posted',
      platform,
      key: `${platform}:${ts}`,
      orderingKey: threadOrder(thread),
      notice: { platformUserId: user, workspaceId: platform === 'slack' ? 'T1' : 'G1' },
      payload: {
        platform,
        containerRef: thread,
        messageRef: `${platform}:${ts}`,
        author: person(platform, user),
        body: `A reply from ${user}`,
        replyToRef: null,
        attachments: [],
        idempotencyKey: `${platform}:${ts}`,
        at: clock.now(),
      },
    };
  };
  /** Applies what was submitted and sends the card refreshes it asked for. */
  const settle = async () => {
    await pipeline.drain();
    await pipeline.stop();
  };
  const lastCard = (platform: Platform, messageRef: string | undefined) =>
    platforms[platform].updates.filter((u) => u.messageRef === messageRef).at(-1)?.card;

  it('a vote submitted from Discord refreshes the Slack card of the same poll', async () => {
    const id = await questionId('q-single');
    const [yes] = await store.questions.options(id);
    await pipeline.submit({
      kind: 'vote.cast',
      platform: 'discord',
      key: 'discord:interaction:1',
      orderingKey: questionOrder(id),
      notice: { platformUserId: 'D1', workspaceId: 'G1' },
      payload: {
        questionId: id,
        author: person('discord', 'D1'),
        subject: '',
        choice: [yes?.key as string],
        idempotencyKey: 'discord:interaction:1',
        at: clock.now(),
      },
    });
    await settle();
    const slackPosting = platforms.slack.posted.find((p) => p.card.questionId === id);
    const card = lastCard('slack', slackPosting?.ref.messageRef);
    expect(card).toBeDefined();
    expect(card?.tally?.find((line) => line.key === yes?.key)?.count).toBe(1);
    expect(lastCard('discord', platforms.discord.posted.find((p) => p.card.questionId === id)?.ref.messageRef)).toEqual(
      card,
    );
  });

  it('a thread reply updates the response count on every card of the question', async () => {
    await pipeline.submit(await reply('slack', 'U1', '1.1'));
    await settle();
    const id = await questionId('q-open');
    for (const platform of ['slack', 'discord'] as const) {
      const posted = platforms[platform].posted.find((p) => p.card.questionId === id);
      expect(lastCard(platform, posted?.ref.messageRef)?.responses).toBe(1);
    }
  });

  /** Slack adds a statement that waits for approval; resolves with its review cards in Slack and in Discord. */
  const statementAwaitingReview = async (n: number, text: string) => {
    const id = await questionId('q-statements');
    await pipeline.submit({
      kind: 'statement.added',
      platform: 'slack',
      key: `slack:statement:${n}`,
      orderingKey: questionOrder(id),
      notice: { platformUserId: 'U1', workspaceId: 'T1' },
      payload: { questionId: id, author: person('slack', 'U1'), authorIsOrganiser: false, text, at: clock.now() },
    });
    await pipeline.drain();
    return { questionId: id, slack: platforms.slack.reviews.at(-1), discord: platforms.discord.reviews.at(-1) };
  };
  /** An organiser in Discord decides; `reviewCardRef` is the card pressed, when the platform names one. */
  const decideInDiscord = async (
    n: number,
    cards: Awaited<ReturnType<typeof statementAwaitingReview>>,
    decision: 'approve' | 'reject',
    reviewCardRef?: string,
  ) => {
    await pipeline.submit({
      kind: 'statement.reviewed',
      platform: 'discord',
      key: `discord:interaction:review-${n}`,
      orderingKey: questionOrder(cards.questionId),
      notice: { platformUserId: 'D9', workspaceId: 'G1' },
      payload: {
        questionId: cards.questionId,
        statementId: cards.discord?.review.statementId as string,
        decision,
        reviewer: person('discord', 'D9'),
        reviewerIsOrganiser: true,
        at: clock.now(),
        ...(reviewCardRef ? { reviewCardRef } : {}),
      },
    });
    await settle();
  };
  const decisionsShown = (cards: Awaited<ReturnType<typeof statementAwaitingReview>>) =>
    (['slack', 'discord'] as const).map((platform) =>
      platforms[platform].decisions.filter((d) => d.messageRef === cards[platform]?.ref.messageRef),
    );

  it('a statement approved on Discord shows the decision on its review card in Slack too, without buttons', async () => {
    const cards = await statementAwaitingReview(1, 'Reports could be shorter');
    expect(cards.slack?.channel.channelId).toBe('C_ORG');
    expect(cards.discord?.channel.channelId).toBe('901');
    await decideInDiscord(1, cards, 'approve', cards.discord?.ref.messageRef);
    for (const shown of decisionsShown(cards)) {
      expect(shown.map((d) => d.decision.decision)).toEqual(['approved']);
      expect(shown[0]?.decision.summary).toMatch(/^Approved by Person D9: "Reports could be shorter"/);
    }
  });

  it('a decision sent with no card of its own (as Teams sends it) shows on every review card of the statement', async () => {
    const cards = await statementAwaitingReview(2, 'Marking could wait a week');
    await decideInDiscord(2, cards, 'reject');
    for (const shown of decisionsShown(cards)) expect(shown.map((d) => d.decision.decision)).toEqual(['rejected']);
  });

  it('confirmations are the same text on every platform', async () => {
    await pipeline.submit(await reply('slack', 'U1', '1.1'));
    await pipeline.submit(await reply('discord', 'D1', '2.1'));
    await settle();
    const [slackThanks] = platforms.slack.privateMessages.map((m) => m.text);
    const [discordThanks] = platforms.discord.privateMessages.map((m) => m.text);
    expect(slackThanks).toContain('Thank you');
    expect(discordThanks).toBe(slackThanks);
  });
});

/** The real Teams adapter against the fake Bot Connector, and the same question shown in Slack. */
describe('one poll in Teams and in Slack', () => {
  let driver: PlatformDriver;
  let slack: InProcessPlatform;
  beforeEach(async () => {
    slack = new InProcessPlatform('slack');
    driver = await teamsDriver({ alsoOn: [{ platform: slack, staffroom: SLACK_STAFFROOM }] });
  });
  afterEach(async () => driver.stop());

  it('a vote pressed on the Teams card refreshes the Slack card of the same poll', async () => {
    const programme = await driver.deps.store.programmes.findBySlug('staff-voice');
    const q = await driver.deps.store.questions.findByKey(programme?.id as string, 'q-single');
    expect((await openQuestion(driver.deps, q?.id as string)).failed).toEqual([]);
    const slackPosting = slack.posted.find((p) => p.card.questionId === q?.id);
    expect(slackPosting).toBeDefined();
    await driver.userVotes({ questionKey: 'q-single', user: 'alice', choice: ['yes'] });
    await eventually(async () => {
      const card = slack.updates.filter((u) => u.messageRef === slackPosting?.ref.messageRef).at(-1)?.card;
      expect(card?.voters).toBe(1);
    });
  });
});
