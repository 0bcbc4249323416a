import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { Selector } from '../selector/selector.ts';
import type { TextResponse } from './text-response.ts';

/**
 * Form data: a record (a list value gives the field several times; `null` removes a field read
 * from the page in `FormRequest.fromResponse`) or `[name, value]` pairs.
 */
export type FormData = Record<string, string | string[] | null> | Iterable<[string, string | null]>;

/** How `FormRequest.fromResponse` chooses the form and its submit button. */
export interface FormSelection {
  /** The form whose `name` attribute is this (if none has it, the other options decide). */
  formname?: string;
  /** The form whose `id` attribute is this (if none has it, the other options decide). */
  formid?: string;
  /** A CSS query; the form is the first match or its nearest `<form>` ancestor. */
  formcss?: string;
  /** An XPath query; the form is the first match or its nearest `<form>` ancestor. */
  formxpath?: string;
  /** Index of the form among the page's forms. @default 0 */
  formnumber?: number;
  /**
   * Attributes identifying the submit control to click (`{ name: 'go' }`, `{ value: 'Search' }`),
   * or `{ nr: n }`: the n-th input/select/textarea of the form.
   */
  clickdata?: Record<string, string | number>;
  /** Submit without any clicked control. @default false */
  dontClick?: boolean;
}

/** The `[name, value]` pairs of `formdata`, in order; `null` values kept (callers decide). */
export function formDataPairs(formdata: FormData): [string, string | null][] {
  const pairs: [string, string | null][] = [];
  if (typeof (formdata as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of formdata as Iterable<[string, string | null]>) pairs.push([name, value]);
    return pairs;
  }
  for (const [name, value] of Object.entries(formdata as Record<string, string | string[] | null>)) {
    if (Array.isArray(value)) for (const v of value) pairs.push([name, v]);
    else pairs.push([name, value]);
  }
  return pairs;
}

function elementOf(sel: Selector | undefined): Element | null {
  const root = sel?.root;
  return typeof root === 'object' && root !== null && isTag(root as AnyNode) ? (root as Element) : null;
}

/**
 * The `<form>` element chosen by `selection` in Scrapy's order: `formname`, `formid`,
 * `formxpath`/`formcss`, then `formnumber`.
 * @throws {Error} when the page has no form, `formcss`/`formxpath` match no form, or `formnumber` is out of range.
 */
export function findForm(response: TextResponse, selection: FormSelection): Element {
  const forms = response.css('form').map(elementOf).filter((e): e is Element => e !== null);
  if (forms.length === 0) throw new Error(`[skitter] FormRequest.fromResponse: no <form> element found in ${response}`);
  if (selection.formname !== undefined) {
    const f = forms.find((form) => form.attribs.name === selection.formname);
    if (f) return f;
  }
  if (selection.formid !== undefined) {
    const f = forms.find((form) => form.attribs.id === selection.formid);
    if (f) return f;
  }
  const query = selection.formcss ?? selection.formxpath;
  if (query !== undefined) {
    const matches = selection.formcss !== undefined ? response.css(query) : response.xpath(query);
    for (let node: AnyNode | null = elementOf(matches[0]); node; node = node.parent) {
      if (isTag(node) && node.name === 'form') return node;
    }
    const how = selection.formcss !== undefined ? `formcss ${JSON.stringify(query)}` : `formxpath ${JSON.stringify(query)}`;
    throw new Error(`[skitter] FormRequest.fromResponse: no <form> element found with ${how} in ${response}`);
  }
  const n = selection.formnumber ?? 0;
  const form = forms[n];
  if (!form) throw new Error(`[skitter] FormRequest.fromResponse: form number ${n} not found in ${response} (it has ${forms.length})`);
  return form;
}

function descendants(root: Element, out: Element[] = []): Element[] {
  for (const child of root.children) {
    if (isTag(child)) {
      out.push(child);
      descendants(child, out);
    }
  }
  return out;
}

function textContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node)) return '';
  let s = '';
  for (const child of node.children) s += textContent(child);
  return s;
}

