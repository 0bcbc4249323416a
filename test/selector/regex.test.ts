import { describe, expect, it } from 'vitest';
import { extractRegex, replaceCharRefs, toJsRegExp } from '../../src/selector/regex.ts';

describe('extractRegex (parsel extract_regex)', () => {
  it('follows re.findall for 0, 1 and many groups; unmatched groups give ""', () => {
    expect(extractRegex(/\d+/, 'a1 b22 c333')).toEqual(['1', '22', '333']);
    expect(extractRegex(/b(\d+)/, 'a1 b22 b4')).toEqual(['22', '4']);
    expect(extractRegex(/(\w)(\d)?/, 'a1 b')).toEqual(['a', '1', 'b', '']);
    expect(extractRegex(/x*/, 'ab')).toEqual(['', '', '']);
  });

  it('uses the first match of a named group `extract`', () => {
    expect(extractRegex(/id=(?<extract>\d+)/, 'id=1 id=2')).toEqual(['1']);
    expect(extractRegex('id=(?P<extract>\\d+)', 'nothing')).toEqual([]);
    expect(extractRegex(/(?<extract>a)|(b)/, 'b')).toEqual([]);
  });

  it('keeps flags of a RegExp argument', () => {
    expect(extractRegex(/abc/i, 'ABC abc')).toEqual(['ABC', 'abc']);
  });

  it('translates Python named-group syntax and leading inline flags', () => {
    expect(toJsRegExp('(?P<y>\\d{4})-(?P=y)').source).toBe('(?<y>\\d{4})-\\k<y>');
    expect(extractRegex('(?i)price: (\\d+)', 'PRICE: 12')).toEqual(['12']);
    expect(toJsRegExp('(?si)a.b').flags).toBe('is');
    expect(() => toJsRegExp('(?x) a b')).toThrow(/verbose regular expressions/);
  });
});

describe('replaceCharRefs (w3lib replace_entities, keep lt/amp)', () => {
  it('decodes named, decimal and hex references, with or without semicolon', () => {
    expect(replaceCharRefs('&copy; &#169; &#xA9; &copy')).toBe('© © © ©');
    expect(replaceCharRefs('caf&eacute; &hellip;&mdash;')).toBe('café …—');
  });

  it('keeps &lt; and &amp; (any case), removes unknown references with ;', () => {
    expect(replaceCharRefs('&lt;b&gt; &amp; &AMP; &LT;')).toBe('&lt;b> &amp; &AMP; &LT;');
    expect(replaceCharRefs('x &bogus; y &bogus z')).toBe('x  y &bogus z');
  });

  it('reads 0x80-0x9F as Windows-1252', () => {
    expect(replaceCharRefs('&#150; &#x93;')).toBe('\u2013 \u201c');
  });
});
