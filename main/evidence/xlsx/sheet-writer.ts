import type { ZipEntryWriter } from '../zip/zip-writer';
import { addCell, addSharedText, columnName, endRow, SheetXml, startRow, type XlsxValue } from './cell-xml';
import { SharedStrings } from './shared-strings';
import { STYLE, type StyleId } from './styles';
import { BufferPool, XmlBytes } from './xml-bytes';

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
  /** By column: whether its texts come from a small vocabulary and are written once, in the shared strings. */
  readonly shared?: readonly boolean[];
}

// Rows between turns of the event loop: some 300 KB of XML, a few turns per buffer.
const YIELD_ROWS = 512;
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/**
 * Writes one worksheet part (xl/worksheets/sheetN.xml) into an open zip entry, in buffers from `pool` that go
 * back to it once the entry has read them; the texts of shared columns go into the workbook's `strings`.
 */
export async function writeSheet(entry: ZipEntryWriter, sheet: SheetContent, selected: boolean, pool = new BufferPool(), strings = new SharedStrings()): Promise<void> {
  const lastColumn = columnName(Math.max(0, sheet.widths.length - 1));
  const headerRows = sheet.header ? 1 : 0;
  const lastRow = Math.max(1, sheet.rowCount + headerRows);
  const out = new XmlBytes(pool);
  const hand = async (chunks: readonly Uint8Array[]): Promise<void> => {
    for (const chunk of chunks) await entry.write(chunk, () => pool.release(chunk));
  };
  out.utf8(HEAD);
  out.utf8(`<dimension ref="A1:${lastColumn}${lastRow}"/>`);
  out.utf8(sheetViews(sheet.header !== undefined, selected));
  out.utf8('<sheetFormatPr defaultRowHeight="15"/>');
  out.utf8(`<cols>${sheet.widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols><sheetData>`);
  const xml = new SheetXml(out, sheet.widths.length);
  let rowNumber = 0;
  if (sheet.header) {
    rowNumber = 1;
    startRow(xml, 1);
    sheet.header.forEach((text, index) => addCell(xml, index, text, STYLE.header));
    endRow(xml);
  }
  const style = sheet.style;
  const shared = sheet.shared ?? [];
  for (const cells of sheet.rows) {
    rowNumber += 1;
    startRow(xml, rowNumber);
    // Readers place a cell without `r` right after the previous one, so `r` is written only after a gap (and
    // on a row's first cell, which exceljs needs).
    let follows = false;
    for (let index = 0; index < cells.length; index += 1) {
      const value = cells[index];
      if (value === undefined) follows = false;
      else if (shared[index] === true && typeof value === 'string') follows = addSharedText(xml, follows ? undefined : index, value, style(value, index, cells), strings);
      else follows = addCell(xml, follows ? undefined : index, value, style(value, index, cells));
    }
    endRow(xml);
    if (out.hasFull) await hand(out.takeFull());
    // zlib starts its next queued buffer only from a callback on this thread: with a turn of the event loop per
    // buffer alone, a backlog (deflate slowed by other work on the cores) never shrank, and the writer ended up
    // stopping until zlib's whole queue had drained.
    else if (rowNumber % YIELD_ROWS === 0) await new Promise(setImmediate);
  }
  out.utf8('</sheetData>');
  if (sheet.header) out.utf8(`<autoFilter ref="A1:${lastColumn}1"/>`);
  out.utf8('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  await hand(out.finish());
}

function sheetViews(frozenHeader: boolean, selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : '';
  if (!frozenHeader) return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  return `<sheetViews><sheetView${tab} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`;
}
