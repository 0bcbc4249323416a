/**
 * The spider editor: CodeMirror 6 with TypeScript highlighting, completion of skitter's exported
 * names and of the Response / Selector methods spiders call, and syntax errors marked at their
 * line as you type (sucrase parses the text; see `spider-module.ts`).
 * @module
 */
import { type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { javascript, typescriptLanguage } from '@codemirror/lang-javascript';
import { type Diagnostic, linter, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { spiderModuleSource, SpiderSyntaxError } from './spider-module.ts';

/** Members spiders call on responses, selectors and requests, offered after a `.`. */
const MEMBERS: readonly Completion[] = [
  ['css', 'CSS query (`::text`, `::attr(name)`)'], ['xpath', 'XPath 1.0 query'], ['get', 'first match, or the fallback'],
  ['getall', 'every match'], ['re', 'regular expression matches'], ['reFirst', 'first regular expression match'],
  ['follow', 'a Request for a link, relative URLs resolved'], ['followAll', 'Requests for several links or a { css } / { xpath } query'],
  ['urljoin', 'an absolute URL'], ['text', 'the decoded body'], ['url', 'the URL'], ['status', 'HTTP status'],
  ['headers', 'headers'], ['meta', 'request meta'], ['cbKwargs', 'callback keyword arguments'], ['request', 'the request'],
  ['attrib', 'the attributes of the first match'], ['logger', "the spider's logger"], ['crawler', 'the running crawler'],
  ['settings', "the crawl's settings"],
].map(([label, detail]) => ({ label: label!, detail, type: 'method' }));

/** skitter's exports, loaded on first use (the page itself does not need the whole library). */
let skitterNames: Promise<Completion[]> | undefined;
function skitterCompletions(): Promise<Completion[]> {
  skitterNames ??= import('skitter').then((module) => Object.keys(module).map((name) => ({
    label: name, type: /^[A-Z][A-Z_]+$/.test(name) ? 'constant' : /^[A-Z]/.test(name) ? 'class' : 'function', detail: 'skitter',
  })));
  return skitterNames;
}

async function complete(context: CompletionContext): Promise<CompletionResult | null> {
  const member = context.matchBefore(/\.\w*/);
  if (member) return { from: member.from + 1, options: MEMBERS, validFor: /^\w*$/ };
  const word = context.matchBefore(/\w+/);
  if (!word && !context.explicit) return null;
  return { from: word ? word.from : context.pos, options: await skitterCompletions(), validFor: /^\w*$/ };
}

/** A syntax error found in the editor's text, or `undefined` once the text parses. */
export type SyntaxErrorListener = (error: SpiderSyntaxError | undefined) => void;

/** The editor in `parent`. */
export class SpiderEditor {
  readonly view: EditorView;

  /**
   * @param onChange called after every edit with the new text.
   * @param onSyntaxError called when the text's syntax error changes (as the linter runs, after a short pause in typing).
   */
  constructor(parent: HTMLElement, text: string, onChange: (text: string) => void, onSyntaxError: SyntaxErrorListener) {
    const check = (view: EditorView): Diagnostic[] => {
      const error = this.#syntaxError(view.state.doc.toString());
      onSyntaxError(error);
      return error ? [this.#diagnostic(error)] : [];
    };
    this.view = new EditorView({
      parent,
      doc: text,
      extensions: [
        basicSetup,
        javascript({ typescript: true }),
        typescriptLanguage.data.of({ autocomplete: complete }),
        linter(check, { delay: 300 }),
        lintGutter(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (an example, a shared link). */
  set text(value: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value } });
  }

  /** Marks `error` at its line now (a Run does not wait for the linter's pause). */
  showSyntaxError(error: SpiderSyntaxError): void {
    this.view.dispatch(setDiagnostics(this.view.state, [this.#diagnostic(error)]));
  }

  /** Moves the cursor to a 1-based line and scrolls it into view. */
  goToLine(line: number): void {
    const doc = this.view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
    this.view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    this.view.focus();
  }

  #syntaxError(text: string): SpiderSyntaxError | undefined {
    try {
      spiderModuleSource(text);
      return undefined;
    } catch (error) {
      if (error instanceof SpiderSyntaxError) return error;
      throw error;
    }
  }

  #diagnostic(error: SpiderSyntaxError): Diagnostic {
    const doc = this.view.state.doc;
    const line = doc.line(Math.min(error.line, doc.lines));
    const from = Math.min(line.from + error.column - 1, line.to);
    return { from, to: Math.min(from + 1, line.to), severity: 'error', message: error.message };
  }
}
