/**
 * The few DOM helpers every view uses.
 * @module
 */

/** An element with a class, a `data-testid` and children (text or elements). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, props: { className?: string; testId?: string; text?: string; title?: string } = {}, ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.testId) element.dataset.testid = props.testId;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.title !== undefined) element.title = props.title;
  element.append(...children);
  return element;
}

/** Saves `text` as a file named `name` (a download the browser shows). */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A cell's text for any JSON value: strings as they are, the rest as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
