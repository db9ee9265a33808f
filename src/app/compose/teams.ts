import type { HttpServer } from '../../../adapters/http/server.ts';
import { createTeamsAdapter, TEAMS_ROUTE } from '../../../adapters/teams/index.ts';
import type { CommandRegistry } from '../../core/commands/command-registry.ts';
import type { Consultation } from '../../core/consultation/consultation.ts';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import type { Config } from '../config.ts';

/**
 * Serves Teams at POST /api/messages on the one HTTP server and registers it with the core, when TEAMS_APP_ID
 * (with its password and tenant) is set. Returns whether Teams is connected.
 */
export function mountTeamsAdapter(input: {
  config: Config;
  deps: CoreDeps;
  http: HttpServer;
  commands: CommandRegistry;
  consultation: Consultation;
}): boolean {
  const { config, deps, http, commands, consultation } = input;
  if (!config.TEAMS_APP_ID || !config.TEAMS_APP_PASSWORD || !config.TEAMS_TENANT_ID) return false;
  const organisers = config.ORGANISERS.teams;
  const adapter = createTeamsAdapter({
    config: {
      appId: config.TEAMS_APP_ID,
      appPassword: config.TEAMS_APP_PASSWORD,
      tenantId: config.TEAMS_TENANT_ID,
      authority: config.TEAMS_AUTHORITY ?? 'https://login.microsoftonline.com',
      serviceUrl: config.TEAMS_SERVICE_URL ?? 'https://smba.trafficmanager.net/teams/',
    },
    consultation,
    registry: commands,
    isOrganiser: (userId) => organisers.has(userId),
    logger: deps.logger,
  });
  http.mount(TEAMS_ROUTE, adapter.handler);
  deps.platforms.register(adapter.platform);
  deps.logger.info({ route: TEAMS_ROUTE }, `Teams activities are served at ${TEAMS_ROUTE}`);
  return true;
}
