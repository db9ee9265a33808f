import { describe, expect, it } from 'vitest';
import { whileStoreAway } from '../../../../src/app/compose/while-store-away.ts';
import { RecordingLogger } from '../../../support/recording-logger.ts';

const connectionCut = () =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const noPause = () => Promise.resolve();

describe('a start-up step while the database is away', () => {
  it('is tried again, and logged, while the database is away, then gives its result', async () => {
    const logger = new RecordingLogger();
    let calls = 0;
    const result = await whileStoreAway(
      logger,
      'start the summary sweep',
      async () => {
        calls++;
        if (calls < 3) throw connectionCut();
        return 'planned';
      },
      10,
      noPause,
    );
    expect(result).toBe('planned');
    expect(calls).toBe(3);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.context.step)).toEqual([
      'start the summary sweep',
      'start the summary sweep',
    ]);
  });

  it('throws at once what is not the database being away, and gives up after its attempts', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    await expect(whileStoreAway(new RecordingLogger(), 'plan', () => Promise.reject(bug), 10, noPause)).rejects.toBe(
      bug,
    );
    let calls = 0;
    await expect(
      whileStoreAway(
        new RecordingLogger(),
        'plan',
        () => {
          calls++;
          return Promise.reject(connectionCut());
        },
        4,
        noPause,
      ),
    ).rejects.toThrow(/terminating connection/);
    expect(calls).toBe(4);
  });
});
