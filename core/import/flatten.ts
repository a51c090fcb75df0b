// The tabular convention every JSON source is read through, so that one (header, row) mapper serves CSV and
// JSON alike: nested keys joined with `.`, arrays of scalars joined with `;`, arrays holding objects kept as
// compact JSON text, null and absent as empty text, booleans `true`/`false`, numbers as JavaScript writes them.

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One JSON record as column name → text, following the tabular convention above; a non-object gives no columns. */
export function flattenRecord(value: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (isObject(value)) flattenInto(fields, '', value);
  return fields;
}

function flattenInto(fields: Map<string, string>, prefix: string, object: JsonObject): void {
  for (const key of Object.keys(object)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const value = object[key];
    if (isObject(value)) {
      // An empty object still names its column, as null does: the property exists without data.
      if (Object.keys(value).length === 0) fields.set(name, '');
      else flattenInto(fields, name, value);
    } else {
      fields.set(name, Array.isArray(value) ? arrayText(value) : scalarText(value));
    }
  }
}

function arrayText(items: readonly unknown[]): string {
  if (items.some((item) => typeof item === 'object' && item !== null)) return JSON.stringify(items);
  // Nulls inside a scalar array carry nothing and would leave stray separators.
  return items
    .filter((item) => item !== null && item !== undefined)
    .map(scalarText)
    .join(';');
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return '';
  }
}

/**
 * The records of a parsed JSON document: a bare array's items; a Graph page's `value` items; every page's
 * items for an array of pages; a single object as itself. Anything else holds no records.
 */
export function extractRecords(document: unknown): unknown[] {
  if (Array.isArray(document)) return document.flatMap((item: unknown) => pageItems(item) ?? [item]);
  if (isObject(document)) return pageItems(document) ?? [document];
  return [];
}

// An object is a page, not a record, when its `value` property is an array (the Graph paging envelope).
function pageItems(item: unknown): unknown[] | undefined {
  if (!isObject(item)) return undefined;
  const value = item['value'];
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}
