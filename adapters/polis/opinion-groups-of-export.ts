import {
  computeOpinionGroups,
  type OpinionGroupOptions,
  type OpinionGroupsResult,
} from '../../src/core/positions/opinion-groups.ts';
import { type PolisExport, readPolisExport } from './read-export.ts';

export interface ExportOpinionGroups {
  readonly data: PolisExport;
  readonly result: OpinionGroupsResult;
}

/** Opinion groups of a Pol.is export folder, from its comments.csv and votes.csv alone. */
export async function opinionGroupsOfExport(
  folder: string,
  options: Omit<OpinionGroupOptions, 'hiddenStatementIds'> = {},
): Promise<ExportOpinionGroups> {
  const data = await readPolisExport(folder);
  return {
    data,
    result: computeOpinionGroups(data.votes, { ...options, hiddenStatementIds: data.hiddenStatementIds }),
  };
}
