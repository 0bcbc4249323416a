/**
 * The few `chrome.*` extension APIs the example uses (the full typings are the `@types/chrome`
 * package; the example does not need it).
 */
declare namespace chrome {
  namespace storage {
    interface StorageChange {
      oldValue?: unknown;
      newValue?: unknown;
    }
    const local: {
      get(keys: string | string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    const onChanged: {
      addListener(listener: (changes: Record<string, StorageChange>, areaName: string) => void): void;
    };
  }
  namespace runtime {
    const onMessage: {
      addListener(listener: (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean | void): void;
    };
  }
}
