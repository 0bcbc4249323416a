/*
 * The slice of the `xpath` package (0.0.34) the selector uses, typed without the DOM lib.
 */

/** A value of the package's expression language (XNodeSet, XString, XNumber, XBoolean). */
export interface XValue {
  stringValue(): string;
  booleanValue(): boolean;
  numberValue(): number;
}

/** A context node as the package reads it (see xpath-view.ts for the full shape we provide). */
export interface XContext {
  contextNode: unknown;
}

/** An extension function: receives the evaluation context and its evaluated arguments. */
export type XFunction = (context: XContext, ...args: XValue[]) => unknown;

/** A parsed expression; `expression` is the package's AST (rewritten by xpath-optimize.ts). */
export interface ParsedExpression {
  expression: unknown;
  evaluate(options: {
    node: unknown;
    namespaces: Record<string, string>;
    variables?: Record<string, string | number | boolean>;
    functions: (name: string, namespace: string | null | undefined) => XFunction | undefined;
  }): XValue;
}

/** One step of a location path in the package's AST (`axis::nodeTest[predicates]`). */
export interface StepLike {
  axis: number;
  nodeTest: { type?: number };
  predicates: unknown[];
}

/** The package's exports used here: the parser, value classes and AST classes. */
export interface XPathPackage {
  parse(expression: string): ParsedExpression;
  XNodeSet: new () => XValue & { toArray(): unknown[] };
  XString: new () => XValue;
  XNumber: new () => XValue;
  XBoolean: new () => XValue;
  XPathContext: { prototype: { extend(props: object): object } };
  Step: { DESCENDANT: number; DESCENDANTORSELF: number; CHILD: number };
  NodeTest: { NODE: number };
  LocationPath: new () => { steps: StepLike[] };
  PathExpr: new () => { filter?: unknown; filterPredicates?: unknown[]; locationPath?: unknown };
  FunctionCall: new () => { functionName: string };
  EqualsOperation: new () => unknown;
  NotEqualOperation: new () => unknown;
  LessThanOperation: new () => unknown;
  GreaterThanOperation: new () => unknown;
  LessThanOrEqualOperation: new () => unknown;
  GreaterThanOrEqualOperation: new () => unknown;
  AndOperation: new () => unknown;
  OrOperation: new () => unknown;
  BarOperation: new () => unknown;
}

/** The `xpath` package's CommonJS exports. */
declare const xpath: XPathPackage;
export default xpath;
