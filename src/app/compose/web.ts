import path from 'node:path';
import { allExportFormats } from '../../../adapters/exports/all-formats.ts';
import { loadProgrammeFile, programmeFilesIn } from '../../../adapters/files/load-programme-files.ts';
import { formatProblem } from '../../../adapters/files/read-programme-file.ts';
import type { HttpServer } from '../../../adapters/http/server.ts';
import { planProgrammeJobs } from '../../../adapters/scheduler/plan-programme-jobs.ts';
import { createWebAdapter, type WebAdapter } from '../../../adapters/web/index.ts';
import type { CommandRegistry } from '../../core/commands/command-registry.ts';
import { createCommandRegistry } from '../../core/commands/default-commands.ts';
import type { Consultation } from '../../core/consultation/consultation.ts';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import type { ChannelDirectory } from '../../core/consultation/load-programme.ts';
import { exportOne } from '../../core/digest/prepare-export.ts';
import type { Config } from '../config.ts';
import { reminderPolicyOf } from './reminder-policy.ts';

/**
 * Wires the web adapter: the sandbox platform (registered with the core when the sandbox is on), the dashboard
 * (always), programme re-loading from PROGRAMMES_DIR, all served by the one HTTP server. The adapter is given the
 * consultation, never the store; re-loading and digest exports are wired here, where the store may be seen.
 */
export function mountWebAdapter(input: {
  config: Config;
  deps: CoreDeps;
  http: HttpServer;
  sandbox: boolean;
  directory: ChannelDirectory;
  commands?: CommandRegistry;
  /** What the adapter may ask of the core (instead of the store): the pipeline, use cases and named reads. */
  consultation: Consultation;
}): WebAdapter {
  const { config, deps, http, sandbox, directory, consultation } = input;
  const reminders = reminderPolicyOf(config);
  const formats = allExportFormats();
  const web = createWebAdapter({
    consultation,
    commands: input.commands ?? createCommandRegistry(reminders),
    organiserToken: config.ORGANISER_API_TOKEN,
    sandbox,
    sandboxOrganisers: [...config.ORGANISERS.web],
    reminders,
    digests: { exportFile: (request) => exportOne(deps, formats, request) },
    publicUrl: config.PUBLIC_URL,
    programmeFiles: {
      list: async () => (await programmeFilesIn(config.PROGRAMMES_DIR)).map((file) => path.basename(file)),
      reload: async (name) => {
        const result = await loadProgrammeFile(deps.store, path.join(config.PROGRAMMES_DIR, name), directory);
        if (result.problems)
          return { summary: `${name} has problems and was not loaded.`, problems: result.problems.map(formatProblem) };
        if (result.error || !result.slug || !result.changes)
          return { summary: `${name} was not loaded: ${result.error ?? 'unknown error'}`, problems: [] };
        await planProgrammeJobs(deps, result.slug);
        const { programme, questionsAdded, questionsUpdated, questionsArchived } = result.changes;
        return {
          slug: result.slug,
          summary: `Re-loaded ${name}: programme ${programme}; ${questionsAdded.length} question(s) added, ${questionsUpdated.length} updated, ${questionsArchived.length} archived. Its schedule was planned again.`,
          problems: [],
        };
      },
    },
  });
  if (sandbox) deps.platforms.register(web.platform);
  for (const prefix of web.prefixes) http.mount(prefix, web.listener);
  return web;
}
