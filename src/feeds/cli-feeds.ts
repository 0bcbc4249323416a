import { SettingsError } from '../errors/settings-error.ts';
import { BUILTIN_FEED_EXPORTERS } from './exporters/builtin-exporters.ts';
import type { FeedOptions } from './feed-options.ts';

const EXTENSION_FORMATS: Readonly<Record<string, string>> = {
  json: 'json',
  jl: 'jsonlines',
  jsonl: 'jsonlines',
  jsonlines: 'jsonlines',
  csv: 'csv',
  xml: 'xml',
};

/**
 * Maps the CLI's `-o FILE` (append) and `-O FILE` (overwrite) values to FEEDS entries, as Scrapy's
 * `feed_process_params_from_cli`. The format comes from an explicit suffix (`-o out.json:jsonlines`)
 * or the file extension (.json, .jl/.jsonl/.jsonlines -> jsonlines, .csv, .xml); `-` is stdout
 * (give it a format: `-o -:jsonlines`).
 * @param formats the format names accepted as a suffix. @default the built-in formats
 * @throws {SettingsError} when both -o and -O are given, or a format is unknown or cannot be inferred.
 * @example
 * feedsFromCliArgs(['items.jl'], []); // { 'items.jl': { format: 'jsonlines', overwrite: false } }
 * feedsFromCliArgs([], ['-:csv']);     // { 'stdout:': { format: 'csv', overwrite: true } }
 */
export function feedsFromCliArgs(
  outputs: readonly string[],
  overwriteOutputs: readonly string[],
  formats: readonly string[] = Object.keys(BUILTIN_FEED_EXPORTERS),
): Record<string, FeedOptions> {
  if (outputs.length > 0 && overwriteOutputs.length > 0) {
    throw new SettingsError('[skitter] crawl: use only one of -o/--output (append) and -O/--overwrite-output.');
  }
  const feeds: Record<string, FeedOptions> = {};
  const overwrite = overwriteOutputs.length > 0;
  for (const element of overwrite ? overwriteOutputs : outputs) {
    const { uri, format } = parseOutput(element, formats);
    feeds[uri] = { format, overwrite };
  }
  return feeds;
}

function parseOutput(element: string, formats: readonly string[]): { uri: string; format: string } {
  const colon = element.lastIndexOf(':');
  if (colon > 0) {
    const suffix = element.slice(colon + 1);
    if (formats.includes(suffix)) {
      const target = element.slice(0, colon);
      return { uri: target === '-' ? 'stdout:' : target, format: suffix };
    }
  }
  const name = element.split(/[\\/]/).pop() ?? element;
  const dot = name.lastIndexOf('.');
  const format = dot > 0 ? EXTENSION_FORMATS[name.slice(dot + 1).toLowerCase()] : undefined;
  if (element === '-' || element === 'stdout:' || !format) {
    throw new SettingsError(
      `[skitter] crawl: cannot infer the feed format of ${JSON.stringify(element)}; use a known extension ` +
        `(.json, .jsonl, .jl, .jsonlines, .csv, .xml) or add one: -o ${element}:FORMAT with FORMAT one of ${formats.join(', ')}.`,
    );
  }
  return { uri: element, format };
}
