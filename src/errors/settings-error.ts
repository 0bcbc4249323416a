/**
 * Thrown for a setting with a wrong type or value, or when settings are changed after they froze. The message names the key and the fix.
 * @see Scrapy's `scrapy.exceptions.UsageError`
 */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** True if `error` is a {@link SettingsError} (works across realms and bundles by checking `name`). */
export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof SettingsError || (error instanceof Error && error.name === 'SettingsError');
}
