/**
 * Prints the settings reference (docs/settings.md) from the schema, so the docs cannot drift:
 * `node docs/generate-settings.ts > docs/settings.md` (a test checks the file is current).
 */
import { SETTINGS_SCHEMA, type SettingDefinition } from '../src/core/settings/schema.ts';

export function settingsMarkdown(): string {
  const rows = Object.entries(SETTINGS_SCHEMA as Record<string, SettingDefinition>)
    .filter(([key]) => !key.endsWith('_BASE'))
    .map(([key, d]) => `| \`${key}\` | ${d.kind} | \`${formatDefault(d.default)}\` | ${d.doc} |`);
  return [
    '# Settings reference',
    '',
    'Generated from `src/core/settings/schema.ts` by `node docs/generate-settings.ts`. Keys, defaults and units are',
    "Scrapy's: delays and timeouts in **seconds**, sizes in **bytes**. Set them in `customSettings`, in the settings",
    'given to `Crawler` / `CrawlerRunner`, or with `-s NAME=VALUE` (strings are converted by the kind below).',
    'Priorities: default < project < spider (`customSettings`) < command line. A wrong type is an error naming the key;',
    'an unknown key is a warning (with the closest known key).',
    '',
    '| Setting | Kind | Default | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function formatDefault(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.replace(/\|/g, '\\|');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(settingsMarkdown());
