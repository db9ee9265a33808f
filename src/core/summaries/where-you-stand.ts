import { votesNeededToBePlaced } from '../positions/in-conversation.ts';
import type { QuestionSummary, SummaryStatement } from './model.ts';

export type StatementVote = 'agree' | 'disagree' | 'pass';

export interface SharedStatement {
  text: string;
  direction: 'agree' | 'disagree';
}

export interface OtherGroupDifference {
  group: string;
  text: string;
  /** How that group mostly voted, and how this person voted. */
  theirs: 'agree' | 'disagree';
  yours: StatementVote;
}

export interface CommonGround {
  text: string;
  direction: 'agree' | 'disagree';
  /** This person's vote on it; null when they have not voted on it yet. */
  yours: StatementVote | null;
}

export type WhereYouStand =
  | {
      status: 'placed';
      group: string;
      groupSize: number;
      groups: number;
      /** Statements that set this person's group apart, on which they voted as most of the group did. */
      withYourGroup: SharedStatement[];
      /** Statements that set another group apart, on which this person voted the other way. */
      apartFromOthers: OtherGroupDifference[];
      commonGround: CommonGround[];
    }
  | { status: 'not-placed'; votesCast: number; votesNeeded: number }
  | { status: 'no-groups'; message: string };

/**
 * Where one person stands among a question's opinion groups, from the stored summary and their own votes: the group
 * they were placed in, what they share with it, where they part from the other groups, and the common ground. Only
 * for the person themselves: it names no one else and shows nothing a group of fewer people could give away.
 */
export function whereYouStand(
  summary: QuestionSummary,
  participantId: string,
  votes: ReadonlyMap<string, StatementVote>,
  statements: number,
): WhereYouStand {
  const part = summary.opinionGroups;
  const needed = votesNeededToBePlaced(statements);
  const cast = [...votes.values()].length;
  if (part?.status !== 'grouped') {
    if (cast < needed) return { status: 'not-placed', votesCast: cast, votesNeeded: needed };
    return { status: 'no-groups', message: part?.message ?? 'No opinion groups have been formed yet.' };
  }
  const own = part.groups.find((g) => g.members.includes(participantId));
  if (!own) return { status: 'not-placed', votesCast: cast, votesNeeded: Math.max(needed, cast + 1) };
  const votedAs = (s: SummaryStatement) => votes.get(s.statementKey) === s.direction;
  const opposite = (s: SummaryStatement) => {
    const vote = votes.get(s.statementKey);
    return vote !== undefined && vote !== 'pass' && vote !== s.direction;
  };
  return {
    status: 'placed',
    group: own.label,
    groupSize: own.members.length,
    groups: part.groups.length,
    withYourGroup: own.representative.filter(votedAs).map(({ text, direction }) => ({ text, direction })),
    apartFromOthers: part.groups
      .filter((g) => g.id !== own.id)
      .flatMap((g) =>
        g.representative.filter(opposite).map((s) => ({
          group: g.label,
          text: s.text,
          theirs: s.direction,
          yours: votes.get(s.statementKey) as StatementVote,
        })),
      ),
    commonGround: part.consensus.map((s) => ({
      text: s.text,
      direction: s.direction,
      yours: votes.get(s.statementKey) ?? null,
    })),
  };
}
