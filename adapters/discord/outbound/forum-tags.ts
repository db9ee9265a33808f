import type { APIGuildForumTag } from 'discord.js';

const normalise = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The forum's own tags for a question's section, matched by name (case and spacing ignored). Agora never creates
 * tags: a forum's tags are its moderators' to manage. Discord allows five per post.
 */
export function tagsForSection(available: APIGuildForumTag[] | undefined, sectionTitle: string): string[] {
  if (!sectionTitle.trim()) return [];
  const wanted = normalise(sectionTitle);
  return (available ?? [])
    .filter((tag) => !tag.moderated && normalise(tag.name) === wanted)
    .map((tag) => tag.id)
    .slice(0, 5);
}
