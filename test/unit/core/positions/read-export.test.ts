import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolisExportError, readPolisExport, readPolisGroups } from '../../../../adapters/polis/read-export.ts';

function exportFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'polis-export-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

const comments = [
  'timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,comment-body',
  '1,0,0,1,0,1,false,"Buses should run all night"',
  '2,1,0,0,1,-1,false,spam',
  '3,2,1,1,0,0,true,"Is this anonymous?"',
  '4,3,1,1,1,0,false,"Parks close too early,\nespecially in summer"',
].join('\n');

const votes = [
  'timestamp,datetime,comment-id,voter-id,vote',
  '10,x,0,5,1',
  '11,x,1,5,-1',
  '12,x,2,6,0',
  '13,x,0,6,-1',
  '14,x,0,6,1',
].join('\n');

describe('reading a Pol.is export', () => {
  it('reads statements and votes from comments.csv and votes.csv, by column name', async () => {
    const folder = exportFolder({ 'comments.csv': comments, 'votes.csv': votes });
    const data = await readPolisExport(folder);
    expect(data.statements).toEqual([
      { id: '0', text: 'Buses should run all night', authorId: '0' },
      { id: '3', text: 'Parks close too early,\nespecially in summer', authorId: '1' },
    ]);
    expect(data.hiddenStatementIds).toEqual(['1', '2']);
    expect(data.votes).toHaveLength(5);
    expect(data.votes[0]).toEqual({ participantId: '5', statementId: '0', vote: 1, at: 10 });
  });

  it('ignores every other file in the folder', async () => {
    const folder = exportFolder({
      'comments.csv': comments,
      'votes.csv': votes,
      'participants-votes.csv': 'not,a,"valid\nfile',
      'summary.csv': '\u0000\u0001',
    });
    await expect(readPolisExport(folder)).resolves.toMatchObject({ hiddenStatementIds: ['1', '2'] });
  });

  it('names the file and line of a malformed record', async () => {
    const badVote = exportFolder({ 'comments.csv': comments, 'votes.csv': `${votes}\n15,x,0,7,agree` });
    await expect(readPolisExport(badVote)).rejects.toThrow(
      /votes\.csv, line 7: vote should be a whole number, found "agree"/,
    );
    const badCsv = exportFolder({ 'comments.csv': comments, 'votes.csv': `${votes}\n15,x,0` });
    await expect(readPolisExport(badCsv)).rejects.toThrow(/votes\.csv, line 7: Invalid Record Length/);
    const missing = exportFolder({ 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,vote\n1,0,1' });
    await expect(readPolisExport(missing)).rejects.toThrow(/votes\.csv, line 1: missing column voter-id/);
  });

  it('refuses a missing folder or file clearly', async () => {
    await expect(readPolisExport('/no/such/folder')).rejects.toBeInstanceOf(PolisExportError);
    const noVotes = exportFolder({ 'comments.csv': comments });
    await expect(readPolisExport(noVotes)).rejects.toThrow(/votes\.csv: cannot be read \(ENOENT\)/);
  });

  it("reads Pol.is's own groups from participants-votes.csv", async () => {
    const folder = exportFolder({ 'participants-votes.csv': 'participant,group-id,n-votes\n5,0,2\n6,,3\n7,1,9' });
    expect(await readPolisGroups(folder)).toEqual(
      new Map([
        ['5', '0'],
        ['6', null],
        ['7', '1'],
      ]),
    );
  });
});
