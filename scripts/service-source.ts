/**
 * A service file of stacks/services as the TypeScript compiler parses it: the golden path call
 * `new <Class>(org, '<name>', { ...props })`, its props as syntax, the literal value of a prop, and
 * exact text edits of a prop's value. `npm run ops` edits through this, never by pattern.
 */
import * as ts from 'typescript';

/** A value written as a literal in the file: what ops may read and replace. */
export type Literal = string | number | boolean | readonly Literal[] | { readonly [key: string]: Literal };

/** One golden path call in a service file. */
export interface ServiceCall {
  readonly className: string;
  readonly name: string;
  readonly props: ts.ObjectLiteralExpression;
  /** The exported function that makes the service (what stacks/services/index.ts lists), if any. */
  readonly functionName?: string;
  readonly source: ts.SourceFile;
}

/** A replacement of the text between two offsets. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function parseSource(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

const stringOf = (node: ts.Node): string | undefined => (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined);

/** The name of the exported function around a node (`export function x` or `export const x = () =>`). */
function exportedFunctionAround(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at)) return at.name && ts.getCombinedModifierFlags(at) & ts.ModifierFlags.Export ? at.name.text : undefined;
    if ((ts.isArrowFunction(at) || ts.isFunctionExpression(at)) && ts.isVariableDeclaration(at.parent) && ts.isIdentifier(at.parent.name)) {
      const statement = at.parent.parent.parent;
      return ts.isVariableStatement(statement) && ts.getCombinedModifierFlags(at.parent) & ts.ModifierFlags.Export ? at.parent.name.text : undefined;
    }
  }
  return undefined;
}

/** Every `new <Class>(<scope>, '<name>', { ... })` of a file, in order. */
export function serviceCalls(source: ts.SourceFile): ServiceCall[] {
  const calls: ServiceCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.arguments?.length === 3) {
      const name = stringOf(node.arguments[1]);
      const props = node.arguments[2];
      if (name !== undefined && ts.isObjectLiteralExpression(props)) {
        calls.push({ className: node.expression.text, name, props, functionName: exportedFunctionAround(node), source });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** A property's name when it is written plainly (identifier or string), else undefined. */
export function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) ? name.text : stringOf(name) ?? (ts.isNumericLiteral(name) ? name.text : undefined);
}

/** The value of an expression written as a literal, or undefined where it is anything else (arithmetic, a name, a call, a spread). */
export function literalOf(node: ts.Expression): Literal | undefined {
  const text = stringOf(node);
  if (text !== undefined) return text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return literalOf(node.expression);
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((e) => (ts.isSpreadElement(e) || ts.isOmittedExpression(e) ? undefined : literalOf(e)));
    return items.every((i) => i !== undefined) ? (items as Literal[]) : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const entries: [string, Literal][] = [];
    for (const property of node.properties) {
      const key = ts.isPropertyAssignment(property) ? propertyName(property.name) : undefined;
      const value = key !== undefined ? literalOf((property as ts.PropertyAssignment).initializer) : undefined;
      if (key === undefined || value === undefined) return undefined;
      entries.push([key, value]);
    }
    return Object.fromEntries(entries);
  }
  return undefined;
}

/** Applies edits that do not overlap, last first so that offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}
