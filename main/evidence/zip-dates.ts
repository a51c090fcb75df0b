/**
 * Sets every entry of a zip archive to one modification time, in place. exceljs stamps each entry with the
 * current time; that is the only thing that differs between two writes of the same workbook, and patching the
 * DOS date fields is far cheaper than inflating and deflating the whole archive again.
 */
export function setZipEntryDates(zip: Uint8Array, at: Date): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndOfCentralDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  for (let entry = 0; entry < entries; entry += 1) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('not a zip central directory entry');
    view.setUint16(offset + 12, time, true);
    view.setUint16(offset + 14, date, true);
    const local = view.getUint32(offset + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('not a zip local file header');
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new Error('not a zip archive: no end of central directory');
}
