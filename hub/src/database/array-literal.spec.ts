import { arrayLiteral } from './array-literal';

describe('arrayLiteral', () => {
  it.each([
    [[], '{}'],
    [['a1b2'], '{"a1b2"}'],
    [['x', 'y'], '{"x","y"}'],
    [['a,b', '{c}'], '{"a,b","{c}"}'],
    [['say "hi"', 'back\\slash'], '{"say \\"hi\\"","back\\\\slash"}'],
    [['NULL', null], '{"NULL",NULL}'],
  ])('%j → %s', (values, literal) => expect(arrayLiteral(values)).toBe(literal));
});
