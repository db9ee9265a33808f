import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { opinionGroupsOfExport } from '../adapters/polis/opinion-groups-of-export.ts';
import {
  type PolisExport,
  PolisExportError,
  readPolisGroupInformedConsensus,
  readPolisGroups,
} from '../adapters/polis/read-export.ts';
import { adjustedRandIndex } from '../src/core/positions/adjusted-rand-index.ts';
import {
  computeOpinionGroups,
  type OpinionGroups,
  type OpinionGroupsResult,
} from '../src/core/positions/opinion-groups.ts';
import { columnMeans } from '../src/core/positions/pca.ts';
import { buildVoteMatrix } from '../src/core/positions/vote-matrix.ts';
import { checkAgainstPolis } from './positions-match.ts';
import { plantedGroupsConversation, syntheticConversation } from './positions-synthetic.ts';

/**
 * Opinion-groups benchmark. For each Pol.is export (POLIS_OPENDATA_DIR, default ../shared/polis-opendata, plus
 * any folders given as arguments): groups computed from comments.csv and votes.csv alone, through the same code
 * as `positions polis`, compared with Pol.is's group-id (adjusted Rand index over the participants Pol.is
 * grouped); and, from Pol.is's own groups, the representative, consensus and group-informed consensus statements
 * checked against a transcription of Pol.is's code. Then a timed synthetic 10,000 x 1,000 conversation.
 * Exits non-zero only on errors.
 * Pol.is open data: The Computational Democracy Project, Pol.is open data, CC BY 4.0.
 */

const repository = path.resolve(import.meta.dirname, '..');
const openData = process.env.POLIS_OPENDATA_DIR ?? path.resolve(repository, '..', 'shared', 'polis-opendata');

function conversationFolders(): string[] {
  const shared = existsSync(openData)
    ? readdirSync(openData, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(openData, entry.name))
        .sort()
    : [];
  return [...shared, ...process.argv.slice(2).map((dir) => path.resolve(dir))];
}

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The lowest adjusted Rand index between the groups of any two seeds: 1 when the seed changes nothing. */
function minimumAcrossSeeds(data: PolisExport, first: OpinionGroupsResult): string {
  const results = [
    first,
    ...SEEDS.slice(1).map((seed) =>
      computeOpinionGroups(data.votes, { hiddenStatementIds: data.hiddenStatementIds, seed }),
    ),
  ];
  if (results.some((r) => r.status !== 'grouped')) return 'n/a';
  const grouped = results as OpinionGroups[];
  const ids = [...(grouped[0] as OpinionGroups).participants.keys()];
  let lowest = 1;
  for (let a = 0; a < grouped.length; a++)
    for (let b = a + 1; b < grouped.length; b++)
      lowest = Math.min(
        lowest,
        adjustedRandIndex(
          ids.map((id) => (grouped[a] as OpinionGroups).participants.get(id) ?? null),
          ids.map((id) => (grouped[b] as OpinionGroups).participants.get(id) ?? null),
        ),
      );
  return lowest.toFixed(3);
}

async function conversationRow(folder: string): Promise<string[]> {
  const started = performance.now();
  const { data, result } = await opinionGroupsOfExport(folder, { seed: SEEDS[0] });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const acrossSeeds = minimumAcrossSeeds(data, result);
  const name = path.basename(folder);
  const voters = new Set(data.votes.map((v) => v.participantId)).size;
  const statements = `${data.statements.length}/${data.statements.length + data.hiddenStatementIds.length}`;
  if (!existsSync(path.join(folder, 'participants-votes.csv'))) {
    const k = result.status === 'grouped' ? String(result.k) : 'none';
    return [
      name,
      String(voters),
      statements,
      'n/a',
      acrossSeeds,
      `${k}/?`,
      'n/a (no participants-votes.csv)',
      '',
      '',
      seconds,
    ];
  }
  const polis = await readPolisGroups(folder);
  const grouped = [...polis].filter(([, group]) => group !== null).map(([id]) => id);
  const polisK = new Set(grouped.map((id) => polis.get(id))).size;
  const ours = (id: string) => (result.status === 'grouped' ? (result.participants.get(id) ?? null) : null);
  const ari = adjustedRandIndex(
    grouped.map((id) => polis.get(id)),
    grouped.map(ours),
  );
  const k = result.status === 'grouped' ? String(result.k) : 'none';
  const match = checkAgainstPolis(
    data.votes,
    data.hiddenStatementIds,
    polis,
    await readPolisGroupInformedConsensus(folder),
  );
  return [
    name,
    String(voters),
    statements,
    ari.toFixed(3),
    acrossSeeds,
    `${k}/${polisK}`,
    match.representative,
    match.consensus,
    match.groupInformedConsensus,
    seconds,
  ];
}

function cpuSeconds(since: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(2);
}

