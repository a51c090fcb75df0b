import type { ZipEntryWriter } from '../zip/zip-writer';
import { addCell, columnName, endRow, startRow, XmlPieces, type XlsxValue } from './cell-xml';
import { STYLE, type StyleId } from './styles';

/** What one worksheet holds. The rows are pulled one at a time, so a sheet never sits in memory whole. */
export interface SheetContent {
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** A header row: bold, shaded, frozen, with a filter over the columns. */
  readonly header?: readonly string[];
  readonly rows: Iterable<readonly XlsxValue[]>;
  /** How many rows `rows` gives (the sheet's dimension is written before them). */
  readonly rowCount: number;
  readonly style: (value: XlsxValue, column: number, row: readonly XlsxValue[]) => StyleId;
}

// XML is handed to the zip entry in pieces of about this many strings (some 70 K characters): large enough that
// zlib's threadpool work is worth its hop, small enough that memory stays flat and the joined string is not a
// large object (those only a full garbage collection frees).
const CHUNK_PIECES = 6144;
// Room past a chunk's size for the row that crosses it, so the pieces' array never grows.
const ROW_PIECES = 1024;

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** Writes one worksheet part (xl/worksheets/sheetN.xml) into an open zip entry, in bounded chunks. */
export async function writeSheet(entry: ZipEntryWriter, sheet: SheetContent, selected: boolean): Promise<void> {
  const letters = sheet.widths.map((_, index) => columnName(index));
  const lastColumn = letters.at(-1) ?? 'A';
  const headerRows = sheet.header ? 1 : 0;
  const lastRow = Math.max(1, sheet.rowCount + headerRows);
  const xml = new XmlPieces(CHUNK_PIECES + ROW_PIECES);
  xml.add(HEAD);
  xml.add(`<dimension ref="A1:${lastColumn}${lastRow}"/>`);
  xml.add(sheetViews(sheet.header !== undefined, selected));
  xml.add('<sheetFormatPr defaultRowHeight="15"/>');
  xml.add(`<cols>${sheet.widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols><sheetData>`);
  let rowNumber = 0;
  if (sheet.header) {
    rowNumber = 1;
    startRow(xml, '1');
    sheet.header.forEach((text, index) => addCell(xml, letters[index], '1', text, STYLE.header));
    endRow(xml);
  }
  const style = sheet.style;
  for (const cells of sheet.rows) {
    rowNumber += 1;
    const row = String(rowNumber);
    startRow(xml, row);
    // Readers place a cell without `r` right after the previous one, so `r` is written only after a gap (and
    // on a row's first cell, which exceljs needs).
    let follows = false;
    for (let index = 0; index < cells.length; index += 1) {
      const value = cells[index];
      follows = value !== undefined && addCell(xml, follows ? undefined : letters[index], row, value, style(value, index, cells));
    }
    endRow(xml);
    if (xml.size >= CHUNK_PIECES) await entry.write(xml.take());
  }
  xml.add('</sheetData>');
  if (sheet.header) xml.add(`<autoFilter ref="A1:${lastColumn}1"/>`);
  xml.add('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  await entry.write(xml.take());
}

function sheetViews(frozenHeader: boolean, selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : '';
  if (!frozenHeader) return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  return `<sheetViews><sheetView${tab} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`;
}
