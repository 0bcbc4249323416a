import { SettingsError } from '../../errors/settings-error.ts';
import { priorityValue, type SettingsPriority } from './priorities.ts';
import { SETTINGS_SCHEMA, settingDefinition, type BuiltinSettingName, type SettingDefinition, type SettingKind } from './schema.ts';
import type { ComponentMap } from '../component.ts';

/** The TypeScript type of a setting's value, by its kind. */
interface SettingValueTypes {
  int: number;
  float: number;
  bool: boolean;
  string: string;
  list: readonly unknown[];
  dict: Record<string, unknown>;
  components: ComponentMap;
  any: unknown;
}

/** The built-in settings with their value types (what an editor completes in `customSettings`). */
export type BuiltinSettings = {
  -readonly [K in BuiltinSettingName]?: SettingValueTypes[(typeof SETTINGS_SCHEMA)[K]['kind']];
};

/**
 * A map of setting names to values, as in `customSettings` or a project's settings: the built-in
 * keys typed by kind (seconds for delays and timeouts, bytes for sizes, as in Scrapy), plus any key
 * of your own (unknown keys are accepted, with a warning naming the closest built-in one).
 */
export type SettingsInput = BuiltinSettings & Record<string, unknown>;

interface Entry { value: unknown; priority: number }

/** A called-out warning: unknown keys are not errors (users add their own), but they are named. */
export type SettingsWarn = (message: string) => void;

/**
 * Scrapy's Settings: values with priorities, typed getters, frozen once the crawl starts.
 *
 * A value set at a lower priority than the current one is ignored (not an error), exactly as in
 * Scrapy. Known keys are validated as they are set; an unknown key produces a warning through
 * `onWarning` naming the key (and a close match when there is one).
 *
 * @see https://docs.scrapy.org/en/latest/topics/settings.html
 * @example
 * const s = new Settings({ DOWNLOAD_DELAY: 0.5 });
 * s.set('DOWNLOAD_DELAY', 2, 'cmdline');
 * s.getFloat('DOWNLOAD_DELAY'); // 2 (seconds)
 */
export class Settings {
  #values = new Map<string, Entry>();
  #frozen = false;
  #onWarning: SettingsWarn;

  /**
   * @param values initial values, set at `priority`.
   * @param priority @default 'project'
   * @param onWarning receives warnings about unknown keys. @default console.warn
   */
  constructor(values?: SettingsInput, priority: SettingsPriority = 'project', onWarning?: SettingsWarn) {
    this.#onWarning = onWarning ?? ((m) => console.warn(m));
    for (const [key, d] of Object.entries(SETTINGS_SCHEMA)) {
      this.#values.set(key, { value: (d as SettingDefinition).default, priority: 0 });
    }
    if (values) this.update(values, priority);
  }

  /** Whether the settings froze (the crawl started). */
  get frozen(): boolean {
    return this.#frozen;
  }

  /** Freezes the settings: any later `set` throws. Called by the crawler when the crawl starts. */
  freeze(): void {
    this.#frozen = true;
  }

