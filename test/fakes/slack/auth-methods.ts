import { fail, type Method, ok, stringArg } from './method-types.ts';

const INSTALL_SCOPES = 'channels:history,chat:write,commands,files:write,groups:history,im:history,users:read';

export const authMethods: Record<string, Method> = {
  'auth.test': {
    token: 'bot',
    handle: ({ state: { workspace } }) =>
      ok({
        url: `https://${workspace.teamDomain}.slack.com/`,
        team: workspace.teamName,
        user: workspace.bot.name,
        team_id: workspace.teamId,
        user_id: workspace.bot.userId,
        bot_id: workspace.bot.botId,
        is_enterprise_install: false,
      }),
  },

  'apps.connections.open': {
    token: 'app',
    handle: ({ state }) => ok({ url: state.socketUrl() }),
  },

  'oauth.v2.access': {
    token: 'none',
    handle: ({ args, state: { tokens, workspace } }) => {
      const client = tokens.oauthClient;
      if (!client || stringArg(args, 'client_id') !== client.clientId) return fail('invalid_client_id');
      if (stringArg(args, 'client_secret') !== client.clientSecret) return fail('bad_client_secret');
      const installer = tokens.redeemCode(stringArg(args, 'code') ?? '');
      if (!installer) return fail('invalid_code');
      return ok({
        access_token: tokens.issueBotToken(),
        token_type: 'bot',
        scope: INSTALL_SCOPES,
        bot_user_id: workspace.bot.userId,
        app_id: workspace.appId,
        team: { id: workspace.teamId, name: workspace.teamName },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: installer },
      });
    },
  },
};
