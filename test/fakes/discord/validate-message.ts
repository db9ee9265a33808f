import { MessageFlags } from 'discord.js';
import { emptyMessage } from './errors.ts';
import { type FieldPath, FormErrors } from './form-errors.ts';
import { checkMessageComponents } from './validate-components.ts';

type Json = Record<string, unknown>;

const maxEmbedCharacters = 6000;

function checkEmbed(embed: Json, path: FieldPath, errors: FormErrors): number {
  const footer = (embed.footer ?? undefined) as Json | undefined;
  const author = (embed.author ?? undefined) as Json | undefined;
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  errors.length([...path, 'title'], embed.title, { max: 256 });
  errors.length([...path, 'description'], embed.description, { max: 4096 });
  errors.length([...path, 'fields'], embed.fields, { max: 25 });
  if (footer) errors.length([...path, 'footer', 'text'], footer.text, { min: 1, max: 2048, required: true });
  if (author) errors.length([...path, 'author', 'name'], author.name, { min: 1, max: 256, required: true });
  fields.forEach((field, index) => {
    errors.length([...path, 'fields', index, 'name'], field.name, { min: 1, max: 256, required: true });
    errors.length([...path, 'fields', index, 'value'], field.value, { min: 1, max: 1024, required: true });
  });
  const texts = [
    embed.title,
    embed.description,
    footer?.text,
    author?.name,
    ...fields.flatMap((f) => [f.name, f.value]),
  ];
  return texts.reduce<number>((total, text) => total + (typeof text === 'string' ? text.length : 0), 0);
}

/**
 * Checks what a message create or edit may carry: content up to 2000 characters, up to 10 embeds within their
 * field limits and 6000 characters in all, and components. Throws 50035 Invalid Form Body on the first failure.
 */
export function checkMessageBody(body: Json, path: FieldPath = [], errors = new FormErrors()): void {
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const componentsV2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  errors.length([...path, 'content'], body.content, { max: 2000 });
  errors.length([...path, 'embeds'], body.embeds, { max: 10 });
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  const characters = embeds.reduce(
    (total, embed, index) => total + checkEmbed(embed, [...path, 'embeds', index], errors),
    0,
  );
  if (characters > maxEmbedCharacters) {
    errors.add(
      [...path, 'embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${maxEmbedCharacters}`,
    );
  }
  if (componentsV2 && (body.content || embeds.length > 0)) {
    errors.add(
      [...path, 'content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      'The "content" and "embeds" fields cannot be used when using MessageFlags.IS_COMPONENTS_V2',
    );
  }
  checkMessageComponents(body.components, componentsV2, [...path, 'components'], errors);
  errors.throwIfAny();
}

/** Discord refuses a message with nothing to show (50006). */
export function checkNotEmpty(message: { content?: unknown; embeds?: unknown; components?: unknown }, files: number) {
  const has = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));
  if (!has(message.content) && !has(message.embeds) && !has(message.components) && files === 0) throw emptyMessage();
}

export function checkThreadName(name: unknown, errors: FormErrors): void {
  errors.length(['name'], name, { min: 1, max: 100, required: true });
}
