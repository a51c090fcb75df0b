import { fail, ok, type Result } from '../model/result';
import { compilesAsRegExp } from './regex';

/** Entra's scoping filter operators (app provisioning, "Scoping filter construction"). */
export const SCOPE_OPERATORS = [
  'EQUALS',
  'NOT_EQUALS',
  'IS_TRUE',
  'IS_FALSE',
  'IS_NULL',
  'IS_NOT_NULL',
  'REGEX_MATCH',
  'NOT_REGEX_MATCH',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUALS',
  'LESS_THAN',
  'LESS_THAN_OR_EQUALS',
  'INCLUDES',
  'ENDS_WITH',
  'AMPERSAND',
  'NOT_AMPERSAND',
] as const;
export type ScopeOperator = (typeof SCOPE_OPERATORS)[number];

/** One condition on one attribute. */
export interface ScopeClause {
  readonly attribute: string;
  readonly operator: ScopeOperator;
  readonly value: string | undefined;
}

/** One scoping filter: its clauses must all hold (AND). */
export interface ScopeFilterGroup {
  readonly title: string | undefined;
  readonly clauses: readonly ScopeClause[];
}

/** The application's scope: in scope when any filter holds (OR across filters). */
export interface ScopingFilter {
  readonly filters: readonly ScopeFilterGroup[];
}

const OPERATOR_SPELLINGS: Readonly<Record<string, ScopeOperator>> = {
  '&': 'AMPERSAND',
  '!&': 'NOT_AMPERSAND',
};

/** `NOT EQUALS`, `not_equals`, `Greater_Than_OR_EQUALS`, `&` → the operator, or undefined. */
export function readOperator(raw: string): ScopeOperator | undefined {
  const trimmed = raw.trim();
  const spelled = OPERATOR_SPELLINGS[trimmed];
  if (spelled) return spelled;
  const canonical = trimmed.toUpperCase().replace(/[\s-]+/g, '_');
  return (SCOPE_OPERATORS as readonly string[]).includes(canonical) ? (canonical as ScopeOperator) : undefined;
}

