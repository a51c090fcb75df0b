import { describe, expect, it } from 'vitest';
import { ownText } from '@core/import/own-text';
import { ValuePool } from '@core/import/value-pool';

describe('ownText', () => {
  it('gives the same text, cut from a longer one or not', () => {
    const file = `id,upn\n${'b3b7f71b-c219-4afc-93f7-9ed37b29fa08'},laura.calberpet0@contoso.com\n`;
    const id = file.slice(7, 43);
    expect(ownText(id)).toBe('b3b7f71b-c219-4afc-93f7-9ed37b29fa08');
    expect(ownText('Member')).toBe('Member');
    expect(ownText('')).toBe('');
    expect(ownText(undefined)).toBeUndefined();
  });
});

describe('ValuePool', () => {
  it('gives the first string met for each value, and every value back once it stops', () => {
    const pool = new ValuePool(2);
    expect(pool.share('Member')).toBe('Member');
    expect(pool.share('Guest')).toBe('Guest');
    expect(pool.share(undefined)).toBeUndefined();
    // A third distinct value stops the pool: values still come back equal.
    expect(['Sales', 'Member', 'Senior Engineer'].map((value) => pool.share(value))).toEqual(['Sales', 'Member', 'Senior Engineer']);
  });
});
