import { buildDigest, findProgramme } from '../digest/build-digest.ts';
import { collect, ExportFormats, htmlFormat } from '../digest/export-formats.ts';
import { safeChatText } from '../digest/format-escaping.ts';
import { exportOne } from '../digest/prepare-export.ts';
import { renderChatSummary } from '../digest/render-chat-summary.ts';
import { renderHtml } from '../digest/render-html.ts';
import { UserError } from '../errors.ts';
import type { Store } from '../ports/store.ts';
import type { ProgrammeRecord } from '../records.ts';
import type { ChannelAddress } from '../types.ts';
import type { CommandDefinition, CommandRegistry } from './command-registry.ts';
import { privateReply } from './command-registry.ts';

/**
 * `/agora digest [PROGRAMME] [WEEK]` and `/agora export FORMAT [FILE] [PROGRAMME] [WEEK]` for organisers: the reply
 * is private and carries the file. The programme may be left out when the command is used in one of its channels
 * or only one programme is loaded; the week defaults to the current one.
 */

const WEEK = /^\d{4}-w\d{2}$/i;
/** Files above this are not sent in chat: platforms refuse them, and the CLI or HTTP API suits them better. */
export const CHAT_FILE_LIMIT = 20 * 1024 * 1024;

interface Parsed {
  programme: ProgrammeRecord;
  week?: string;
  rest: string[];
}

async function parseArgs(store: Store, args: string[], channel: ChannelAddress | null): Promise<Parsed> {
  const programmes = await store.programmes.list();
  const week = args.find((a) => WEEK.test(a))?.toUpperCase();
  const named = args.find((a) => programmes.some((p) => p.slug === a));
  const rest = args.filter((a) => a !== named && !WEEK.test(a));
  if (named) return { programme: await findProgramme(store, named), week, rest };
  if (channel) {
    for (const programme of programmes) {
      const targets = await store.channels.targets(programme.id);
      if (
        targets.some(
          (t) =>
            t.platform === channel.platform &&
            t.workspaceId === channel.workspaceId &&
            t.channelId === channel.channelId,
        )
      )
        return { programme, week, rest };
    }
  }
  if (programmes.length === 1) return { programme: programmes[0] as ProgrammeRecord, week, rest };
  throw new UserError(
    'PROGRAMME_NOT_FOUND',
    programmes.length === 0
      ? 'No programme is loaded yet.'
      : `Say which programme, e.g. \`/agora digest ${programmes[0]?.slug}\`. Programmes: ${programmes.map((p) => p.slug).join(', ')}.`,
    { field: 'programme', valid: programmes.map((p) => p.slug) },
  );
}

export const digestCommand: CommandDefinition = {
  name: 'digest',
  usage: 'digest [PROGRAMME] [WEEK]',
  summary: 'the weekly digest (this week so far, or a week like 2026-W48) as a file',
  organiserOnly: true,
  async run({ deps, args, invocation }) {
    const { programme, week } = await parseArgs(deps.store, args, invocation.channel);
    const model = await buildDigest(deps, programme.id, week);
    const [file] = htmlFormat.files(model);
    const name = file?.name ?? 'digest.html';
    return privateReply(safeChatText(renderChatSummary(model, name)), {
      name,
      title: `${programme.title}: weekly digest, ${model.week.label}`,
      content: renderHtml(model),
    });
  },
};

export function exportCommand(formats: ExportFormats): CommandDefinition {
  return {
    name: 'export',
    usage: `export ${formats.names().join('|')} [FILE] [PROGRAMME] [WEEK]`,
    summary: 'results as a file; several-file formats send their first file unless you name one (e.g. votes.csv)',
    organiserOnly: true,
    async run({ deps, args, invocation }) {
      const { programme, week, rest } = await parseArgs(deps.store, args, invocation.channel);
      const [format, file] = rest;
      if (!format)
        throw new UserError('NOT_FOUND', `Say which format: ${formats.names().join(', ')}.`, {
          field: 'format',
          valid: formats.names(),
        });
      const result = await exportOne(deps, formats, { programme: programme.id, week, format, file });
      const content = await collect(result.chunks);
      if (content.length > CHAT_FILE_LIMIT)
        return privateReply(
          `That export is ${(content.length / 1024 / 1024).toFixed(0)} MB, too big for chat. Use \`agora export --programme ${programme.slug} --format ${format}\` or the HTTP API.`,
        );
      const text = `${result.name} for ${programme.title}${week ? `, ${week}` : ''}.`;
      return privateReply(safeChatText(text), {
        name: result.name,
        title: result.name,
        content:
          result.mediaType.startsWith('text/') || result.mediaType.startsWith('application/json')
            ? new TextDecoder().decode(content)
            : content,
      });
    },
  };
}

/** Adds `digest` and `export` to a command registry; XLSX appears where the caller passes formats that include it. */
export function registerDigestCommands(registry: CommandRegistry, formats: ExportFormats = new ExportFormats()): void {
  registry.register(digestCommand).register(exportCommand(formats));
}
