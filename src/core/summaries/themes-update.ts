import type { WrittenAnswer } from '../ports/reporting.ts';
import { answerPlacer } from '../themes/theme-model.ts';
import type { ThemesPart } from './model.ts';
import type { ComparedAnswers } from './themes-part.ts';

/**
 * Themes updated with answers written since they were found, instead of found again from every answer: each new
 * answer is placed by the stored model (nearest cluster centre; its theme when it shares enough with it, else
 * "other"; left out when it has no words). Labels, key phrases, quotes and ids stay as they were; sizes, people
 * and cross-tabs are counted again, exactly, from who wrote what now. A full recompute gives the same placement
 * for the old answers and, for the new ones, agrees to within the tolerance the tests state (theme-update.test.ts).
 */

/** Beyond this share of new answers (of those the themes were found on), themes are found again from scratch. */
export const INCREMENTAL_SHARE = 0.25;

export interface Author {
  participantId: string;
  private: boolean;
}

export function updatedThemes(
  stored: ThemesPart,
  added: readonly WrittenAnswer[],
  authors: ReadonlyMap<string, Author>,
  compared: ComparedAnswers | null,
): ThemesPart | null {
  const model = stored.model;
  if (!model) return null;
  const place = answerPlacer(model);
  const members = new Map(stored.themes.map((t) => [t.id, [...t.responseIds]]));
  const leftOut = [...(stored.leftOutIds ?? [])];
  for (const response of added) {
    const placed = place(response.body);
    if (placed.kind === 'theme') members.get(placed.theme)?.push(response.id);
    else if (placed.kind === 'left-out') leftOut.push(response.id);
  }
  const themed = new Set<string>();
  const themes = stored.themes.map((theme) => {
    const ids = members.get(theme.id) ?? [];
    for (const id of ids) themed.add(id);
    const people = new Set(ids.map((id) => authors.get(id)?.participantId ?? id));
    return {
      ...theme,
      people: people.size,
      responses: ids.length,
      responseIds: ids,
      crossTab: compared ? compared.tabulate(people) : theme.crossTab,
    };
  });
  themes.sort((a, b) => b.people - a.people || b.responseIds.length - a.responseIds.length || (a.id < b.id ? -1 : 1));
  const out = new Set(leftOut);
  const otherPeople = new Set<string>();
  let otherResponses = 0;
  for (const [id, author] of authors) {
    if (themed.has(id) || out.has(id)) continue;
    otherResponses++;
    otherPeople.add(author.participantId);
  }
  return {
    themes,
    other: { people: otherPeople.size, responses: otherResponses },
    leftOut: leftOut.length,
    leftOutIds: leftOut,
    model,
  };
}