  /** An unfrozen copy with the same values and priorities. */
  copy(): Settings {
    const s = new Settings(undefined, 'default', this.#onWarning);
    for (const [k, e] of this.#values) s.#values.set(k, { ...e });
    return s;
  }

  /**
   * Sets `name` to `value` at `priority` unless a higher priority already set it.
   * A string for a non-string setting is converted (as from `-s NAME=VALUE`).
   * @throws {SettingsError} when frozen, or when `value` has the wrong type for a built-in key.
   */
  set(name: string, value: unknown, priority: SettingsPriority = 'project'): void {
    if (this.#frozen) {
      throw new SettingsError(`[skitter] Settings: cannot set ${name} after the crawl started (settings are frozen); set it in customSettings or before crawl().`);
    }
    const p = priorityValue(priority);
    const current = this.#values.get(name);
    if (current && current.priority > p) return;
    const definition = settingDefinition(name);
    if (!definition) this.#warnUnknown(name);
    this.#values.set(name, { value: definition ? checkSetting(name, definition, value) : value, priority: p });
  }

  /** Sets every key of `values` at `priority`. */
  update(values: SettingsInput | Settings, priority: SettingsPriority = 'project'): void {
    if (values instanceof Settings) {
      for (const [k, e] of values.#values) {
        if (e.priority > 0) this.set(k, e.value, Math.max(e.priority, 0));
      }
      return;
    }
    for (const [k, v] of Object.entries(values)) this.set(k, v, priority);
  }

  /** The priority a key was set at, or undefined when it is not set. */
  getPriority(name: string): number | undefined {
    return this.#values.get(name)?.priority;
  }

  /** True if the key has a value (built-ins always do). */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** The raw value of a setting, or `fallback` when it is not set. */
  get<T = unknown>(name: string, fallback?: T): T {
    const e = this.#values.get(name);
    return (e === undefined || e.value === undefined ? fallback : e.value) as T;
  }

  /** A boolean setting. Strings "true"/"1"/"false"/"0" are read. */
  getBool(name: string, fallback = false): boolean {
    const v = this.get<unknown>(name, fallback);
    return coerce(name, 'bool', v) as boolean;
  }

  /** An integer setting. */
  getInt(name: string, fallback = 0): number {
    return coerce(name, 'int', this.get<unknown>(name, fallback)) as number;
  }

  /** A number setting (Scrapy's getfloat). */
  getFloat(name: string, fallback = 0): number {
    return coerce(name, 'float', this.get<unknown>(name, fallback)) as number;
  }

  /** A list setting. A comma-separated string is split. */
  getList<T = string>(name: string, fallback: T[] = []): T[] {
    return coerce(name, 'list', this.get<unknown>(name, fallback)) as T[];
  }

  /** A dict setting. A JSON string is parsed. */
  getDict<T = unknown>(name: string, fallback: Record<string, T> = {}): Record<string, T> {
    return coerce(name, 'dict', this.get<unknown>(name, fallback)) as Record<string, T>;
  }

  /** Every key and value (for `stats`, debugging and the worker protocol). */
  toObject(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, e] of this.#values) out[k] = e.value;
    return out;
  }

  #warnUnknown(name: string): void {
    const close = closestKey(name);
    this.#onWarning(`[skitter] Settings: unknown setting ${name}${close ? ` (did you mean ${close}?)` : ''}; it is kept for your own components.`);
  }
}

/** Validates and converts a value for a built-in setting. */
function checkSetting(name: string, definition: SettingDefinition, value: unknown): unknown {
  const converted = coerce(name, definition.kind, value);
  if (definition.min !== undefined && typeof converted === 'number' && converted < definition.min) {
    throw new SettingsError(`[skitter] Settings: ${name} must be >= ${definition.min}, got ${String(value)}.`);
  }
  return converted;
}

function coerce(name: string, kind: SettingKind, value: unknown): unknown {
  const bad = (expected: string): never => {
    throw new SettingsError(`[skitter] Settings: ${name} must be ${expected}, got ${describe(value)}.`);
  };
  switch (kind) {
    case 'int':
    case 'float': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n)) return bad(kind === 'int' ? 'an integer' : 'a number');
      if (kind === 'int' && !Number.isInteger(n)) return bad('an integer');
      return n;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === 0) return value === 1;
      if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0' || v === '') return false;
      }
      return bad('a boolean (true/false)');
    case 'string':
      if (typeof value === 'string') return value;
      return bad('a string');
    case 'list':
      if (Array.isArray(value)) return value;
      if (typeof value === 'string') {
        const t = value.trim();
        if (t.startsWith('[')) return parseJson(name, t, bad);
        return t === '' ? [] : t.split(',').map((s) => s.trim()).map((s) => (/^-?\d+$/.test(s) ? Number(s) : s));
      }
      return bad('an array');
    case 'dict':
    case 'components':
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        if (kind === 'components') checkComponentMap(name, value as Record<string, unknown>);
        return value;
      }
      if (typeof value === 'string' && value.trim().startsWith('{')) return parseJson(name, value, bad);
      return bad(kind === 'components' ? 'an object of { use, order } entries' : 'an object');
    case 'any':
      return value;
  }
}

function checkComponentMap(name: string, map: Record<string, unknown>): void {
  for (const [key, entry] of Object.entries(map)) {
    if (entry === null) continue;
    const e = entry as { use?: unknown; order?: unknown };
    if (typeof entry !== 'object' || e.use == null || typeof e.order !== 'number') {
      throw new SettingsError(
        `[skitter] Settings: ${name}.${key} must be { use: Component, order: number } or null (to disable), got ${describe(entry)}. ` +
          'Components are classes or objects, not dotted strings.',
      );
    }
  }
}

function parseJson(name: string, text: string, bad: (expected: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return bad('valid JSON');
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function') return `function ${value.name}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The built-in key nearest to `name` by edit distance (for typos), if any is close. */
function closestKey(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4));
  for (const key of Object.keys(SETTINGS_SCHEMA)) {
    const d = editDistance(name.toUpperCase(), key);
    if (d <= bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
