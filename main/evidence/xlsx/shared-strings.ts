import { sharedStringsXml } from './package-parts';
import { xmlText } from './xml-text';

// Enough for any vocabulary (situations, finding codes and their combinations, actions, guidance); a column
// marked shared by mistake, with a value per row, stops filling the table here and is written inline.
const MAX_SHARED = 1 << 16;

/**
 * The workbook's shared strings (xl/sharedStrings.xml): a text used in many cells is written once and each
 * cell names it by number. Only the values of columns from a small vocabulary are shared: in a million-row audit
 * "MATCHED", "yes", "email" or a remediation's guidance repeated inline made the workbook's XML 1,907 MB, shared
 * 1,618 MB, each byte written in JavaScript and deflated again. Numbered as first met, so the same rows give the
 * same file.
 */
export class SharedStrings {
  readonly #numbers = new Map<string, Uint8Array>();
  readonly #texts: string[] = [];
  #uses = 0;

  /**
   * The digits of `text`'s number, as the bytes a cell writes, the text added if new; undefined when it cannot be
   * shared (the table is full, or XML keeps nothing of it). Bytes made once per text: a String() per cell went
   * through V8's number-text cache, whose evicted entries were old-generation garbage (bench:evidence's writer
   * memory at a million rows +137 MB, against +110 MB without shared strings and +107 MB with these bytes).
   */
  digitsOf(text: string): Uint8Array | undefined {
    let digits = this.#numbers.get(text);
    if (digits === undefined) {
      if (this.#texts.length >= MAX_SHARED || xmlText(text) === '') return undefined;
      digits = Buffer.from(String(this.#texts.length), 'latin1');
      this.#numbers.set(text, digits);
      this.#texts.push(text);
    }
    this.#uses += 1;
    return digits;
  }

  /** The shared strings part: every text in number order. */
  xml(): string {
    return sharedStringsXml(this.#texts, this.#uses);
  }
}
