/** The zip format's record signatures (APPNOTE 6.3), shared by the writer and the reader. */
export const SIGNATURE = {
  local: 0x04034b50,
  dataDescriptor: 0x08074b50,
  central: 0x02014b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  end: 0x06054b50,
} as const;

/** A size or offset this large or larger needs a ZIP64 field (0xFFFFFFFF itself means "see ZIP64"). */
export const ZIP32_LIMIT = 0xffffffff;

/** An instant as MS-DOS date and time fields (2-second steps; zip has no zone, so UTC is written). */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
