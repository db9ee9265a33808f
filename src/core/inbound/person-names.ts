import type { CoreDeps } from '../consultation/deps.ts';
import type { PlatformIdentity } from '../types.ts';
import type { InboundEvent } from './inbound-event.ts';

/**
 * Names the person an event carries when the platform kept it without their name (Slack asks `users.info` only
 * after the event is kept and acknowledged). A name the platform cannot give leaves it as it was: the person keeps
 * the name already stored, or is stored by their id until a later event names them.
 */
export async function withPersonName(deps: CoreDeps, event: InboundEvent): Promise<InboundEvent> {
  const payload = event.payload as { author?: PlatformIdentity; reviewer?: PlatformIdentity } | undefined;
  const field = payload?.author ? 'author' : payload?.reviewer ? 'reviewer' : undefined;
  const person = field && payload?.[field];
  const workspaceId = event.notice?.workspaceId;
  if (!field || !person || person.displayName || !workspaceId) return event;
  const platform = deps.platforms.get(person.platform);
  if (!platform?.nameOf) return event;
  const displayName = await platform.nameOf({ workspaceId, platformUserId: person.platformUserId }).catch(() => null);
  if (!displayName) return event;
  return { ...event, payload: { ...payload, [field]: { ...person, displayName } } } as InboundEvent;
}
