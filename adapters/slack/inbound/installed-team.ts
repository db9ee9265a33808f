/** The parts of an Events API envelope that say which installation an event was delivered to. */
export interface EventEnvelope {
  team_id?: string;
  context_team_id?: string | null;
  authorizations?: { team_id?: string | null; enterprise_id?: string | null; is_enterprise_install?: boolean }[];
}

/**
 * The workspace whose installation received an event, which is the workspace Agora posted its questions in.
 * In a Slack Connect channel the envelope's `team_id` is the organisation the writer belongs to, not ours, so it
 * comes last: first the team Bolt authorised the event for, then the event's authorisation. An org-wide
 * Enterprise Grid install has no team in its authorisation; the channel's own workspace (`context_team_id`) is
 * then the one the question was posted in.
 */
export function installedTeam(body: EventEnvelope, authorisedTeam: string | undefined): string {
  const [authorisation] = body.authorizations ?? [];
  return authorisedTeam || authorisation?.team_id || body.context_team_id || body.team_id || '';
}
