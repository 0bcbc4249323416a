import { describe, expect, it } from 'vitest';
import { Selector } from '../../src/selector/index.ts';

// Expected values recorded from parsel 1.7.0 (Debian's python3-parsel) on the same document.
const PAGE = "<html><body><div id=\"c\"><p class=\"x first\">one <b>two</b> three</p>\n  <p class=\"x\">four</p><span>five</span><p>six</p></div><script>var a = \"<p>\";</script><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table></body></html>";

type Case = [kind: 'css' | 'xpath' | 'nested', query: string, inner: string | null, expected: string[]];
const CASES: Case[] = [
  ["css", "p:first-child::text", null, ["one ", " three"]],
  ["css", "p:nth-child(2)::text", null, ["four"]],
  ["css", "p:nth-of-type(3)::text", null, ["six"]],
  ["css", "p:not(.x)::text", null, ["six"]],
  ["css", "p.x + p::text", null, ["four"]],
  ["css", "p.first ~ p::text", null, ["four", "six"]],
  ["css", "[class~=first] b::text", null, ["two"]],
  ["css", "p[class^=x]::attr(class)", null, ["x first", "x"]],
  ["css", "td:last-child::text", null, ["2", "4"]],
  ["css", "tr:nth-child(odd) td::text", null, ["1", "2"]],
  ["css", "script::text", null, ["var a = \"<p>\";"]],
  ["css", "div#c > *::text", null, ["one ", " three", "four", "five", "six"]],
  ["css", "#c::text", null, ["\n  "]],
  ["css", "body *::text", null, ["one ", "two", " three", "\n  ", "four", "five", "six", "var a = \"<p>\";", "1", "2", "3", "4"]],
  ["css", "p:empty", null, []],
  ["css", "span:only-of-type::text", null, ["five"]],
  ["nested", "p.x", "p::text", ["one ", " three", "four"]],
  ["nested", "div#c", "p:first-child::text", ["one ", " three"]],
  ["nested", "p.first", "p b::text", ["two"]],
  ["nested", "p.first", "div p::text", []],
  ["xpath", "//p[1]/text()", null, ["one ", " three"]],
  ["xpath", "//div/p[2]//text()", null, ["four"]],
  ["xpath", "//td[. > 2]/text()", null, ["3", "4"]],
  ["xpath", "//b/ancestor::*/@id", null, ["c"]],
  ["xpath", "//b/following::td[1]/text()", null, ["1"]],
  ["xpath", "//p[@class][last()]/text()", null, ["four"]],
  ["xpath", "//span/preceding-sibling::p/text()", null, ["one ", " three", "four"]],
  ["xpath", "//p/@*", null, ["x first", "x"]],
  ["xpath", "//script/text()", null, ["var a = \"<p>\";"]],
  ["xpath", "//text()[normalize-space()]", null, ["one ", "two", " three", "four", "five", "six", "var a = \"<p>\";", "1", "2", "3", "4"]],
  ["xpath", "//div[@id=\'c\']/node()", null, ["<p class=\"x first\">one <b>two</b> three</p>", "\n  ", "<p class=\"x\">four</p>", "<span>five</span>", "<p>six</p>"]],
  ["xpath", "count(//text())", null, ["12.0"]],
  ["xpath", "name(//*[@class=\'x\'][1])", null, ["p"]],
  ["xpath", "//p[contains(concat(\' \', normalize-space(@class), \' \'), \' first \')]/b/text()", null, ["two"]],
  ["xpath", "//td[position() mod 2 = 0]/text()", null, ["2", "4"]],
  ["xpath", "descendant::td[1]/text()", null, ["1"]],
  ["xpath", "//tr//td[1]/text()", null, ["1", "3"]],
  ["xpath", "//*[self::b or self::span]/text()", null, ["two", "five"]],
  ["xpath", "substring(//span, 2, 3)", null, ["ive"]],
  ["xpath", "round(2.5)", null, ["3.0"]],
  ["xpath", "floor(-1.5)", null, ["-2.0"]],
  ["xpath", "1 = 1", null, ["1"]],
  ["xpath", "\'abc\'", null, ["abc"]],
  ["xpath", "10000000000000000", null, ["1e+16"]],
  ["xpath", "0.00001", null, ["1e-05"]],
];

describe('parity with parsel', () => {
  const sel = new Selector({ text: PAGE });
  it.each(CASES)('%s %s %s', (kind, query, inner, expected) => {
    const result =
      kind === 'css' ? sel.css(query) : kind === 'xpath' ? sel.xpath(query) : sel.css(query).css(inner ?? '');
    expect(result.getall()).toEqual(expected);
  });
});