const NEEDS_VALUE: ReadonlySet<ScopeOperator> = new Set<ScopeOperator>([
  'EQUALS',
  'NOT_EQUALS',
  'REGEX_MATCH',
  'NOT_REGEX_MATCH',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUALS',
  'LESS_THAN',
  'LESS_THAN_OR_EQUALS',
  'INCLUDES',
  'ENDS_WITH',
  'AMPERSAND',
  'NOT_AMPERSAND',
]);
const NUMERIC: ReadonlySet<ScopeOperator> = new Set<ScopeOperator>(['GREATER_THAN', 'GREATER_THAN_OR_EQUALS', 'LESS_THAN', 'LESS_THAN_OR_EQUALS']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/**
 * Reads a scoping filter from JSON, in Recondesk's form `{ "filters": [{ "title", "clauses": [{ "attribute",
 * "operator", "value" }] }] }` or Microsoft Graph's synchronization filter `{ "groups": [{ "name", "clauses":
 * [{ "sourceOperandName", "operatorName", "targetOperand": { "values": [...] } }] }] }`. Errors name the clause.
 */
export function parseScopingFilter(json: unknown): Result<ScopingFilter, string> {
  if (!isRecord(json)) return fail('a scoping filter must be a JSON object');
  const groups = Array.isArray(json['filters']) ? json['filters'] : Array.isArray(json['groups']) ? json['groups'] : undefined;
  if (groups === undefined) return fail('a scoping filter needs a "filters" (or Graph "groups") array');
  const filters: ScopeFilterGroup[] = [];
  for (const [groupIndex, group] of groups.entries()) {
    const where = `filter ${groupIndex + 1}`;
    if (!isRecord(group) || !Array.isArray(group['clauses'])) return fail(`${where}: needs a "clauses" array`);
    const clauses: ScopeClause[] = [];
    for (const [clauseIndex, clause] of group['clauses'].entries()) {
      const at = `${where}, clause ${clauseIndex + 1}`;
      if (!isRecord(clause)) return fail(`${at}: must be an object`);
      const attribute = text(clause['attribute'] ?? clause['sourceOperandName']);
      const operatorText = text(clause['operator'] ?? clause['operatorName']);
      const target = clause['targetOperand'];
      const values = isRecord(target) && Array.isArray(target['values']) ? target['values'] : undefined;
      const value = text(clause['value'] ?? values?.[0]);
      if (attribute === undefined || attribute.trim() === '') return fail(`${at}: needs an attribute`);
      const operator = operatorText === undefined ? undefined : readOperator(operatorText);
      if (operator === undefined) return fail(`${at}: unknown operator ${JSON.stringify(operatorText)}`);
      if (NEEDS_VALUE.has(operator) && value === undefined) return fail(`${at}: ${operator} needs a value`);
      if (NUMERIC.has(operator) && !/^-?\d+$/.test(value ?? '')) return fail(`${at}: ${operator} needs an integer value`);
      if (operator === 'REGEX_MATCH' || operator === 'NOT_REGEX_MATCH') {
        if (!compilesAsRegExp(value ?? '')) return fail(`${at}: ${JSON.stringify(value)} is not a valid regular expression`);
      }
      clauses.push({ attribute: attribute.trim(), operator, value });
    }
    if (clauses.length === 0) return fail(`${where}: has no clauses`);
    filters.push({ title: text(group['title'] ?? group['name']), clauses });
  }
  if (filters.length === 0) return fail('a scoping filter needs at least one filter');
  return ok({ filters });
}

/** Whether one clause holds for an attribute value, with Entra's rule that an empty value fails every test but IS NULL. */
export function clauseHolds(clause: ScopeClause, attributeValue: string | undefined): boolean {
  const value = attributeValue === undefined || attributeValue.trim() === '' ? undefined : attributeValue;
  if (clause.operator === 'IS_NULL') return value === undefined;
  if (value === undefined) return false;
  const operand = clause.value ?? '';
  switch (clause.operator) {
    case 'IS_NOT_NULL':
      return true;
    case 'EQUALS':
      return value === operand;
    case 'NOT_EQUALS':
      return value !== operand;
    case 'IS_TRUE':
      return value.trim().toLowerCase() === 'true';
    case 'IS_FALSE':
      return value.trim().toLowerCase() === 'false';
    case 'REGEX_MATCH':
      return new RegExp(operand).test(value);
    case 'NOT_REGEX_MATCH':
      return !new RegExp(operand).test(value);
    case 'INCLUDES':
      return value.includes(operand);
    case 'ENDS_WITH':
      return value.endsWith(operand);
    case 'AMPERSAND':
      return operand.includes(value);
    case 'NOT_AMPERSAND':
      return !operand.includes(value);
    case 'GREATER_THAN':
    case 'GREATER_THAN_OR_EQUALS':
    case 'LESS_THAN':
    case 'LESS_THAN_OR_EQUALS':
      return compareIntegers(clause.operator, value, operand);
    default:
      return assertNever(clause.operator);
  }
}

function compareIntegers(operator: ScopeOperator, value: string, operand: string): boolean {
  if (!/^-?\d+$/.test(value.trim())) return false;
  const left = BigInt(value.trim());
  const right = BigInt(operand);
  if (operator === 'GREATER_THAN') return left > right;
  if (operator === 'GREATER_THAN_OR_EQUALS') return left >= right;
  if (operator === 'LESS_THAN') return left < right;
  return left <= right;
}

function assertNever(value: never): never {
  throw new Error(`unhandled operator ${String(value)}`);
}

export interface ScopeVerdict {
  readonly inScope: boolean;
  /** Why not, in words: the first failing clause of each filter. */
  readonly reason: string;
}

/** Evaluates the filter against an object's attributes (AND inside a filter, OR across filters). */
export function evaluateScope(filter: ScopingFilter, attributeOf: (name: string) => string | undefined): ScopeVerdict {
  const failures: string[] = [];
  for (const [index, group] of filter.filters.entries()) {
    const failing = group.clauses.find((clause) => !clauseHolds(clause, attributeOf(clause.attribute)));
    if (failing === undefined) return { inScope: true, reason: `satisfies ${group.title ?? `filter ${index + 1}`}` };
    const actual = attributeOf(failing.attribute);
    failures.push(
      `${group.title ?? `filter ${index + 1}`}: ${failing.attribute} ${failing.operator}${failing.value === undefined ? '' : ` ${JSON.stringify(failing.value)}`} fails (value ${actual === undefined || actual === '' ? 'empty' : JSON.stringify(actual)})`,
    );
  }
  return { inScope: false, reason: failures.join('; ') };
}
