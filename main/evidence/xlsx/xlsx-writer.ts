import { ZipWriter } from '../zip/zip-writer';
import { columnName } from './cell-xml';
import { APP_PROPERTIES_XML, contentTypesXml, corePropertiesXml, ROOT_RELS_XML, SHARED_STRINGS_PATH, sheetPath, workbookRelsXml, workbookXml } from './package-parts';
import { SharedStrings } from './shared-strings';
import { writeSheet, type SheetContent } from './sheet-writer';
import { STYLES_XML } from './styles';
import { BufferPool } from './xml-bytes';

export interface NamedSheet extends SheetContent {
  readonly name: string;
}

// Level 1: the XML is very repetitive, so the fastest level costs little size and keeps zlib off the critical path.
export const XLSX_DEFLATE_LEVEL = 1;

/**
 * Writes an .xlsx (SpreadsheetML package) sheet by sheet, each sheet streamed row by row into its zip entry.
 * Every zip entry is dated `at`, and nothing else varies between runs, so the same sheets give the same bytes.
 */
export async function writeXlsx(path: string, sheets: readonly NamedSheet[], meta: { readonly creator: string; readonly at: Date }): Promise<void> {
  const zip = ZipWriter.create(path, meta.at, XLSX_DEFLATE_LEVEL);
  try {
    await zip.addBytes('[Content_Types].xml', contentTypesXml(sheets.length));
    await zip.addBytes('_rels/.rels', ROOT_RELS_XML);
    await zip.addBytes('docProps/app.xml', APP_PROPERTIES_XML);
    await zip.addBytes('docProps/core.xml', corePropertiesXml(meta.creator, meta.at));
    const entries = sheets.map((sheet) => ({ name: sheet.name, filterColumns: sheet.header ? sheet.widths.length : 0, lastColumn: columnName(sheet.widths.length - 1) }));
    await zip.addBytes('xl/workbook.xml', workbookXml(entries));
    await zip.addBytes('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length));
    await zip.addBytes('xl/styles.xml', STYLES_XML);
    const pool = new BufferPool();
    const strings = new SharedStrings();
    for (const [index, sheet] of sheets.entries()) {
      const entry = await zip.entry(sheetPath(index));
      await writeSheet(entry, sheet, index === 0, pool, strings);
      await entry.end();
    }
    // After the sheets, which fill it: readers find a part by its name, wherever it lies in the zip.
    await zip.addBytes(SHARED_STRINGS_PATH, strings.xml());
    await zip.finish();
  } catch (error) {
    await zip.abort();
    throw error;
  }
}