function optionValue(option: Element): string {
  return option.attribs.value ?? textContent(option).trim();
}

/** A select's submitted values, as lxml reads them (browser behaviour). */
function selectValues(select: Element): string[] {
  const options = descendants(select).filter((e) => e.name === 'option');
  if ('multiple' in select.attribs) return options.filter((o) => 'selected' in o.attribs).map(optionValue);
  // The last selected option wins; with none selected, the first enabled one.
  const chosen = options.findLast((o) => 'selected' in o.attribs) ?? options.find((o) => !('disabled' in o.attribs));
  return chosen ? [optionValue(chosen)] : [];
}

const NOT_SUBMITTED = /^(?:submit|image|reset)$/i;
const CHECKABLE = /^(?:checkbox|radio)$/i;

/** The fields a form submits, before the clicked control. */
function fieldValues(elements: Element[]): [string, string][] {
  const out: [string, string][] = [];
  for (const el of elements) {
    const name = el.attribs.name;
    if (el.name === 'textarea') out.push([name ?? '', textContent(el)]);
    else if (el.name === 'select') for (const v of selectValues(el)) out.push([name ?? '', v]);
    else if (el.name === 'input') {
      const type = el.attribs.type;
      if (type !== undefined && NOT_SUBMITTED.test(type)) continue;
      const checkable = type !== undefined && CHECKABLE.test(type);
      if (checkable && !('checked' in el.attribs)) continue;
      out.push([name ?? '', el.attribs.value ?? (checkable ? 'on' : '')]);
    }
  }
  return out.filter(([name]) => name !== '');
}

function clicked(el: Element): [string | undefined, string] {
  return [el.attribs.name, el.attribs.value ?? ''];
}

/** The `[name, value]` of the control to click, or `null` (no submit control). */
function clickable(elements: Element[], clickdata: Record<string, string | number> | undefined): [string | undefined, string] | null {
  const controls = elements.filter((e) =>
    (e.name === 'input' && /^(?:submit|image)$/i.test(e.attribs.type ?? '')) ||
    (e.name === 'button' && (e.attribs.type === undefined || /^submit$/i.test(e.attribs.type))));
  if (controls.length === 0) return null;
  if (clickdata === undefined) return clicked(controls[0]!);
  const { nr, ...attrs } = clickdata;
  if (nr !== undefined) {
    const inputs = elements.filter((e) => e.name === 'input' || e.name === 'select' || e.name === 'textarea');
    const el = inputs[Number(nr)];
    if (el) return clicked(el);
  }
  const keys = Object.keys(attrs);
  const matches = elements.filter((e) => keys.every((k) => e.attribs[k] === String(attrs[k])));
  if (matches.length === 1) return clicked(matches[0]!);
  const what = JSON.stringify(clickdata);
  if (matches.length > 1) throw new Error(`[skitter] FormRequest.fromResponse: ${matches.length} elements match clickdata ${what}; add attributes to tell them apart`);
  throw new Error(`[skitter] FormRequest.fromResponse: no clickable element matches clickdata ${what}`);
}

/**
 * What submitting `form` sends: its fields (text inputs, textareas, selects, checked checkboxes
 * and radios; fields named in `formdata` left out), then the clicked control unless `dontClick`,
 * then `formdata` (pairs with a `null` value dropped).
 * @see Scrapy's `FormRequest.from_response` (`_get_inputs`, `_get_clickable`)
 */
export function formSubmission(form: Element, formdata: FormData | undefined, selection: FormSelection): [string, string][] {
  const given = formdata ? formDataPairs(formdata) : [];
  const givenNames = new Set(given.map(([name]) => name));
  const elements = descendants(form);
  const values = fieldValues(elements).filter(([name]) => !givenNames.has(name));
  if (!selection.dontClick) {
    const click = clickable(elements, selection.clickdata);
    if (click && click[0] !== undefined && click[0] !== '' && !givenNames.has(click[0])) values.push([click[0], click[1]]);
  }
  for (const [name, value] of given) if (value !== null) values.push([name, value]);
  return values;
}
