import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from '@microsoft/agents-activity';
import { getAuthConfigWithDefaults } from '@microsoft/agents-hosting';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { activityEndpoint } from './activity-endpoint.ts';
import { channelPlace, mentionsBot, tenantOf } from './activity-reading.ts';
import { BotTokens, type TeamsCredentials } from './bot-tokens.ts';
import { CardActions } from './card-actions.ts';
import { runCommand } from './commands.ts';
import { TeamsConnector } from './connector.ts';
import { TeamsFiles } from './file-consents.ts';
import { type BotReply, NOT_RECORDED } from './invoke-answers.ts';
import { TeamsPlatform } from './teams-platform.ts';
import { ThreadMessages } from './thread-messages.ts';

/** What the adapter needs from configuration; the composition root reads it (TEAMS_* variables). */
export interface TeamsAdapterConfig extends TeamsCredentials {
  /** TEAMS_SERVICE_URL: where to post before Teams has sent an activity naming one. */
  serviceUrl: string;
}

export interface TeamsAdapterOptions {
  config: TeamsAdapterConfig;
  consultation: Consultation;
  registry: CommandRegistry;
  /** People listed in ORGANISERS (`teams:<Entra object id>`). */
  isOrganiser?: (userId: string) => boolean;
  logger: Logger;
}

export interface TeamsAdapter {
  readonly platform: TeamsPlatform;
  /** Serves POST /api/messages. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export const TEAMS_ROUTE = '/api/messages';

export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const { config, consultation, registry, logger } = options;
  const isOrganiser = options.isOrganiser ?? (() => false);
  const connector = new TeamsConnector(new BotTokens(config), config.appId, config.serviceUrl);
  const platform = new TeamsPlatform(connector, logger);
  const threads = new ThreadMessages(consultation);
  const actions = new CardActions({ consultation, connector, isOrganiser, logger });
  const files = new TeamsFiles(connector, logger, () => consultation.clock.now().getTime());
  const commands = { consultation, registry, connector, files, isOrganiser, logger };

  const handle = async (activity: Activity): Promise<BotReply> => {
    connector.learn(tenantOf(activity), activity.serviceUrl, activity.from?.aadObjectId, activity.from?.id);
    if (activity.type === 'invoke') {
      try {
        if (activity.name === 'fileConsent/invoke') return await files.answer(activity);
        return await actions.invoke(activity);
      } catch (error) {
        logger.error({ err: error, name: activity.name }, 'a Teams card action failed');
        return { status: 500 };
      }
    }
    let event: Awaited<ReturnType<ThreadMessages['eventOf']>>;
    try {
      event = await threads.eventOf(activity);
    } catch (error) {
      logger.error({ err: error, activity: activity.id }, 'could not tell where a Teams message belongs');
      return { status: 503, body: { error: NOT_RECORDED } };
    }
    if (event) {
      try {
        await consultation.submit(event);
        return { status: 200 };
      } catch (error) {
        logger.error({ err: error, kind: event.kind, key: event.key }, 'a Teams message could not be stored');
        return { status: 503, body: { error: NOT_RECORDED } };
      }
    }
    const place = channelPlace(activity);
    const isCommand =
      activity.type === 'message' &&
      activity.value === undefined &&
      Boolean(activity.text) &&
      (!place || (!place.rootId && mentionsBot(activity)));
    if (isCommand) {
      await runCommand(commands, activity).catch((error: unknown) =>
        logger.error({ err: error, activity: activity.id }, 'a Teams command failed'),
      );
    }
    return { status: 200 };
  };

  const auth = getAuthConfigWithDefaults({
    clientId: config.appId,
    clientSecret: config.appPassword,
    tenantId: config.tenantId,
    authority: config.authority,
  });
  return { platform, handler: activityEndpoint({ auth, logger, handle }) };
}
