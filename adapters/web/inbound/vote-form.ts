import type { QuestionRecord } from '../../../src/core/records.ts';
import type { FormFields } from './form-data.ts';

/** Turns a submitted poll form into the votes the core casts; the core still checks every choice. */

export interface VoteIntent {
  subject: string;
  choice: string[] | null;
}

/** What a poll form was submitted with, to show it again as the person left it when it is refused. */
export function submittedChoices(form: FormFields): Record<string, string[]> {
  const choices: Record<string, string[]> = {};
  for (const name of form.names())
    if (name === 'choice' || name.startsWith('rank:') || name.startsWith('item:')) choices[name] = form.all(name);
  return choices;
}

export function parseVotes(question: QuestionRecord, form: FormFields): { votes: VoteIntent[] } | { error: string } {
  if (form.get('retract') === '1') return { votes: [{ subject: '', choice: null }] };
  switch (question.kind) {
    case 'single_choice':
    case 'multi_choice': {
      const choice = form.all('choice');
      if (choice.length === 0) return { error: 'Choose an option, then vote.' };
      return { votes: [{ subject: '', choice }] };
    }
    case 'ranked': {
      // Either the rank selects of the page (`rank:KEY` = place) or an ordered `choice` list.
      const listed = form.all('choice');
      if (listed.length) return { votes: [{ subject: '', choice: listed }] };
      const ranks = form
        .names()
        .filter((n) => n.startsWith('rank:'))
        .map((n) => ({ key: n.slice(5), place: Number(form.get(n)) }))
        .filter((r) => form.get(`rank:${r.key}`) !== '' && Number.isInteger(r.place) && r.place > 0);
      if (ranks.length === 0) return { error: 'Give at least one option a place, then vote.' };
      if (new Set(ranks.map((r) => r.place)).size !== ranks.length)
        return { error: 'Give each option a different place (two options share one).' };
      return { votes: [{ subject: '', choice: ranks.sort((a, b) => a.place - b.place).map((r) => r.key) }] };
    }
    case 'likert': {
      const votes = form
        .names()
        .filter((n) => n.startsWith('item:'))
        .map((n) => ({ subject: n.slice(5), choice: [form.get(n) ?? ''] }));
      if (votes.length === 0) return { error: 'Rate at least one item, then save.' };
      return { votes };
    }
    case 'statements':
      return { error: 'Statements are voted on one at a time: press "Vote on statements".' };
    default:
      return { error: 'This question takes written answers, not votes.' };
  }
}
