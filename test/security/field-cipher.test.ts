import { randomBytes } from 'node:crypto';
import { DecryptionError, FieldCipher } from '../../src/security/field-cipher';

describe('FieldCipher', () => {
  const key = randomBytes(32);

  it('round-trips text and never produces the same ciphertext twice', () => {
    const c = new FieldCipher([key]);
    const a = c.encrypt('Jane Doe, born 1970-01-02');
    expect(a).not.toContain('Jane');
    expect(a).not.toBe(c.encrypt('Jane Doe, born 1970-01-02'));
    expect(c.decrypt(a)).toBe('Jane Doe, born 1970-01-02');
  });

  it('detects tampering', () => {
    const c = new FieldCipher([key]);
    const parts = c.encrypt('secret').split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow(DecryptionError);
  });

  it('reads records written under the previous key after a rotation, and writes with the new one', () => {
    const old = new FieldCipher([key]);
    const sealed = old.encrypt('hello');
    const rotated = new FieldCipher([randomBytes(32), key]);
    expect(rotated.decrypt(sealed)).toBe('hello');
    expect(rotated.encrypt('x').split('.')[1]).toBe(rotated.currentKeyId);
    expect(rotated.currentKeyId).not.toBe(old.currentKeyId);
    expect(() => new FieldCipher([randomBytes(32)]).decrypt(sealed)).toThrow(/unknown key id/);
  });

  it('gives stable keyed lookup hashes that do not reveal the value, stable across a rotation', () => {
    const c = new FieldCipher([key]);
    expect(c.lookupHash('+1 555 0100')).toBe(c.lookupHash(' +1 555 0100 '));
    expect(c.lookupHash('+15550100')).not.toContain('555');
    expect(new FieldCipher([randomBytes(32), key]).lookupHash('+15550100')).toBe(c.lookupHash('+15550100'));
    expect(new FieldCipher([randomBytes(32)]).lookupHash('+15550100')).not.toBe(c.lookupHash('+15550100'));
  });
});
