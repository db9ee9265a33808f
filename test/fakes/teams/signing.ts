import {
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/** The fake's own signing key, published as a JSON Web Key Set, and RS256 tokens signed with it. */
export class SigningKey {
  readonly kid = randomBytes(8).toString('hex');
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
  }

  jwks(): { keys: Record<string, unknown>[] } {
    const jwk = this.#publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.kid, kty: 'RSA', use: 'sig', alg: 'RS256' }] };
  }

  sign(claims: Record<string, unknown>, lifetimeSeconds = 3600): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const body = { nbf: now - 5, iat: now - 5, exp: now + lifetimeSeconds, ...claims };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode(header)}.${encode(body)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.#privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }
}

/** The claims of a token this key signed and that has not expired; undefined for anything else. */
export function verifiedClaims(key: SigningKey, token: string): Record<string, unknown> | undefined {
  const [header, body, signature] = token.split('.');
  if (!header || !body || !signature) return undefined;
  try {
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid?: string };
    if (kid !== key.kid) return undefined;
    const jwk = key.jwks().keys[0] as import('node:crypto').JsonWebKey;
    const ok = createVerify('RSA-SHA256')
      .update(`${header}.${body}`)
      .verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    if (!ok) return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now() ? claims : undefined;
  } catch {
    return undefined;
  }
}
