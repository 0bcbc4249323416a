import ast from './xpath-package.js';
import type { StepLike } from './xpath-package.js';

const BOOLEAN_OPERATIONS = [
  ast.EqualsOperation,
  ast.NotEqualOperation,
  ast.LessThanOperation,
  ast.GreaterThanOperation,
  ast.LessThanOrEqualOperation,
  ast.GreaterThanOrEqualOperation,
  ast.AndOperation,
  ast.OrOperation,
  ast.BarOperation,
];

const BOOLEAN_FUNCTIONS = new Set(['contains', 'starts-with', 'not', 'boolean', 'true', 'false', 'lang', 'has-class', 're:test']);

/**
 * Rewrites `//x[p]` (`descendant-or-self::node()/child::x[p]`) into `descendant::x[p]` wherever `p`
 * cannot depend on the position: both select the same nodes, but the package evaluates the first
 * form as one child step per node of the document (with a context copy per node when there are
 * predicates), the second as one walk. `//x[1]` and predicates using `position()` / `last()` or
 * numbers are left alone, since there the two forms differ.
 *
 * Mutates `expression` (a freshly parsed tree owned by the caller).
 */
export function optimizeXPath(expression: unknown): void {
  visit(expression, new Set());
}

function visit(value: unknown, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof ast.LocationPath) rewriteSteps(value.steps);
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'nodeTest') visit(child, seen);
  }
}

function rewriteSteps(steps: StepLike[]): void {
  for (let index = 0; index < steps.length - 1; index++) {
    const step = steps[index]!;
    const next = steps[index + 1]!;
    if (
      step.axis === ast.Step.DESCENDANTORSELF &&
      step.nodeTest.type === ast.NodeTest.NODE &&
      step.predicates.length === 0 &&
      next.axis === ast.Step.CHILD &&
      next.predicates.every(isPositionFree)
    ) {
      next.axis = ast.Step.DESCENDANT;
      steps.splice(index, 1);
    }
  }
}

function isPositionFree(predicate: unknown): boolean {
  return isBooleanValued(predicate) && !callsPositional(predicate, new Set());
}

/** True when the predicate's value is a boolean or a node-set, never a number (which means a position). */
function isBooleanValued(expression: unknown): boolean {
  if (expression instanceof ast.PathExpr) {
    if (expression.filter === undefined || expression.filter === null) return true;
    if (expression.locationPath !== undefined && expression.locationPath !== null) return true;
    if ((expression.filterPredicates?.length ?? 0) > 0) return true;
    return isBooleanValued(expression.filter);
  }
  if (BOOLEAN_OPERATIONS.some((operation) => expression instanceof operation)) return true;
  return expression instanceof ast.FunctionCall && BOOLEAN_FUNCTIONS.has(expression.functionName);
}

function callsPositional(value: unknown, seen: Set<unknown>): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof ast.FunctionCall && (value.functionName === 'position' || value.functionName === 'last')) return true;
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'nodeTest' && callsPositional(child, seen)) return true;
  }
  return false;
}
