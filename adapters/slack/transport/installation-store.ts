import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { AgoraError } from '../../../src/core/errors.ts';

/**
 * The adapter's own small port: where Slack OAuth installations are kept (the composition root gives it the
 * database's Installation table). The adapter sees nothing else of the store.
 */
export interface SlackInstallations {
  save(platform: 'slack', key: string, data: Record<string, unknown>): Promise<void>;
  find(platform: 'slack', key: string): Promise<Record<string, unknown> | null>;
  /** False when there was none. */
  remove(platform: 'slack', key: string): Promise<boolean>;
}

/** The key of an installation: its Enterprise Grid org for org-wide installs, else its workspace. */
function keyOf(isEnterpriseInstall: boolean | undefined, enterpriseId?: string, teamId?: string): string {
  const key = isEnterpriseInstall && enterpriseId ? enterpriseId : teamId;
  if (!key)
    throw new AgoraError('PLATFORM_ERROR', 'an installation names neither a workspace nor an Enterprise Grid org');
  return key;
}

/** Bolt's OAuth installations kept in Agora's database (the Installation table), not in files or memory. */
export function databaseInstallationStore(repository: SlackInstallations): InstallationStore {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      const key = keyOf(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id);
      await repository.save('slack', key, installation as unknown as Record<string, unknown>);
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const key = keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
      const data =
        (await repository.find('slack', key)) ??
        (query.enterpriseId ? await repository.find('slack', query.enterpriseId) : null);
      if (!data)
        throw new AgoraError('INSTALLATION_NOT_FOUND', `Agora is not installed in Slack workspace ${key}`, {
          workspace: key,
        });
      return data as unknown as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      await repository.remove('slack', keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId));
    },
  };
}

/** The bot token stored for a workspace, for calls Agora makes on its own (posting questions, catch-up). */
export async function installedBotToken(store: InstallationStore, teamId: string): Promise<string> {
  const installation = await store.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
  const token = installation.bot?.token;
  if (!token)
    throw new AgoraError('INSTALLATION_NOT_FOUND', `the installation for Slack workspace ${teamId} has no bot token`, {
      workspace: teamId,
    });
  return token;
}
