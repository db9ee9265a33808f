import { describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { AgoraError, messageForUser, UserError } from '../../src/core/errors.ts';

describe('errors', () => {
  it('shows a person only their own mistakes; a coded error of any other kind is never shown raw', () => {
    expect(messageForUser(new UserError('UNKNOWN_COMMAND', 'There is no command "frob".'))).toBe(
      'There is no command "frob".',
    );
    const bug = new AgoraError('JOB_INVALID', 'job open:q1 has no questionId in its payload');
    expect(messageForUser(bug)).not.toContain('questionId');
    expect(messageForUser(new Error('raw'))).not.toContain('raw');
  });

  it('keeps the error underneath as its cause', async () => {
    const error = await openStore('postgres://agora@127.0.0.1:1/none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgoraError);
    expect(error).toMatchObject({ code: 'DATABASE_UNREACHABLE' });
    expect((error as AgoraError).cause).toBeInstanceOf(Error);
  });
});
