import { TokenType } from '@streamparser/json';

/** A JSON input that is valid JSON but not records, or not valid JSON at all, at a byte offset of the stream. */
export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly notRecords: boolean,
  ) {
    super(message);
    this.name = 'JsonShapeError';
  }
}

type JsonObject = Record<string, unknown>;
type Role = 'root-array' | 'item' | 'page-values' | 'record' | 'nested';
type Expect = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';

interface Frame {
  readonly kind: 'object' | 'array';
  readonly role: Role;
  /** Undefined for the arrays whose items are streamed out instead of kept. */
  readonly value: JsonObject | unknown[] | undefined;
  key: string;
  expect: Expect;
  isPage: boolean;
}

/** What the assembler hands on: each record, and each Graph page's own properties (without `value`). */
export interface RecordSink {
  record(value: JsonObject): void;
  page(properties: JsonObject): void;
}

/**
 * Builds records from JSON tokens without ever holding the whole document. Accepted shapes: a bare array of
 * objects; a Graph page `{ "@odata.context": …, "value": [ … ] }`; an array of such pages; any of these
 * concatenated or one per line (JSON Lines). An object at the top (or in the top array) is a page when its
 * `value` property is an array, else a record. Only one record is in memory at a time.
 */
export class RecordAssembler {
  readonly #stack: Frame[] = [];
  #records = 0;

  constructor(private readonly sink: RecordSink) {}

  /** Feeds one token from the tokenizer. */
  token(type: TokenType, value: unknown, offset: number): void {
    const top = this.#stack.at(-1);
    if (top === undefined) return this.#valueStart(undefined, type, value, offset);
    if (top.kind === 'object') return this.#inObject(top, type, value, offset);
    return this.#inArray(top, type, value, offset);
  }

  /** Checks the input ended between documents, not inside one. */
  end(offset: number): void {
    const open = this.#stack.at(-1);
    if (open !== undefined) throw new JsonShapeError(`the JSON ends inside an unclosed ${open.kind === 'object' ? 'object' : 'array'}: the file is truncated`, offset, false);
  }

  #inObject(frame: Frame, type: TokenType, value: unknown, offset: number): void {
    switch (frame.expect) {
      case 'key-or-end':
      case 'key':
        if (type === TokenType.STRING) {
          frame.key = String(value);
          frame.expect = 'colon';
          return;
        }
        if (type === TokenType.RIGHT_BRACE && frame.expect === 'key-or-end') return this.#close(offset);
        throw unexpected(type, offset, 'a property name in quotes');
      case 'colon':
        if (type !== TokenType.COLON) throw unexpected(type, offset, '":" after the property name');
        frame.expect = 'value';
        return;
      case 'value':
        return this.#valueStart(frame, type, value, offset);
      case 'comma-or-end':
        if (type === TokenType.COMMA) frame.expect = 'key';
        else if (type === TokenType.RIGHT_BRACE) this.#close(offset);
        else throw unexpected(type, offset, '"," or "}"');
        return;
      default:
        throw unexpected(type, offset, 'a value');
    }
  }

  #inArray(frame: Frame, type: TokenType, value: unknown, offset: number): void {
    if (frame.expect === 'comma-or-end') {
      if (type === TokenType.COMMA) frame.expect = 'value';
      else if (type === TokenType.RIGHT_BRACKET) this.#close(offset);
      else throw unexpected(type, offset, '"," or "]"');
      return;
    }
    if (type === TokenType.RIGHT_BRACKET && frame.expect === 'value-or-end') return this.#close(offset);
    this.#valueStart(frame, type, value, offset);
  }

  #valueStart(parent: Frame | undefined, type: TokenType, value: unknown, offset: number): void {
    const opens = type === TokenType.LEFT_BRACE ? 'object' : type === TokenType.LEFT_BRACKET ? 'array' : undefined;
    if (opens === undefined && !isScalar(type)) throw unexpected(type, offset, 'a value');
    const role = childRole(parent, opens);
    if (role === undefined) throw notRecordsError(parent, opens, type, this.#records + 1, offset);
    if (parent !== undefined) parent.expect = 'comma-or-end';
    if (opens === undefined) return assign(parent, value);
    const kept = role === 'root-array' || role === 'page-values' ? undefined : opens === 'object' ? ({} as JsonObject) : [];
    if (role === 'page-values' && parent !== undefined) parent.isPage = true;
    this.#stack.push({ kind: opens, role, value: kept, key: '', expect: opens === 'object' ? 'key-or-end' : 'value-or-end', isPage: false });
  }

  #close(offset: number): void {
    const frame = this.#stack.pop();
    if (frame === undefined) throw new JsonShapeError('a closing bracket without an opening one', offset, false);
    const value = frame.value;
    if (frame.role === 'record' || (frame.role === 'item' && !frame.isPage)) {
      this.#records += 1;
      this.sink.record(value as JsonObject);
    } else if (frame.role === 'item') {
      this.sink.page(value as JsonObject);
    } else if (frame.role === 'nested') {
      assign(this.#stack.at(-1), value);
    }
  }
}

