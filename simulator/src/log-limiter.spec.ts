import { limitedLog } from './log-limiter';

describe('limitedLog', () => {
  it('writes the first lines of each window and counts the rest', () => {
    let clock = 0;
    const lines: string[] = [];
    const log = limitedLog(
      (line) => lines.push(line),
      2,
      1000,
      () => clock,
    );
    for (const line of ['a', 'b', 'c', 'd']) log(line);
    clock = 1000;
    log('e');
    expect(lines).toEqual(['a', 'b', '… and 2 more lines like these', 'e']);
  });
});
