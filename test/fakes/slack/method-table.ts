import { authMethods } from './auth-methods.ts';
import { chatMethods } from './chat-methods.ts';
import { directoryMethods } from './directory-methods.ts';
import { fileMethods } from './file-methods.ts';
import { historyMethods } from './history-methods.ts';
import type { Method } from './method-types.ts';
import { viewMethods } from './view-methods.ts';

/** Every Web API method the fake answers; any other gets `unknown_method`. */
export const methods: Record<string, Method> = {
  ...authMethods,
  ...chatMethods,
  ...historyMethods,
  ...directoryMethods,
  ...viewMethods,
  ...fileMethods,
};
