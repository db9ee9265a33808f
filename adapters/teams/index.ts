/** The Teams adapter: Bot Connector activities in (POST /api/messages), Bot Connector REST out. */
export {
  createTeamsAdapter,
  TEAMS_ROUTE,
  type TeamsAdapter,
  type TeamsAdapterConfig,
  type TeamsAdapterOptions,
} from './create-teams-adapter.ts';
