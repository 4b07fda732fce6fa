import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Authenticated encryption of the PHI columns (docs/SECURITY.md): AES-256-GCM with the
 * data key from the OS keychain. A sealed value is `[version][iv][tag][ciphertext]`; the version
 * byte lets a later format (or key rotation) coexist with rows written by this one.
 *
 * The AAD names the value's place (`applications:<id>:payload`), so a ciphertext copied into
 * another row or column fails authentication instead of silently showing another patient's data.
 */
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export interface Cipher {
  seal(plaintext: string, aad: string): Buffer;
  open(sealed: Buffer, aad: string): string;
}

/** Thrown on a wrong key, a moved or altered value; it never carries the value or the key. */
export class DecryptError extends Error {
  override name = 'DecryptError';
  constructor() {
    super('could not decrypt a stored value: the data key does not match this database (or the value was altered)');
  }
}

export function createCipher(dataKey: Buffer): Cipher {
  if (!Buffer.isBuffer(dataKey) || dataKey.length !== 32) {
    throw new Error('The data key must be exactly 32 bytes (AES-256).');
  }
  // A KeyObject holds its own copy, so a caller that zeroes its buffer does not break the store.
  const key: KeyObject = createSecretKey(Buffer.from(dataKey));

  return {
    seal(plaintext, aad) {
      // A fresh random IV per value: GCM breaks down completely if an IV repeats under one key.
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
    },

    open(sealed, aad) {
      if (!Buffer.isBuffer(sealed) || sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_V1) {
        throw new DecryptError();
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        // node:crypto says only "Unsupported state or unable to authenticate data": say what it means.
        throw new DecryptError();
      }
    },
  };
}
