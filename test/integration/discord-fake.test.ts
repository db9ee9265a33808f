import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  Client,
  type ClientEvents,
  DiscordAPIError,
  Events,
  type ForumChannel,
  GatewayIntentBits,
  type Interaction,
  LabelBuilder,
  type Message,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePayload } from '../fakes/discord/fixtures.ts';
import { defaultIds, type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../fakes/discord/index.ts';

const ids = defaultIds;
const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

let fake: FakeDiscord | undefined;
let client: Client | undefined;
let clientErrors: Error[] = [];

afterEach(async () => {
  await client?.destroy();
  await fake?.stop();
  client = undefined;
  fake = undefined;
  expect(clientErrors).toEqual([]);
  clientErrors = [];
});

function newClient(server: FakeDiscord, clientIntents = intents): Client {
  client = new Client({ rest: { api: server.apiUrl }, intents: clientIntents });
  client.on(Events.Error, (error) => clientErrors.push(error));
  return client;
}

/** A fake Discord and a real discord.js client logged in to it and ready. */
async function connect(options: FakeDiscordOptions = {}, clientIntents = intents) {
  const server = await startFakeDiscord(options);
  fake = server;
  const bot = newClient(server, clientIntents);
  const ready = nextEvent(bot, Events.ClientReady);
  await bot.login(server.token);
  await ready;
  return { fake: server, bot };
}

function nextEvent<E extends keyof ClientEvents>(
  emitter: Client,
  event: E,
  matches: (...args: ClientEvents[E]) => boolean = () => true,
  timeoutMs = 2000,
): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`No ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: ClientEvents[E]) => {
      if (!matches(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    emitter.on(event, listener);
  });
}

const fromPerson = (message: Message) => !message.author.bot;
const keys = (value: unknown) => Object.keys(value as object).sort();

async function registerConsultCommand(bot: Client) {
  const consult = new SlashCommandBuilder()
    .setName('consult')
    .setDescription('Run a consultation')
    .addSubcommand((start) =>
      start
        .setName('start')
        .setDescription('Start one')
        .addStringOption((question) => question.setName('question').setDescription('What to ask').setRequired(true)),
    );
  await bot.application?.commands.set([consult.toJSON()]);
}

function respondButton(customId: string) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customId).setLabel('Respond').setStyle(ButtonStyle.Primary),
  );
}

describe('discord.js against the fake Discord', () => {
  it('logs in and is ready within 2 seconds, with the guild, its channels and threads', async () => {
    const startedAt = Date.now();
    const { fake, bot } = await connect();

    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(bot.user?.id).toBe(fake.applicationId);
    const guild = bot.guilds.cache.get(ids.guild);
    expect(guild?.channels.cache.get(ids.general)?.name).toBe('general');
    expect(guild?.channels.cache.get(ids.thread)?.isThread()).toBe(true);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]?.intents).toBe(intents.reduce((all, intent) => all | intent, 0));
    expect(fake.calls({ method: 'GET', route: '/gateway/bot' })).toHaveLength(1);
  });

  it('delivers a reply in a thread with its member and reference, and takes the bot reply', async () => {
    const { fake, bot } = await connect();
    bot.on(Events.MessageCreate, async (message) => {
      if (fromPerson(message) && message.reference) await message.reply('Noted.');
    });
    const question = fake.userSendsMessage({ channelId: ids.thread, userId: ids.bob, content: 'March or April?' });
    const received = nextEvent(bot, Events.MessageCreate, (message) => message.author.id === ids.alice);
    fake.userSendsMessage({
      channelId: ids.thread,
      userId: ids.alice,
      content: 'April.',
      replyTo: question.message.id,
    });

    const [message] = await received;
    expect(message.content).toBe('April.');
    expect(message.channel.isThread()).toBe(true);
    expect(message.member?.roles.cache.has(ids.moderatorRole)).toBe(true);
    expect(message.reference?.messageId).toBe(question.message.id);
    const call = await fake.waitForCall({ method: 'POST', route: '/channels/:channelId/messages' });
    expect(call.status).toBe(200);
    expect(call.body).toMatchObject({ content: 'Noted.', message_reference: { message_id: message.id } });
    const reply = fake.messagesIn(ids.thread).at(-1);
    expect(reply).toMatchObject({ content: 'Noted.', author: { id: fake.applicationId }, type: 19 });
  });

  it('starts a thread from a message', async () => {
    const { fake, bot } = await connect();
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    const message = await general.send('Consultation: pilot timing');

    const thread = await message.startThread({ name: 'Pilot timing, round 2' });

    expect(thread.id).toBe(message.id);
    expect(thread.parentId).toBe(ids.general);
    expect(fake.channel(thread.id)).toMatchObject({ type: 11, name: 'Pilot timing, round 2' });
    expect(fake.message(message.id)?.thread?.id).toBe(thread.id);
    const another = await general.send('Another consultation');
    await expect(another.startThread({ name: 'x'.repeat(101) })).rejects.toMatchObject({ code: 50035 });
  });

  it('creates a forum post with a tag, and refuses a tag the forum does not have', async () => {
    const { fake, bot } = await connect();
    const forum = bot.channels.cache.get(ids.forum) as ForumChannel;

    const post = await forum.threads.create({
      name: 'Should the pilot start in April?',
      message: { content: 'Give your position below.' },
      appliedTags: [ids.questionTag],
    });

    expect(post.appliedTags).toEqual([ids.questionTag]);
    expect(fake.messagesIn(post.id)[0]).toMatchObject({ id: post.id, content: 'Give your position below.' });
    await expect(
      forum.threads.create({ name: 'Untagged', message: { content: 'x' }, appliedTags: ['1'] }),
    ).rejects.toMatchObject({ code: 50035 });
  });

  it('rejects a 2001-character message with 50035 and accepts 2000 characters', async () => {
    const { fake, bot } = await connect();
    const general = bot.channels.cache.get(ids.general) as TextChannel;

    const error = await general.send('x'.repeat(2001)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035, status: 400 });
    expect((error as DiscordAPIError).message).toContain(
      'content[BASE_TYPE_MAX_LENGTH]: Must be 2000 or fewer in length.',
    );
    await expect(general.send('x'.repeat(2000))).resolves.toBeDefined();
    expect(fake.calls({ route: '/channels/:channelId/messages' }).map((call) => call.status)).toEqual([400, 200]);
  });

  it('rejects embeds and components beyond what Discord allows, naming the field', async () => {
    const { bot } = await connect();
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    const button = (n: number) => ({ type: 2, style: 1, label: `Option ${n}`, custom_id: `option-${n}` });
    const row = (...components: object[]) => ({ type: 1, components });
    const select = { type: 3, custom_id: 'pick', options: [{ label: 'A', value: 'a' }] };
    const refusal = (payload: object) =>
      general.send(payload as never).then(
        () => 'accepted',
        (error: DiscordAPIError) => `${error.code} ${error.message.split('\n').slice(1).join(' | ')}`,
      );

    expect(await refusal({ embeds: [{ title: 'x'.repeat(257) }] })).toBe(
      '50035 embeds[0].title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.',
    );
    expect(await refusal({ embeds: Array.from({ length: 2 }, () => ({ description: 'x'.repeat(3001) })) })).toBe(
      '50035 embeds[MAX_EMBED_SIZE_EXCEEDED]: Embed size exceeds maximum size of 6000',
    );
    expect(await refusal({ components: [row(button(1), button(2), button(3), button(4), button(5), button(6))] })).toBe(
      '50035 components[0].components[BASE_TYPE_BAD_LENGTH]: Must be between 1 and 5 in length.',
    );
    expect(await refusal({ components: [row(select, button(1))] })).toBe(
      '50035 components[0].components[COMPONENT_LAYOUT_WIDTH_EXCEEDED]: The specified component exceeds the maximum width',
    );
    expect(await refusal({ components: Array.from({ length: 6 }, (_, n) => row(button(n))) })).toBe(
      '50035 components[BASE_TYPE_MAX_LENGTH]: Must be 5 or fewer in length.',
    );
    expect(await refusal({ components: [row({ ...button(1), custom_id: 'x'.repeat(101) })] })).toBe(
      '50035 components[0].components[0].custom_id[BASE_TYPE_BAD_LENGTH]: Must be between 1 and 100 in length.',
    );
    expect(await refusal({ content: '' })).toBe('50006 ');
    expect(await refusal({ components: [row(button(1), button(2))] })).toBe('accepted');
  });

  it('answers a slash command ephemerally and refuses a second answer to the same interaction', async () => {
    const { fake, bot } = await connect();
    await registerConsultCommand(bot);
    const outcomes: unknown[] = [];
    bot.on(Events.InteractionCreate, async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = (interaction as ChatInputCommandInteraction).options.getString('question', true);
      await interaction.reply({ content: `Started: ${question}`, flags: MessageFlags.Ephemeral }).then(
        () => outcomes.push('replied'),
        (error: unknown) => outcomes.push(error),
      );
    });

    const run = fake.userRunsSlashCommand({
      name: 'consult',
      subcommand: 'start',
      options: { question: 'March or April?' },
      userId: ids.alice,
      channelId: ids.general,
    });
    const response = await run.response();
    fake.replay(run.dispatch);
    await fake.waitForCall((call) => call.route.endsWith('/callback') && call.status === 400);
    await expect.poll(() => outcomes.length).toBe(2);

    expect(keys(run.payload)).toEqual(keys(fixturePayload('interaction-slash-command')));
    expect(response).toMatchObject({ type: 4, data: { content: 'Started: March or April?', flags: 64 } });
    expect(run.originalMessage()?.flags).toBe(64);
    expect(fake.messagesIn(ids.general)).toEqual([]);
    expect(outcomes[0]).toBe('replied');
    expect(outcomes[1]).toMatchObject({ code: 40060, status: 400 });
  });

  it('defers a button interaction, then its follow-up fills the deferred reply', async () => {
    const { fake, bot } = await connect();
    bot.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isButton()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'Your response was recorded.' });
    });
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    const prompt = await general.send({ content: 'Pilot timing?', components: [respondButton('respond')] });

    const click = fake.userClicksButton({ customId: 'respond', userId: ids.bob, messageId: prompt.id });

    expect((await click.response()).type).toBe(5);
    const followUp = await click.followUp();
    expect(followUp).toMatchObject({ content: 'Your response was recorded.', flags: 64 });
    expect(followUp.id).toBe(click.originalMessage()?.id);
    expect(click.payload).toMatchObject({ message: { id: prompt.id }, data: { custom_id: 'respond' } });
    expect(keys(click.payload)).toEqual(keys(fixturePayload('interaction-button')));
  });

  it('shows a modal and receives what the person typed in it', async () => {
    const { fake, bot } = await connect();
    const submitted: string[] = [];
    bot.on(Events.InteractionCreate, async (interaction) => {
      if (interaction.isButton()) {
        const position = new TextInputBuilder().setCustomId('position').setStyle(TextInputStyle.Paragraph);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('answer')
            .setTitle('Your position')
            .addLabelComponents(new LabelBuilder().setLabel('Position').setTextInputComponent(position)),
        );
      } else if (interaction.isModalSubmit()) {
        submitted.push(interaction.fields.getTextInputValue('position'));
        await interaction.reply({ content: 'Thanks.', flags: MessageFlags.Ephemeral });
      }
    });
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    await general.send({ content: 'Pilot timing?', components: [respondButton('respond')] });

    const click = fake.userClicksButton({ customId: 'respond', userId: ids.bob });
    expect(await click.response()).toMatchObject({ type: 9, data: { custom_id: 'answer', title: 'Your position' } });
    const submission = fake.userSubmitsModal({ customId: 'answer', fields: { position: 'April.' } });

    expect(await submission.response()).toMatchObject({ type: 4, data: { content: 'Thanks.' } });
    expect(submitted).toEqual(['April.']);
    expect(keys(submission.payload)).toEqual(keys(fixturePayload('interaction-modal-submit')));
    expect(() => fake.userSubmitsModal({ customId: 'answer', fields: { position: 'Again' } })).toThrow(/No open modal/);
  });

  it('refuses a modal with more than 5 rows or a text input longer than 4000', async () => {
    const { fake, bot } = await connect();
    const input = (n: number, maxLength = 100) => ({
      type: 1,
      components: [{ type: 4, custom_id: `field-${n}`, label: `Field ${n}`, style: 1, max_length: maxLength }],
    });
    const errors: string[] = [];
    bot.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isButton()) return;
      const rows = interaction.customId === 'six' ? [1, 2, 3, 4, 5, 6].map((n) => input(n)) : [input(1, 4001)];
      await interaction
        .showModal({ custom_id: 'too-much', title: 'Too much', components: rows } as never)
        .catch((error: DiscordAPIError) => errors.push(error.message.split('\n')[1] ?? ''));
    });
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    await general.send({ content: 'Try', components: [respondButton('six'), respondButton('long')] });

    fake.userClicksButton({ customId: 'six', userId: ids.bob });
    fake.userClicksButton({ customId: 'long', userId: ids.bob });

    await expect
      .poll(() => errors.sort())
      .toEqual([
        'data.components[0].components[0].max_length[NUMBER_TYPE_MAX]: int value should be less than or equal to 4000.',
        'data.components[BASE_TYPE_BAD_LENGTH]: Must be between 1 and 5 in length.',
      ]);
  });

  it('closes the gateway with 4014 when the app lacks MessageContent, and login rejects', async () => {
    const server = await startFakeDiscord({ messageContent: 'disabled' });
    fake = server;
    const bot = newClient(server);
    const closes: number[] = [];
    bot.on(Events.ShardDisconnect, (event) => closes.push(event.code));

    await expect(bot.login(server.token)).rejects.toThrow(/disallowed intents/i);
    expect(closes).toEqual([4014]);
    expect(server.identifies).toHaveLength(1);
  });

  it('in the empty-content mode, accepts the intent but delivers guild messages without content', async () => {
    const { fake, bot } = await connect({ messageContent: 'empty' });
    const received = nextEvent(bot, Events.MessageCreate, fromPerson);
    fake.userSendsMessage({ channelId: ids.general, userId: ids.bob, content: 'Hidden from the bot' });
    const mentioned = nextEvent(bot, Events.MessageCreate, (message) => message.content !== '');
    fake.userSendsMessage({ channelId: ids.general, userId: ids.bob, content: `<@${fake.applicationId}> hello` });

    expect((await received)[0].content).toBe('');
    expect((await mentioned)[0].content).toBe(`<@${fake.applicationId}> hello`);
  });

  it('resumes after a dropped connection and receives the events it missed', async () => {
    const { fake, bot } = await connect();
    const resumed = nextEvent(bot, Events.ShardResume, () => true, 5000);
    fake.dropConnection();
    const received = nextEvent(bot, Events.MessageCreate, fromPerson, 5000);
    fake.userSendsMessage({ channelId: ids.general, userId: ids.alice, content: 'Sent while you were away' });

    await resumed;
    expect((await received)[0].content).toBe('Sent while you were away');
    expect(fake.identifies).toHaveLength(1);
  });

  it('retries a call answered 429 after its retry_after', async () => {
    const { fake, bot } = await connect();
    fake.rateLimit({ method: 'POST', route: '/channels/:channelId/messages', times: 1, retryAfterSeconds: 0.1 });
    const general = bot.channels.cache.get(ids.general) as TextChannel;

    await general.send('After the limit');

    const attempts = fake.calls({ method: 'POST', route: '/channels/:channelId/messages' });
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(90);
  });

  it('refuses DMs to a person who blocks them and channels the bot may not use', async () => {
    const { bot } = await connect();
    const carol = await bot.users.fetch(ids.carol);

    await expect(carol.send('Hello')).rejects.toMatchObject({ code: 50007, status: 403 });
    const hidden = bot.channels.cache.get(ids.hidden) as TextChannel;
    await expect(hidden.send('Hello')).rejects.toMatchObject({ code: 50001, status: 403 });
    const readOnly = bot.channels.cache.get(ids.readOnly) as TextChannel;
    expect(readOnly.permissionsFor(bot.user?.id ?? '')?.has('SendMessages')).toBe(false);
    await expect(readOnly.send('Hello')).rejects.toMatchObject({ code: 50013, status: 403 });
  });

  it('lets the bot catch up on messages stored while it was away, newest first', async () => {
    const { fake, bot } = await connect();
    const first = fake.userSendsMessage({ channelId: ids.general, userId: ids.alice, content: 'one', offline: true });
    fake.userSendsMessage({ channelId: ids.general, userId: ids.bob, content: 'two', offline: true });
    fake.userSendsMessage({ channelId: ids.general, userId: ids.alice, content: 'three', offline: true });
    const general = bot.channels.cache.get(ids.general) as TextChannel;

    const missed = await general.messages.fetch({ after: first.message.id, limit: 10 });

    expect([...missed.values()].map((message) => message.content)).toEqual(['three', 'two']);
  });

  it("edits and deletes messages, the bot's over REST and people's over the gateway", async () => {
    const { fake, bot } = await connect();
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    const own = await general.send('Draft');
    await own.edit('Final');
    await own.delete();
    expect(fake.calls({ method: 'PATCH' })[0]?.body).toMatchObject({ content: 'Final' });
    expect(fake.message(own.id)).toBeUndefined();

    const { message } = fake.userSendsMessage({ channelId: ids.general, userId: ids.bob, content: 'Frist' });
    const updated = nextEvent(bot, Events.MessageUpdate);
    fake.userEditsMessage({ messageId: message.id, content: 'First' });
    expect((await updated)[1].content).toBe('First');
    const deleted = nextEvent(bot, Events.MessageDelete);
    fake.userDeletesMessage({ messageId: message.id });
    expect((await deleted)[0].id).toBe(message.id);
  });

  it("uploads files as multipart and serves them, and people's attachments too", async () => {
    const { fake, bot } = await connect();
    const general = bot.channels.cache.get(ids.general) as TextChannel;

    const sent = await general.send({
      content: 'Report',
      files: [{ attachment: Buffer.from('a,b\n1,2\n'), name: 'report.csv' }],
    });

    const call = await fake.waitForCall({ method: 'POST', route: '/channels/:channelId/messages' });
    expect(call.files.map((file) => [file.field, file.filename, file.bytes.toString()])).toEqual([
      ['files[0]', 'report.csv', 'a,b\n1,2\n'],
    ]);
    const uploaded = sent.attachments.first();
    expect(uploaded?.name).toBe('report.csv');
    expect(await (await fetch(uploaded?.url ?? '')).text()).toBe('a,b\n1,2\n');

    const received = nextEvent(bot, Events.MessageCreate, fromPerson);
    fake.userSendsMessage({
      channelId: ids.general,
      userId: ids.alice,
      content: 'My evidence',
      attachments: [{ filename: 'notes.txt', content: 'Budget confirmed in March', contentType: 'text/plain' }],
    });
    const attachment = (await received)[0].attachments.first();
    expect(await (await fetch(attachment?.url ?? '')).text()).toBe('Budget confirmed in March');
  });

  it('edits a deferred slash command reply, after which follow-ups are new messages', async () => {
    const { fake, bot } = await connect();
    await registerConsultCommand(bot);
    bot.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply('Consultation started.');
      await interaction.followUp('First question coming up.');
    });

    const run = fake.userRunsSlashCommand({
      name: 'consult',
      subcommand: 'start',
      options: { question: 'March or April?' },
      userId: ids.alice,
      channelId: ids.general,
    });
    const followUp = await run.followUp();

    expect((await run.response()).type).toBe(5);
    expect(run.originalMessage()).toMatchObject({ content: 'Consultation started.', flags: 0, type: 20 });
    expect(followUp.id).not.toBe(run.originalMessage()?.id);
    expect(fake.messagesIn(ids.general).map((message) => message.content)).toEqual([
      'Consultation started.',
      'First question coming up.',
    ]);
    expect(() => fake.userRunsSlashCommand({ name: 'unknown', userId: ids.alice, channelId: ids.general })).toThrow(
      /No slash command/,
    );
  });

  it('updates the message of a select menu and returns the callback when asked', async () => {
    const { fake, bot } = await connect();
    const resources: unknown[] = [];
    bot.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isStringSelectMenu()) return;
      const response = await interaction.update({
        content: `Stance: ${interaction.values[0]}`,
        components: [],
        withResponse: true,
      });
      resources.push(response.resource?.message?.content);
    });
    const general = bot.channels.cache.get(ids.general) as TextChannel;
    const stance = new StringSelectMenuBuilder()
      .setCustomId('stance')
      .addOptions({ label: 'Agree', value: 'agree' }, { label: 'Disagree', value: 'disagree' });
    const prompt = await general.send({
      content: 'Your stance?',
      components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(stance)],
    });

    expect(() => fake.userSelects({ customId: 'stance', values: ['maybe'], userId: ids.bob })).toThrow(
      /offers no maybe/,
    );
    const selection = fake.userSelects({ customId: 'stance', values: ['agree'], userId: ids.bob });

    expect((await selection.response()).type).toBe(7);
    expect(fake.message(prompt.id)).toMatchObject({ content: 'Stance: agree', components: [] });
    await expect.poll(() => resources).toEqual(['Stance: agree']);
    expect(keys(selection.payload)).toEqual(keys(fixturePayload('interaction-string-select')));
  });

  it('treats an interaction answered after the deadline as unknown (10062)', async () => {
    const { fake, bot } = await connect({ interactionDeadlineMs: 50 });
    await registerConsultCommand(bot);
    const outcomes: unknown[] = [];
    bot.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await interaction.reply('Too late').catch((error: unknown) => outcomes.push(error));
    });

    fake.userRunsSlashCommand({
      name: 'consult',
      subcommand: 'start',
      options: { question: 'March or April?' },
      userId: ids.alice,
      channelId: ids.general,
    });

    await expect.poll(() => outcomes).toEqual([expect.objectContaining({ code: 10062, status: 404 })]);
  });

  it('refuses a wrong bot token with 401', async () => {
    const server = await startFakeDiscord();
    fake = server;

    await expect(newClient(server).login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(server.calls()[0]).toMatchObject({ route: '/gateway/bot', status: 401 });
  });

  it('refuses invalid slash command registrations', async () => {
    const { bot } = await connect();

    await expect(
      bot.application?.commands.set([{ name: 'Consult', description: 'Upper case is not allowed' }]),
    ).rejects.toMatchObject({ code: 50035 });
  });
});

describe('payloads of the simulated people', () => {
  it('have the shapes of the recorded fixtures', async () => {
    const server = await startFakeDiscord();
    fake = server;
    const question = server.userSendsMessage({ channelId: ids.thread, userId: ids.bob, content: 'When?' });
    const reply = server.userSendsMessage({
      channelId: ids.thread,
      userId: ids.alice,
      content: 'April.',
      replyTo: question.message.id,
    });
    const edit = server.userEditsMessage({ messageId: question.message.id, content: 'When, really?' });
    const deletion = server.userDeletesMessage({ messageId: reply.message.id });

    expect(keys(reply.dispatch?.d)).toEqual(keys(fixturePayload('message-create-thread-reply')));
    expect(keys(edit.dispatch?.d)).toEqual(keys(fixturePayload('message-update')));
    expect(keys(deletion.dispatch?.d)).toEqual(keys(fixturePayload('message-delete')));
  });
});
