import { type Command, InvalidArgumentError } from 'commander';
import { opinionGroupsOfExport } from '../../../adapters/polis/opinion-groups-of-export.ts';
import { type PolisExport, PolisExportError } from '../../../adapters/polis/read-export.ts';
import { plainInstants, withoutCodeMarks } from '../../core/chat-text.ts';
import { resolveQuestion } from '../../core/consultation/resolve-question.ts';
import { positionsText } from '../../core/digest/positions-text.ts';
import { currentPositions } from '../../core/digest/summary-positions.ts';
import { isUserError } from '../../core/errors.ts';
import type { OpinionGroupsResult } from '../../core/positions/opinion-groups.ts';
import { groupingClarity } from '../../core/summaries/grouping-clarity.ts';
import { plural } from '../../core/wording.ts';
import { withStore } from './context.ts';
import { EXIT, paint } from './output.ts';

/**
 * `positions question PROGRAMME/QUESTION [--json]`: a question's current positions from the store (stored as a
 * summary); `positions polis DIR [--seed N] [--json]`: opinion groups of a Pol.is export folder (comments.csv and votes.csv).
 */
const CLI_LIST_HINT = '`agora programme list` lists every programme and question.';

export function registerPositionsCommand(program: Command): void {
  const positions = program
    .command('positions')
    .description('opinion groups, common ground and themes of a question, or of a Pol.is export');
  positions
    .command('question')
    .description("a question's opinion groups (agree/disagree) or themes (open), as /agora positions shows them")
    .argument('<question>', 'programme/question, or a question id unique across programmes')
    .option('--json', 'print the positions as JSON (the digest JSON schema\'s "positions" object)')
    .action(async (reference: string, options: { json?: boolean }) => {
      try {
        const output = await withStore(async (store, deps) => {
          const question = await resolveQuestion(store, reference, CLI_LIST_HINT);
          const current = await currentPositions(deps, question, 'organisers');
          const programme = await store.programmes.findById(question.programmeId);
          return options.json
            ? JSON.stringify(current, null, 2)
            : plainInstants(positionsText(question.prompt, current, programme?.timezone));
        });
        console.log(output);
      } catch (error) {
        if (!isUserError(error)) throw error;
        console.error(paint.red(withoutCodeMarks(error.message)));
        process.exitCode = EXIT.usage;
      }
    });
  positions
    .command('polis')
    .description('group the participants of a Pol.is export folder (reads comments.csv and votes.csv only)')
    .argument('<dir>', 'folder holding comments.csv and votes.csv')
    .option('--json', 'print one JSON object instead of text')
    .option('--seed <n>', 'seed of the clustering runs (the groups should not depend on it: try a few)', seedOption)
    .action(async (dir: string, options: { json?: boolean; seed?: number }) => {
      try {
        const { data, result } = await opinionGroupsOfExport(
          dir,
          options.seed === undefined ? {} : { seed: options.seed },
        );
        console.log(options.json ? JSON.stringify(asJson(data, result)) : asText(dir, data, result));
      } catch (error) {
        if (!(error instanceof PolisExportError)) throw error;
        console.error(paint.red(error.message));
        process.exitCode = EXIT.usage;
      }
    });
}

function seedOption(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('the seed is a whole number, 0 or more');
  return seed;
}

function asJson(data: PolisExport, result: OpinionGroupsResult) {
  if (result.status === 'not-enough-votes') {
    const nobody = Object.fromEntries(data.votes.map((vote) => [vote.participantId, null]));
    return { ...result, participants: nobody, groups: [], consensus: [] };
  }
  return {
    status: result.status,
    k: result.k,
    silhouette: result.silhouette,
    stability: result.stability,
    participants: Object.fromEntries(result.participants),
    groups: result.groups.map(({ id, members, centre, representative }) => ({
      id,
      members,
      centre,
      representative: representative.map(({ statementId, ...rest }) => ({ commentId: statementId, ...rest })),
    })),
    consensus: result.consensus.map(({ statementId, ...rest }) => ({ commentId: statementId, ...rest })),
    groupInformedConsensus: result.groupInformedConsensus.map(({ statementId, value }) => ({
      commentId: statementId,
      value,
    })),
    map: result.map,
  };
}

const percent = (count: number, seen: number) => `${Math.round((100 * count) / Math.max(seen, 1))}%`;

function asText(dir: string, data: PolisExport, result: OpinionGroupsResult): string {
  if (result.status === 'not-enough-votes') return result.message;
  const textOf = new Map(data.statements.map((s) => [s.id, s.text.replace(/\s+/g, ' ').trim()]));
  const quote = (id: string) => {
    const text = textOf.get(id) ?? '';
    return `"${text.length > 100 ? `${text.slice(0, 99)}…` : text}" (comment ${id})`;
  };
  const placed = [...result.participants.values()].filter((group) => group !== null).length;
  const lines = [
    paint.bold(`${dir}: ${plural(result.k, 'opinion group')} among ${plural(placed, 'placed participant')}`),
    paint.dim(
      `${result.participants.size} voted on ${plural(data.statements.length, 'statement')}; silhouette ${result.silhouette.toFixed(2)}`,
    ),
    paint.dim(groupingClarity(result.stability) ?? ''),
  ];
  for (const group of result.groups) {
    lines.push(
      '',
      paint.bold(
        `Group ${String.fromCharCode(65 + group.id)} (id ${group.id}): ${plural(group.members.length, 'person', 'people')}`,
      ),
    );
    for (const r of group.representative) {
      const share = `${percent(r.count, r.seen)} of ${r.seen} ${r.direction}`;
      lines.push(`  ${share.padEnd(20)} ${r.ratio.toFixed(1)}x the others  ${quote(r.statementId)}`);
    }
  }
  lines.push('', paint.bold('Consensus'));
  if (result.consensus.length === 0) lines.push('  none yet');
  for (const c of result.consensus)
    lines.push(`  ${`${percent(c.count, c.seen)} of ${c.seen} ${c.direction}`.padEnd(20)} ${quote(c.statementId)}`);
  return lines.join('\n');
}
