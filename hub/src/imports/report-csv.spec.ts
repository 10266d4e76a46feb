import { copyLine } from './copy-text';
import { csvLine } from './report-csv';

describe('csvLine', () => {
  it.each([
    [['a', 1, null], 'a,1,\r\n'],
    [['x,y', 'say "hi"', 'two\nlines'], '"x,y","say ""hi""","two\nlines"\r\n'],
    [['=HYPERLINK("x")', '+1', '@a', '-5', '-2+3'], `"'=HYPERLINK(""x"")",'+1,'@a,-5,'-2+3\r\n`],
  ])('%j', (values, line) => {
    expect(csvLine(values)).toBe(line);
  });
});

describe('copyLine', () => {
  it('writes PostgreSQL COPY text: tabs, \\N for null, escapes, t/f, array literals', () => {
    expect(copyLine(['a\tb', null, true, false, 22.5, ['TYPE_2', 'CCS_COMBO'], 'x\\y\nz'])).toBe(
      'a\\tb\t\\N\tt\tf\t22.5\t{"TYPE_2","CCS_COMBO"}\tx\\\\y\\nz\n',
    );
  });
});
