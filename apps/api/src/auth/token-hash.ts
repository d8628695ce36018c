import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * How tokens are stored (docs/api.md#how-tokens-are-stored):
 * - a GENERATED token is 256 random bits: its SHA-256 is stored and looked up by equality. No salt or slow hash is
 *   needed: nobody can guess a 256-bit value, so a stolen hash cannot be reversed by trying candidates;
 * - a CHOSEN token (HETSCHED_ADMIN_TOKEN) may be a phrase a person made up: it is stored with scrypt and a random
 *   salt per token, so a stolen database gives no cheap way to try candidates. A salted hash cannot be looked up
 *   by equality; the few such rows are checked one by one (ApiTokenService).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 takes 32 MiB and about 0.2 s of CPU on this project's 2-core machine
 * (measured, loaded): the RFC 7914 interactive setting doubled. A verified token is cached (30 s), so a request
 * pays it at most that often.
 */
const COST = { log2N: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored hashes beyond these bounds are refused unread: a tampered row must not make the server allocate gigabytes. */
const MAX_LOG2_N = 20;
const MAX_R = 16;
const MAX_P = 4;

/** The PHC string format: `$scrypt$ln=15,r=8,p=1$<salt>$<key>`, both in unpadded base64. */
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The salted hash of a chosen token, as stored: a PHC string carrying its own parameters and salt. */
export async function hashChosenToken(token: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(token, salt, COST.log2N, { r: COST.r, p: COST.p });
  return `$scrypt$ln=${COST.log2N},r=${COST.r},p=${COST.p}$${unpadded(salt)}$${unpadded(key)}`;
}

/** Whether `token` is the one `stored` (a PHC string from hashChosenToken) was made from; false for malformed ones. */
export async function verifyChosenToken(token: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [log2N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (log2N < 1 || log2N > MAX_LOG2_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return false;
  const expected = Buffer.from(match[5]!, 'base64');
  if (expected.length === 0) return false;
  const key = await derive(token, Buffer.from(match[4]!, 'base64'), log2N, { r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

function derive(token: string, salt: Buffer, log2N: number, cost: { r: number; p: number }, length = KEY_BYTES): Promise<Buffer> {
  const N = 2 ** log2N;
  // scrypt needs 128·N·r bytes; Node refuses anything above maxmem (32 MiB by default, exactly this setting's need).
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 2 * 128 * N * cost.r };
  return new Promise((resolve, reject) => scrypt(token, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
