import { keepsEdgeSpace, xmlText } from './xml-text';

/** The package's fixed parts around the worksheets: content types, relationships, workbook, properties. */
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A sheet as the workbook lists it; `filterColumns` > 0 when it has a header with a filter. */
export interface SheetEntry {
  readonly name: string;
  readonly filterColumns: number;
  readonly lastColumn: string;
}

export const sheetPath = (index: number): string => `xl/worksheets/sheet${index + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, index) => `<Override PartName="/${sheetPath(index)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  return DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + sheets.join('')
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    + '</Types>';
}

export const ROOT_RELS_XML = DECLARATION + `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">`
  + `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>`
  + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
  + `<Relationship Id="rId3" Type="${RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>`
  + '</Relationships>';

export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, index) => `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`);
  return DECLARATION + `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${sheets.join('')}<Relationship Id="rId${sheetCount + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`
    + `<Relationship Id="rId${sheetCount + 2}" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
}

export function workbookXml(sheets: readonly SheetEntry[]): string {
  const listed = sheets.map((sheet, index) => `<sheet name="${xmlText(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`);
  // Excel keeps each filter's range in a hidden defined name; without it Excel repairs the file on open.
  const filters = sheets.flatMap((sheet, index) =>
    sheet.filterColumns > 0 ? [`<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${xmlText(`'${sheet.name.replaceAll("'", "''")}'!$A$1:$${sheet.lastColumn}$1`)}</definedName>`] : [],
  );
  return DECLARATION + `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${listed.join('')}</sheets>`
    + (filters.length > 0 ? `<definedNames>${filters.join('')}</definedNames>` : '')
    + '<calcPr calcId="191029"/></workbook>';
}

export function corePropertiesXml(creator: string, at: Date): string {
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:creator>${xmlText(creator)}</dc:creator><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
    + '</cp:coreProperties>';
}

export const SHARED_STRINGS_PATH = 'xl/sharedStrings.xml';

/** The shared strings part: `texts` in the order cells number them; `uses`, how many cells name one. */
export function sharedStringsXml(texts: readonly string[], uses: number): string {
  const items = texts.map((text) => {
    const escaped = xmlText(text);
    return `<si><t${keepsEdgeSpace(escaped) ? ' xml:space="preserve"' : ''}>${escaped}</t></si>`;
  });
  return DECLARATION + `<sst xmlns="${MAIN}" count="${uses}" uniqueCount="${texts.length}">${items.join('')}</sst>`;
}

export const APP_PROPERTIES_XML = DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Recondesk</Application></Properties>';
