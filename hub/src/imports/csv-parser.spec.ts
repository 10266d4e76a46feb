import { CsvParser, detectDelimiter } from './csv-parser';

const parseAll = (text: string, chunkSize = text.length, delimiter: ',' | ';' = ',') => {
  const parser = new CsvParser(delimiter);
  const records = [];
  for (let start = 0; start < text.length; start += chunkSize) {
    records.push(...parser.push(text.slice(start, start + chunkSize)));
  }
  records.push(...parser.end());
  return records;
};

describe('CsvParser', () => {
  const sample =
    'a,b,c\r\n' +
    '1,"[7.48, 48.34]",x\n' +
    '\n' +
    '2,"say ""hi""",\n' +
    '3,"two\nlines",z\n' +
    '4,last,row';

  it('reads quoted delimiters, escaped quotes, line breaks in quotes, CRLF and blank lines', () => {
    expect(parseAll(sample)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '[7.48, 48.34]', 'x'] },
      { line: 4, fields: ['2', 'say "hi"', ''] },
      { line: 5, fields: ['3', 'two\nlines', 'z'] },
      { line: 7, fields: ['4', 'last', 'row'] },
    ]);
  });

  it.each([1, 2, 3, 5, 7, 13])('gives the same records whatever the chunk size (%d)', (size) => {
    expect(parseAll(sample, size)).toEqual(parseAll(sample));
  });

  it('reads semicolon files', () => {
    expect(parseAll('a;b\n"x;y";2\n', 4, ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;y', '2'] },
    ]);
  });

  it('keeps text after a closing quote rather than losing it', () => {
    expect(parseAll('"a"b,c\n')).toEqual([{ line: 1, fields: ['ab', 'c'] }]);
  });

  it('reports a quote that is never closed', () => {
    expect(parseAll('a,b\n1,"open\n2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], malformed: 'a quoted field is never closed' },
    ]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['nom_amenageur,siren_amenageur,contact_amenageur', ','],
    ['nom_amenageur;siren_amenageur;contact_amenageur', ';'],
    ['"a,b";c;d', ';'],
    ['single', ','],
  ])('%j → %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});
