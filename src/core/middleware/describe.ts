import { componentName } from '../component.ts';

/** A short description of any value for error messages: `Response <200 http://x/>`, `string "x"`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value !== 'object') return `${typeof value} ${String(value)}`;
  const name = componentName(value);
  const text = String(value);
  return text.startsWith('<') ? `${name} ${text}` : name === 'component' ? 'object' : name;
}

/** `Name.method` for messages about a component's hook. */
export function hookName(component: object, method: string): string {
  return `${componentName(component)}.${method}`;
}
