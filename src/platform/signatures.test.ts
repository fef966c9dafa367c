import { describe, expect, it } from 'vitest';
import {
  eventSignatureValid,
  mergeSignatureValid,
  readCustomerToken,
  signCustomerToken,
  signEvent,
  signMerge,
} from './signatures.js';

const SECRET = 'a-secret-of-enough-length';

describe('customer tokens', () => {
  it('carry the customer and expiry, and fail on any change', () => {
    const token = signCustomerToken(SECRET, 'C00010', 1_900_000_000);
    expect(readCustomerToken(SECRET, token)).toEqual({ valid: true, customerId: 'C00010', expiresAt: 1_900_000_000 });
    expect(readCustomerToken('another-secret-xxxx', token)).toEqual({ valid: false, reason: 'bad-signature' });
    const [v, exp, id, sig] = token.split('.');
    const other = Buffer.from('C00011').toString('base64url');
    expect(readCustomerToken(SECRET, [v, exp, other, sig].join('.')).valid).toBe(false);
    expect(readCustomerToken(SECRET, [v, '1999999999', id, sig].join('.')).valid).toBe(false);
    expect(readCustomerToken(SECRET, 'garbage')).toEqual({ valid: false, reason: 'malformed' });
  });

  it('handles ids outside ASCII', () => {
    const token = signCustomerToken(SECRET, '顾客-7', 10);
    expect(readCustomerToken(SECRET, token)).toMatchObject({ valid: true, customerId: '顾客-7' });
  });
});

describe('merge signatures', () => {
  it('bind the anonymous id and the time, not just the customer', () => {
    const sig = signMerge(SECRET, 'C00005', 'anon-1', 1000);
    expect(mergeSignatureValid(SECRET, { customerId: 'C00005', anonymousId: 'anon-1', signedAt: 1000 }, sig)).toBe(
      true,
    );
    expect(mergeSignatureValid(SECRET, { customerId: 'C00005', anonymousId: 'anon-2', signedAt: 1000 }, sig)).toBe(
      false,
    );
    expect(mergeSignatureValid(SECRET, { customerId: 'C00005', anonymousId: 'anon-1', signedAt: 1001 }, sig)).toBe(
      false,
    );
    expect(mergeSignatureValid(SECRET, { customerId: 'C00005', anonymousId: 'anon-1', signedAt: 1000 }, 'zz')).toBe(
      false,
    );
  });
});

describe('event signatures', () => {
  it('cover quantity and price', () => {
    const event = { id: 'e1', type: 'purchase', customerId: 'C1', itemId: 'I', quantity: 1, price: 10 };
    const sig = signEvent(SECRET, event);
    expect(eventSignatureValid(SECRET, event, sig)).toBe(true);
    expect(eventSignatureValid(SECRET, { ...event, quantity: 1_000_000 }, sig)).toBe(false);
    expect(eventSignatureValid(SECRET, { ...event, price: 1e15 }, sig)).toBe(false);
  });
});
