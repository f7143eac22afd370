// AES-256-GCM for PHI at rest, and keyed hashes for looking PHI up without storing it in clear.
// Ciphertext format: "v1.<keyId>.<iv>.<tag>.<data>" (base64url parts). The key id lets old
// records be read during a key rotation (DATA_KEY_PREVIOUS) while new ones use the current key.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

interface KeyEntry {
  id: string;
  encKey: Buffer;
}

export class FieldCipher {
  private readonly keys: KeyEntry[];
  private readonly hashKey: Buffer;

  /** @param dataKeys current key first, then older keys accepted for decryption. */
  constructor(dataKeys: Buffer[]) {
    if (dataKeys.length === 0 || dataKeys.some((k) => k.length !== 32)) throw new Error('data keys must be 32 bytes');
    this.keys = dataKeys.map((k) => ({ id: keyId(k), encKey: Buffer.from(hkdfSync('sha256', k, Buffer.alloc(0), 'phi-encryption', 32)) }));
    // Lookup hashes use a separate key derived from the oldest configured key, so they stay stable while an
    // operator rotates DATA_KEY and keeps the previous one in DATA_KEY_PREVIOUS.
    this.hashKey = Buffer.from(hkdfSync('sha256', dataKeys[dataKeys.length - 1]!, Buffer.alloc(0), 'phi-lookup', 32));
  }

  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  encrypt(plain: string): string {
    const key = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, id, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !id || !iv || !tag || data === undefined) throw new DecryptionError('not an encrypted field');
    const key = this.keys.find((k) => k.id === id);
    if (!key) throw new DecryptionError(`unknown key id ${id}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('field failed authentication');
    }
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson<T>(sealed: string): T {
    return JSON.parse(this.decrypt(sealed)) as T;
  }

  /** Deterministic keyed hash (HMAC-SHA256) for equality lookups, e.g. a phone number. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value.normalize('NFKC').trim().toLowerCase()).digest('base64url');
  }
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
