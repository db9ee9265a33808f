import { randomHex, slackId } from './ids.ts';
import { nowSeconds } from './timestamps.ts';
import type { Workspace } from './workspace.ts';

export type View = Record<string, unknown>;

export interface OpenView {
  view: View;
  userId: string;
}

/** Modals and Home tabs the app has opened or published, as Slack returns them. */
export class ViewStore {
  private readonly views = new Map<string, OpenView>();
  private readonly homeTabs = new Map<string, string>();

  constructor(private readonly workspace: Workspace) {}

  open(input: View, userId: string): View {
    const id = slackId('V');
    return this.store(id, input, userId, id);
  }

  find(id: string): OpenView | undefined {
    return this.views.get(id);
  }

  findByExternalId(externalId: string): OpenView | undefined {
    return [...this.views.values()].find(({ view }) => view.external_id === externalId);
  }

  update(id: string, input: View): View {
    const current = this.views.get(id);
    if (!current) throw new Error(`no view ${id}`);
    return this.store(id, input, current.userId, String(current.view.root_view_id));
  }

  publish(userId: string, input: View): View {
    const id = this.homeTabs.get(userId) ?? slackId('V');
    this.homeTabs.set(userId, id);
    return this.store(id, input, userId, id);
  }

  homeTab(userId: string): View | undefined {
    const id = this.homeTabs.get(userId);
    return id === undefined ? undefined : this.views.get(id)?.view;
  }

  private store(id: string, input: View, userId: string, rootViewId: string): View {
    const view: View = {
      type: 'modal',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      ...input,
      id,
      team_id: this.workspace.teamId,
      state: { values: {} },
      hash: `${nowSeconds()}.${randomHex(4)}`,
      root_view_id: rootViewId,
      app_id: this.workspace.appId,
      app_installed_team_id: this.workspace.teamId,
      bot_id: this.workspace.bot.botId,
    };
    this.views.set(id, { view, userId });
    return view;
  }
}
