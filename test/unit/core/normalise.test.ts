import { describe, expect, it } from 'vitest';
import { presentValue } from '@core/normalise/absent';
import { normaliseEmail } from '@core/normalise/email';

describe('presentValue', () => {
  it.each(['', '  ', 'N/A', 'n/a', 'null', '-', 'no_information', 'not_supported', '<not supported>'])('treats %j as absent', (raw) => {
    expect(presentValue(raw)).toBeUndefined();
  });

  it('trims a real value', () => {
    expect(presentValue('  jane  ')).toBe('jane');
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['  Jane.Doe@Contoso.COM ', 'jane.doe@contoso.com'],
    ['jane+payroll@contoso.com', 'jane@contoso.com'],
    ['jane_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'jane@fabrikam.com'],
    ['first_last_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'first_last@fabrikam.com'],
    ['ｊａｎｅ@contoso.com', 'jane@contoso.com'],
    ['jdoe', 'jdoe'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it('keeps a leading plus, which is not sub-addressing', () => {
    expect(normaliseEmail('+1@contoso.com')).toBe('+1@contoso.com');
  });

  it('returns undefined for absent markers', () => {
    expect(normaliseEmail('N/A')).toBeUndefined();
    expect(normaliseEmail(undefined)).toBeUndefined();
  });
});