/** The adjusted Rand index of the groups found against the planted ones. */
function againstPlanted(result: OpinionGroupsResult, plantedGroup: ReadonlyMap<string, number>): string {
  if (result.status !== 'grouped') return 'n/a';
  const ids = [...plantedGroup.keys()];
  return adjustedRandIndex(
    ids.map((id) => plantedGroup.get(id)),
    ids.map((id) => result.participants.get(id) ?? null),
  ).toFixed(3);
}

/** Conversations with 2 to 5 planted groups of unequal size and sparse voting: is the right number found? */
function plantedTable(): string {
  const shares = [1, 0.75, 0.55, 0.4, 0.3];
  const rows = [['planted groups', 'k found', 'ARI against planted', 'seconds']];
  for (let planted = 2; planted <= 5; planted++) {
    const { votes, plantedGroup } = plantedGroupsConversation({
      participants: 1000,
      statements: 100,
      density: 0.3,
      shares: shares.slice(0, planted),
    });
    const started = performance.now();
    const result = computeOpinionGroups(votes);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const ari = againstPlanted(result, plantedGroup);
    rows.push([String(planted), result.status === 'grouped' ? String(result.k) : 'none', ari, seconds]);
  }
  return `Synthetic: 1,000 people, 100 statements, each seen by 30%, planted groups of sizes 1 : 0.75 : 0.55 : 0.4 : 0.3\n${table(rows)}`;
}

function timeSynthetic(): string[] {
  const participants = 10_000;
  const statements = 1_000;
  const { votes, plantedGroup } = syntheticConversation(participants, statements, 3, 0.3);
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const result = computeOpinionGroups(votes);
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = cpuSeconds(cpuStart);

  const matrix = buildVoteMatrix(votes);
  const passStart = performance.now();
  columnMeans(matrix);
  const pass = (performance.now() - passStart) / 1000;

  // Updated from the grouping of the same votes less every twentieth (as after a day of new votes).
  const earlier = computeOpinionGroups(votes.filter((_, i) => i % 20 !== 0));
  let updateLine = '  updated from the earlier grouping: not grouped';
  if (earlier.status === 'grouped') {
    const updateWall = performance.now();
    const updateCpu = process.cpuUsage();
    const updated = computeOpinionGroups(votes, {
      startFrom: { groups: earlier.groups.map((g) => g.members), stability: earlier.stability },
    });
    const updateSeconds = (performance.now() - updateWall) / 1000;
    const people = result.status === 'grouped' ? [...result.participants.keys()] : [];
    const labels = (r: typeof result) => people.map((p) => (r.status === 'grouped' ? r.participants.get(p) : null));
    updateLine = `  updated from the earlier grouping (5% of the votes new) ${updateSeconds.toFixed(2)} s wall, ${cpuSeconds(updateCpu)} s CPU; ARI against the full recompute ${adjustedRandIndex(labels(updated), labels(result)).toFixed(3)}; ratio ${(updateSeconds / pass).toFixed(0)}x`;
  }

  const planted = againstPlanted(result, plantedGroup);
  return [
    `Synthetic ${participants} x ${statements} (${votes.length} votes, 3 planted groups), load average ${loadavg()[0]?.toFixed(1)}:`,
    `  computeOpinionGroups   ${wall.toFixed(2)} s wall, ${cpu} s CPU; k = ${result.status === 'grouped' ? result.k : 'none'}, ARI against the planted groups ${planted}`,
    `  plain matrix pass      ${(pass * 1000).toFixed(1)} ms (column means over the dense vote matrix)`,
    `  ratio                  ${(wall / pass).toFixed(0)}x`,
    updateLine,
  ];
}

const header = [
  'conversation',
  'people',
  'statements',
  'ARI',
  'min ARI, 10 seeds',
  'k ours/Pol.is',
  'representative',
  'consensus',
  'group-informed consensus',
  'seconds',
];
const rows = [header];
for (const folder of conversationFolders()) {
  try {
    rows.push(await conversationRow(folder));
  } catch (error) {
    if (!(error instanceof PolisExportError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
console.log(table(rows));
console.log(`
statements: shown / in comments.csv (moderated-out and meta comments are hidden).
ARI: our groups, from comments.csv and votes.csv alone, against Pol.is's group-id, over the participants Pol.is
grouped (one of ours left ungrouped counts as its own label). min ARI, 10 seeds: the lowest ARI between the
groups computed with any two of seeds 1 to 10 (1.000: the seed changes nothing).
representative / consensus / group-informed consensus: computed by the engine from Pol.is's own group-id and
compared, statement by statement and in order, with a line-by-line transcription of Pol.is's math (repness.clj,
stats.clj, conversation.clj) in bench/polis-reference.ts, since these exports do not carry Pol.is's repness or
consensus lists. "exact" means the same statements in the same order and direction, the same counts, and every
statistic equal to 1e-9. "export" compares with the group-informed-consensus column of comments.csv where present.
Data: The Computational Democracy Project, Pol.is open data, CC BY 4.0.
`);
console.log(plantedTable());
console.log('');
console.log(timeSynthetic().join('\n'));
