// Settings are typed by key: an editor completes them, and a wrong value type is an error.
import type { SettingsInput } from 'skitter';

export const settings: SettingsInput = {
  DOWNLOAD_DELAY: 0.5,
  FEEDS: { 'items.jsonl': { format: 'jsonlines' } },
  MY_OWN_SETTING: 'kept for my components',
};

// @ts-expect-error DOWNLOAD_DELAY is a number of seconds, not a string
export const wrong: SettingsInput = { DOWNLOAD_DELAY: 'slow' };
