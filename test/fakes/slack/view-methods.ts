import { isObject } from './block-validation.ts';
import { fail, invalidArguments, type Method, ok, type SlackResult, stringArg } from './method-types.ts';
import type { Args } from './request-body.ts';
import type { FakeState } from './state.ts';
import type { OpenView, View } from './view-store.ts';
import { viewProblems } from './view-validation.ts';

function existingView(args: Args, state: FakeState): OpenView | SlackResult {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    return invalidArguments(['missing required field: view_id [json-pointer:/view_id]']);
  }
  const found = viewId === undefined ? state.views.findByExternalId(externalId ?? '') : state.views.find(viewId);
  return found ?? fail('not_found');
}

function hashConflict(args: Args, current: View | undefined): boolean {
  const hash = stringArg(args, 'hash');
  return hash !== undefined && current !== undefined && hash !== current.hash;
}

export const viewMethods: Record<string, Method> = {
  'views.open': {
    token: 'bot',
    handle: ({ args, state }) => {
      const problems = viewProblems(args.view, ['modal']);
      const triggerId = stringArg(args, 'trigger_id');
      if (triggerId === undefined) problems.unshift('missing required field: trigger_id [json-pointer:/trigger_id]');
      if (problems.length > 0 || triggerId === undefined) return invalidArguments(problems);
      const trigger = state.triggers.use(triggerId);
      if (trigger !== 'valid') return fail(trigger);
      return ok({ view: state.views.open(args.view as View, state.triggers.userOf(triggerId) ?? '') });
    },
  },

  'views.update': {
    token: 'bot',
    handle: ({ args, state }) => {
      const found = existingView(args, state);
      if ('ok' in found) return found;
      const problems = viewProblems(args.view, ['modal', 'home']);
      if (problems.length > 0) return invalidArguments(problems);
      if (hashConflict(args, found.view)) return fail('hash_conflict');
      return ok({ view: state.views.update(String(found.view.id), args.view as View) });
    },
  },

  'views.publish': {
    token: 'bot',
    handle: ({ args, state }) => {
      const userId = stringArg(args, 'user_id') ?? '';
      if (!state.workspace.user(userId)) return fail('user_not_found');
      const problems = viewProblems(args.view, ['home']);
      if (problems.length > 0) return invalidArguments(problems);
      if (hashConflict(args, state.views.homeTab(userId))) return fail('hash_conflict');
      return ok({ view: state.views.publish(userId, isObject(args.view) ? args.view : {}) });
    },
  },
};