/** What an opening bracket (or scalar, `opens` undefined) becomes under a parent; undefined when it is not records. */
function childRole(parent: Frame | undefined, opens: 'object' | 'array' | undefined): Role | undefined {
  if (parent === undefined) return opens === 'array' ? 'root-array' : opens === 'object' ? 'item' : undefined;
  switch (parent.role) {
    case 'root-array':
      return opens === 'object' ? 'item' : undefined;
    case 'page-values':
      return opens === 'object' ? 'record' : undefined;
    case 'item':
      // Graph pages carry their records in `value`; every other property of a page is kept for its links.
      if (opens === 'array' && parent.key === 'value') return 'page-values';
      return 'nested';
    default:
      return 'nested';
  }
}

function assign(parent: Frame | undefined, value: unknown): void {
  if (parent === undefined || parent.value === undefined) return;
  if (Array.isArray(parent.value)) parent.value.push(value);
  // Plain objects stay fast in V8; only the key `__proto__` needs defining, or it would set the prototype.
  else if (parent.key === '__proto__') Object.defineProperty(parent.value, parent.key, { value, enumerable: true, writable: true, configurable: true });
  else parent.value[parent.key] = value;
}

const isScalar = (type: TokenType): boolean =>
  type === TokenType.STRING || type === TokenType.NUMBER || type === TokenType.TRUE || type === TokenType.FALSE || type === TokenType.NULL;

function describe(type: TokenType, opens: 'object' | 'array' | undefined): string {
  if (opens !== undefined) return `an ${opens}`;
  if (type === TokenType.STRING) return 'a string';
  if (type === TokenType.NUMBER) return 'a number';
  if (type === TokenType.NULL) return 'null';
  return 'a true/false value';
}

function notRecordsError(parent: Frame | undefined, opens: 'object' | 'array' | undefined, type: TokenType, record: number, offset: number): JsonShapeError {
  const found = describe(type, opens);
  if (parent === undefined) return new JsonShapeError(`the JSON document is ${found}, not a list of records (objects)`, offset, true);
  return new JsonShapeError(`record ${record} is ${found}, not an object: expected an array of objects or Graph pages with "value"`, offset, true);
}

const TOKEN_TEXT: Readonly<Record<number, string>> = {
  [TokenType.LEFT_BRACE]: '"{"',
  [TokenType.RIGHT_BRACE]: '"}"',
  [TokenType.LEFT_BRACKET]: '"["',
  [TokenType.RIGHT_BRACKET]: '"]"',
  [TokenType.COLON]: '":"',
  [TokenType.COMMA]: '","',
};

function unexpected(type: TokenType, offset: number, wanted: string): JsonShapeError {
  const found = TOKEN_TEXT[type] ?? describe(type, undefined);
  return new JsonShapeError(`invalid JSON: found ${found} where ${wanted} was expected`, offset, false);
}
