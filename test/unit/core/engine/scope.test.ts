import { describe, expect, it } from 'vitest';
import { clauseHolds, evaluateScope, parseScopingFilter, readOperator, type ScopeOperator } from '@core/engine/scope';

const clause = (operator: ScopeOperator, value?: string) => ({ attribute: 'x', operator, value });

const attributes = (values: Record<string, string>) => (name: string) => values[name];

describe('scoping filter operators (Entra semantics)', () => {
  it.each([
    ['EQUALS', 'Sales', 'Sales', true],
    ['EQUALS', 'Sales', 'sales', false],
    ['NOT_EQUALS', 'Sales', 'Marketing', true],
    ['NOT_EQUALS', 'Sales', undefined, false],
    ['IS_TRUE', undefined, 'True', true],
    ['IS_TRUE', undefined, 'false', false],
    ['IS_FALSE', undefined, 'FALSE', true],
    ['IS_NULL', undefined, undefined, true],
    ['IS_NULL', undefined, '  ', true],
    ['IS_NULL', undefined, 'x', false],
    ['IS_NOT_NULL', undefined, 'x', true],
    ['IS_NOT_NULL', undefined, '', false],
    ['REGEX_MATCH', '(1[0-9]{6})', 'id 1234567', true],
    ['REGEX_MATCH', '^A', 'a', false],
    ['NOT_REGEX_MATCH', '^A', 'B', true],
    ['NOT_REGEX_MATCH', '^A', undefined, false],
    ['GREATER_THAN', '1000000', '1000001', true],
    ['GREATER_THAN', '1000000', 'abc', false],
    ['GREATER_THAN_OR_EQUALS', '5', '5', true],
    ['LESS_THAN', '5', '4', true],
    ['LESS_THAN_OR_EQUALS', '5', '6', false],
    ['INCLUDES', 'Sal', 'Sales', true],
    ['INCLUDES', 'sal', 'Sales', false],
    ['ENDS_WITH', '@contoso.com', 'a@contoso.com', true],
    ['AMPERSAND', 'Sales,Marketing', 'Sales', true],
    ['NOT_AMPERSAND', 'Sales,Marketing', 'Legal', true],
  ] as const)('%s %j against %j is %s', (operator, value, attribute, expected) => {
    expect(clauseHolds(clause(operator, value), attribute)).toBe(expected);
  });

  it.each([
    ['EQUALS', 'EQUALS'],
    ['NOT EQUALS', 'NOT_EQUALS'],
    ['Greater_Than_OR_EQUALS', 'GREATER_THAN_OR_EQUALS'],
    ['REGEX MATCH', 'REGEX_MATCH'],
    ['Includes', 'INCLUDES'],
    ['&', 'AMPERSAND'],
    ['!&', 'NOT_AMPERSAND'],
  ])('reads the operator spelling %j', (raw, expected) => {
    expect(readOperator(raw)).toBe(expected);
  });
});

describe('parseScopingFilter', () => {
  it('reads the Microsoft Graph synchronization filter form', () => {
    const graph = {
      groups: [
        { name: 'NY engineers', clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Engineering'] } }] },
      ],
    };
    expect(parseScopingFilter(graph)).toEqual({
      ok: true,
      value: { filters: [{ title: 'NY engineers', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Engineering' }] }] },
    });
  });

  it.each([
    [[], 'must be a JSON object'],
    [{}, 'needs a "filters"'],
    [{ filters: [] }, 'at least one filter'],
    [{ filters: [{ clauses: [] }] }, 'filter 1: has no clauses'],
    [{ filters: [{ clauses: [{ attribute: 'a', operator: 'LIKE', value: 'x' }] }] }, 'filter 1, clause 1: unknown operator "LIKE"'],
    [{ filters: [{ clauses: [{ attribute: 'a', operator: 'EQUALS' }] }] }, 'EQUALS needs a value'],
    [{ filters: [{ clauses: [{ attribute: 'a', operator: 'GREATER_THAN', value: 'ten' }] }] }, 'needs an integer value'],
    [{ filters: [{ clauses: [{ attribute: 'a', operator: 'REGEX MATCH', value: '(' }] }] }, 'not a valid regular expression'],
  ])('rejects %j naming the problem', (json, message) => {
    const parsed = parseScopingFilter(json);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });
});

describe('evaluateScope', () => {
  const parsed = parseScopingFilter({
    filters: [
      { title: 'A', clauses: [{ attribute: 'state', operator: 'EQUALS', value: 'NY' }, { attribute: 'department', operator: 'EQUALS', value: 'Engineering' }] },
      { title: 'B', clauses: [{ attribute: 'jobTitle', operator: 'IS NOT NULL' }] },
    ],
  });
  const filter = parsed.ok ? parsed.value : { filters: [] };

  it('AND within a filter, OR across filters', () => {
    expect(evaluateScope(filter, attributes({ state: 'NY', department: 'Engineering' })).inScope).toBe(true);
    expect(evaluateScope(filter, attributes({ state: 'NY', department: 'Sales' })).inScope).toBe(false);
    expect(evaluateScope(filter, attributes({ state: 'CA', jobTitle: 'Dev' })).inScope).toBe(true);
  });

  it('explains each failing filter', () => {
    expect(evaluateScope(filter, attributes({ state: 'NY', department: 'Sales' })).reason).toBe(
      'A: department EQUALS "Engineering" fails (value "Sales"); B: jobTitle IS_NOT_NULL fails (value empty)',
    );
  });
});
