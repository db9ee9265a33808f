import { describe, expect, it } from 'vitest';
import { installedTeam } from '../../../../adapters/slack/inbound/installed-team.ts';

describe('the workspace an event belongs to', () => {
  it('is the installation Bolt authorised, not the Slack Connect writer’s organisation', () => {
    const envelope = { team_id: 'T_PARTNER', authorizations: [{ team_id: 'T_OURS' }] };
    expect(installedTeam(envelope, 'T_OURS')).toBe('T_OURS');
    expect(installedTeam(envelope, undefined)).toBe('T_OURS');
  });

  it('is the channel’s workspace for an org-wide Enterprise Grid install, whose authorisation has no team', () => {
    const envelope = {
      team_id: 'T_PARTNER',
      context_team_id: 'T_GRID_WORKSPACE',
      authorizations: [{ team_id: null, enterprise_id: 'E_ORG', is_enterprise_install: true }],
    };
    expect(installedTeam(envelope, undefined)).toBe('T_GRID_WORKSPACE');
  });

  it('falls back to the envelope’s team when nothing else names one, and never throws on a bare body', () => {
    expect(installedTeam({ team_id: 'T_ONLY' }, undefined)).toBe('T_ONLY');
    expect(installedTeam({}, undefined)).toBe('');
  });
});
