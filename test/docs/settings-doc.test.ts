import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsMarkdown } from '../../docs/generate-settings.ts';

describe('docs/settings.md', () => {
  it('is generated from the settings schema (run `node docs/generate-settings.ts > docs/settings.md`)', () => {
    expect(readFileSync(new URL('../../docs/settings.md', import.meta.url), 'utf8')).toBe(settingsMarkdown());
  });
});
