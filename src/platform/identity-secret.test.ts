import { describe, expect, it } from 'vitest';
import { customerSignatureValid, signCustomerId } from './identity-secret.js';

describe('signCustomerId', () => {
  it('is the hex HMAC-SHA256 of the id, checked case-insensitively and only in its exact form', () => {
    // RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
    const known = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(signCustomerId('Jefe', 'what do ya want for nothing?')).toBe(known);
    expect(customerSignatureValid('Jefe', 'what do ya want for nothing?', known.toUpperCase())).toBe(true);
    expect(customerSignatureValid('Jefe', 'what do ya want for nothing!', known)).toBe(false);
    expect(customerSignatureValid('Jefe', 'what do ya want for nothing?', known.slice(2))).toBe(false);
    expect(customerSignatureValid('Jefe', 'what do ya want for nothing?', `${known.slice(0, 62)}zz`)).toBe(false);
  });
});
