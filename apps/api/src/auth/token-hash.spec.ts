import { createHash, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashChosenToken, hashToken, verifyChosenToken } from './token-hash.js';

const CHOSEN = 'correct horse battery staple';

describe('hashToken', () => {
  it('is the SHA-256 of the token in hex', () => {
    // The published SHA-256 test vector of "abc" (FIPS 180-2, appendix B.1).
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('hashChosenToken', () => {
  it('writes a PHC string whose key is scrypt(token, salt) with the parameters it names', async () => {
    const stored = await hashChosenToken(CHOSEN);
    const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
    expect(match).not.toBeNull();
    const [, ln, r, p, salt, key] = match!;
    // Recomputed here with node's synchronous scrypt from the string alone: the format carries all it needs.
    const N = 2 ** Number(ln);
    const expected = scryptSync(CHOSEN, Buffer.from(salt!, 'base64'), 32, { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) });
    expect(Buffer.from(key!, 'base64').equals(expected)).toBe(true);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(stored).not.toContain(createHash('sha256').update(CHOSEN).digest('hex'));
  }, 30_000);

  it('salts every hash anew: the same token twice gives two different strings, both verifying', async () => {
    const [first, second] = [await hashChosenToken(CHOSEN), await hashChosenToken(CHOSEN)];
    expect(first).not.toBe(second);
    expect(await verifyChosenToken(CHOSEN, first)).toBe(true);
    expect(await verifyChosenToken(CHOSEN, second)).toBe(true);
    expect(await verifyChosenToken(`${CHOSEN}!`, first)).toBe(false);
  }, 30_000);
});

describe('verifyChosenToken', () => {
  it('refuses malformed strings and parameters beyond its bounds without deriving anything', async () => {
    const salt = Buffer.alloc(16, 1).toString('base64').replace(/=+$/, '');
    for (const stored of [
      '',
      hashToken(CHOSEN),
      '$scrypt$ln=15,r=8,p=1$',
      `$argon2id$ln=15,r=8,p=1$${salt}$${salt}`,
      // 2^40 blocks of 1 KiB: a tampered row must not make the server try to allocate a petabyte.
      `$scrypt$ln=40,r=8,p=1$${salt}$${salt}`,
      `$scrypt$ln=15,r=99,p=1$${salt}$${salt}`,
      `$scrypt$ln=15,r=8,p=0$${salt}$${salt}`,
    ]) {
      expect(await verifyChosenToken(CHOSEN, stored), stored).toBe(false);
    }
  });
});
