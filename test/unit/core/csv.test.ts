import { describe, expect, it } from 'vitest';
import { countLineBreaks, lastRecordBoundary } from '@core/csv/record-boundary';
import { detectDelimiter, looksBinary, sniffEncoding } from '@core/csv/sniff';
import { csvField, csvLine, neutraliseFormula } from '@core/csv/write-csv';

describe('lastRecordBoundary', () => {
  it('cuts after the last line break outside quotes', () => {
    const text = 'a,b\n1,"x\ny"\n2,"open\n';
    expect(text.slice(0, lastRecordBoundary(text))).toBe('a,b\n1,"x\ny"\n');
  });

  it('treats doubled quotes as a literal quote', () => {
    const text = 'a,"say ""hi"""\nb,c';
    expect(lastRecordBoundary(text)).toBe('a,"say ""hi"""\n'.length);
  });

  it('is 0 when no record is complete', () => {
    expect(lastRecordBoundary('a,b,c')).toBe(0);
    expect(lastRecordBoundary('"a\nb\nc')).toBe(0);
  });

  it('counts line breaks in a range', () => {
    expect(countLineBreaks('a\nb\nc\n', 0, 4)).toBe(2);
    expect(countLineBreaks('a\nb\nc\n', 4, 6)).toBe(1);
  });
});

describe('sniff', () => {
  it('reads byte-order marks', () => {
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array([0x61, 0x62]))).toBe('utf-8');
  });

  it('spots binary content', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]), 'utf-8')).toBe(true);
    expect(looksBinary(new Uint8Array([0x61, 0x2c, 0x62]), 'utf-8')).toBe(false);
  });

  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['a|b|c', '|'],
    ['"x;y",b,c', ','],
  ])('detects the delimiter of %j', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});

describe('CSV writing', () => {
  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises the formula trigger in %j', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('leaves other values alone', () => {
    expect(neutraliseFormula('jane@contoso.com')).toBe('jane@contoso.com');
    expect(neutraliseFormula('')).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['x', '=cmd|calc', 'y'])).toBe("x,'=cmd|calc,y\n");
  });
});

// The reference: the state machine the function implements, one character at a time.
function reference(text: string, delimiter: string): number {
  let inQuotes = false;
  let last = -1;
  let previous = '\n';
  for (let position = 0; position < text.length; position += 1) {
    const char = text[position];
    if (inQuotes) {
      if (char === '"') {
        if (text[position + 1] === '"') position += 1;
        else inQuotes = false;
      }
    } else if (char === '\n') last = position;
    else if (char === '"' && (previous === delimiter || previous === '\n')) inQuotes = true;
    previous = char!;
  }
  return last + 1;
}

describe('lastRecordBoundary against a character-by-character reading', () => {
  it('agrees on every short text made of quotes, separators, breaks and letters', () => {
    const alphabet = ['"', ',', '\n', 'a', ';', '""'];
    let state = 1;
    const next = (limit: number): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % limit;
    };
    const disagreements: string[] = [];
    for (let round = 0; round < 20_000; round += 1) {
      const text = Array.from({ length: next(14) }, () => alphabet[next(alphabet.length)]).join('');
      for (const delimiter of [',', ';']) if (lastRecordBoundary(text, delimiter) !== reference(text, delimiter)) disagreements.push(JSON.stringify([text, delimiter]));
    }
    expect(disagreements).toEqual([]);
  });

  it('does not count a line break inside an earlier quoted field when the text ends inside another', () => {
    expect(lastRecordBoundary('1,"x\ny",2,"open')).toBe(0);
    expect(lastRecordBoundary('h\n1,"x\ny",2,"open')).toBe(2);
  });
});
