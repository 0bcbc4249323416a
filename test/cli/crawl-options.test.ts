import { describe, expect, it } from 'vitest';
import { settingsFrom, spiderArgsFrom, splitNameValue } from '../../src/cli/crawl-options.ts';
import { SETTINGS_PRIORITIES } from '../../src/core/settings/priorities.ts';

describe('crawl options -> settings', () => {
  it('sets -s values at cmdline priority, converted to the setting type', () => {
    const s = settingsFrom({ set: ['CONCURRENT_REQUESTS=2', 'DOWNLOAD_DELAY=0.5', 'ROBOTSTXT_OBEY=true', 'MY_KEY=a=b'] });
    expect(s.get('CONCURRENT_REQUESTS')).toBe(2);
    expect(s.get('DOWNLOAD_DELAY')).toBe(0.5);
    expect(s.get('ROBOTSTXT_OBEY')).toBe(true);
    expect(s.get('MY_KEY')).toBe('a=b');
    expect(s.getPriority('CONCURRENT_REQUESTS')).toBe(SETTINGS_PRIORITIES.cmdline);
  });

  it('maps -o/-O to FEEDS, -L to LOG_LEVEL, --nolog to LOG_ENABLED, over command defaults', () => {
    const s = settingsFrom({ output: ['a.jsonl', 'b.csv'], loglevel: 'warn', nolog: true }, { LOG_LEVEL: 'INFO', CONCURRENT_REQUESTS: 4 });
    expect(s.get('FEEDS')).toEqual({ 'a.jsonl': { format: 'jsonlines', overwrite: false }, 'b.csv': { format: 'csv', overwrite: false } });
    expect(s.get('LOG_LEVEL')).toBe('WARNING');
    expect(s.get('LOG_ENABLED')).toBe(false);
    expect(s.get('CONCURRENT_REQUESTS')).toBe(4);
    expect(s.getPriority('CONCURRENT_REQUESTS')).toBe(SETTINGS_PRIORITIES.command);
    expect(settingsFrom({ 'overwrite-output': ['x.json'] }).get('FEEDS')).toEqual({ 'x.json': { format: 'json', overwrite: true } });
  });

  it('rejects malformed pairs and levels with usage errors', () => {
    expect(() => splitNameValue('=x', '-s')).toThrow('invalid -s value, use -s NAME=VALUE, got "=x"');
    expect(() => settingsFrom({ loglevel: 'LOUD' })).toThrow('invalid log level "LOUD"');
    expect(() => settingsFrom({ output: ['a.jsonl'], 'overwrite-output': ['b.jsonl'] })).toThrow('use only one of -o/--output');
  });

  it('collects -a spider arguments as strings, the last one winning', () => {
    expect(spiderArgsFrom({ arg: ['category=books', 'page=2', 'category=toys'] })).toEqual({ category: 'toys', page: '2' });
    expect(spiderArgsFrom({})).toEqual({});
  });
});
