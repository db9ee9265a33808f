import { describe, expect, it } from 'vitest';
import { readProgrammeText } from '../../../adapters/files/read-programme-file.ts';
import { type ConfigError, readConfig } from '../../../src/app/config.ts';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../../src/core/digest-email/unsubscribe-token.ts';

const programme = (email: string) => `slug: mailed
title: Mailed
channels:
  staffroom: Staff
digest:
  cron: "0 8 * * 1"
  email:
${email}
sections:
  - id: one
    title: One
    questions:
      - id: q1
        kind: open
        prompt: What do you think?
`;

describe('the e-mail list of a programme file', () => {
  it('keeps the organisers and readers it names', () => {
    const result = readProgrammeText(
      programme('    organisers: [chair@example.org]\n    readers: [council@example.org, clerk@example.org]'),
      'mailed.yaml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.programme.settings.digestEmail).toEqual({
      organisers: ['chair@example.org'],
      readers: ['council@example.org', 'clerk@example.org'],
    });
  });

  it('names each address that is not one, or is listed twice, with its line', () => {
    const result = readProgrammeText(
      programme(
        '    organisers: [chair@example.org]\n    readers:\n      - Council <council@example.org>\n      - CHAIR@example.org\n    cc: [x@example.org]',
      ),
      'mailed.yaml',
    );
    if (result.ok) throw new Error('should fail');
    const found = result.problems.map((p) => `${p.line} ${p.field}: ${p.message}`);
    expect(found).toEqual([
      '8 digest.email: Unrecognized key: "cc"',
      expect.stringMatching(/^10 digest\.email\.readers\[0\]: write a plain e-mail address/),
      expect.stringMatching(
        /^11 digest\.email\.readers\[1\]: CHAIR@example.org is listed twice \(first under organisers\)/,
      ),
    ]);
  });
});

describe('unsubscribe tokens', () => {
  const subject = { programmeId: 'p1', email: 'Reader@Example.org' };

  it('name the programme and the address, lower-cased, when signed with the same secret', () => {
    const token = signUnsubscribeToken('a-secret-of-sixteen', subject);
    expect(verifyUnsubscribeToken('a-secret-of-sixteen', token)).toEqual({
      programmeId: 'p1',
      email: 'reader@example.org',
    });
  });

  it('are refused when signed with another secret, altered, or cut short', () => {
    const token = signUnsubscribeToken('a-secret-of-sixteen', subject);
    expect(verifyUnsubscribeToken('another-secret-here', token)).toBeNull();
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ p: 'p1', e: 'someone@example.org' })).toString('base64url');
    expect(verifyUnsubscribeToken('a-secret-of-sixteen', `${other}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken('a-secret-of-sixteen', token.slice(0, -2))).toBeNull();
    expect(verifyUnsubscribeToken('a-secret-of-sixteen', 'not-a-token')).toBeNull();
  });
});

describe('e-mail settings', () => {
  it('SMTP_URL needs the sender, the public address and the unsubscribe secret', () => {
    try {
      readConfig({ SMTP_URL: 'smtp://mail.example.org:587' });
      throw new Error('should fail');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^MAIL_FROM: SMTP_URL is set/),
        expect.stringMatching(/^PUBLIC_URL: SMTP_URL is set/),
        expect.stringMatching(/^UNSUBSCRIBE_SECRET: SMTP_URL is set/),
      ]);
    }
  });

  it('refuses a mail URL that is not SMTP and a secret too short to sign with', () => {
    expect(() =>
      readConfig({
        SMTP_URL: 'http://mail.example.org',
        MAIL_FROM: 'digests@example.org',
        PUBLIC_URL: 'https://agora.example.org',
        UNSUBSCRIBE_SECRET: 'short',
      }),
    ).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL[\s\S]*UNSUBSCRIBE_SECRET: must be at least 16/);
  });
});
