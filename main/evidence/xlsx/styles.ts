/**
 * The workbook's fixed style table: every cell uses one of these indices into `cellXfs`. A table fixed in
 * advance costs nothing per cell, where a style per cell (exceljs) costs a lookup per cell.
 */
export const STYLE = {
  plain: 0,
  header: 1,
  date: 2,
  dateSeconds: 3,
  critical: 4,
  high: 5,
  medium: 6,
  low: 7,
  title: 8,
} as const;

export type StyleId = (typeof STYLE)[keyof typeof STYLE];

const FILLS = ['FFDDE3EA', 'FFF4C7C3', 'FFFCE0C4', 'FFFFF2CC', 'FFE2EFDA'];
const solid = (argb: string): string => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
const xf = (numFmtId: number, fontId: number, fillId: number): string =>
  `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${numFmtId > 0 ? ' applyNumberFormat="1"' : ''}${fontId > 0 ? ' applyFont="1"' : ''}${fillId > 0 ? ' applyFill="1"' : ''}/>`;

/** xl/styles.xml, in the order of STYLE. Fills 0 and 1 are the two every workbook must start with. */
export const STYLES_XML = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>',
  '<fonts count="3">',
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>',
  '</fonts>',
  `<fills count="${2 + FILLS.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${FILLS.map(solid).join('')}</fills>`,
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
  '<cellXfs count="9">',
  xf(0, 0, 0),
  xf(0, 1, 2),
  xf(164, 0, 0),
  xf(165, 0, 0),
  xf(0, 0, 3),
  xf(0, 0, 4),
  xf(0, 0, 5),
  xf(0, 0, 6),
  xf(0, 2, 0),
  '</cellXfs>',
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>',
  '</styleSheet>',
].join('');
