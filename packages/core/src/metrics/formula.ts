/**
 * Metric formulas: arithmetic over measure and metric ids, e.g. `(marketing_spend + sales_spend)
 * / new_customers`. Parsed once into a tree; evaluated per bucket on summed parts, so ratios are
 * never averages of ratios. Any null operand, or a division by zero, gives null.
 */
export type Formula =
  | { type: 'number'; value: number }
  | { type: 'ref'; name: string }
  | { type: 'negate'; arg: Formula }
  | { type: 'binary'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula }
  | { type: 'call'; fn: FormulaFunction; args: Formula[] };

export const FORMULA_FUNCTIONS = ['min', 'max', 'coalesce'] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

type Token = { kind: 'number' | 'name' | 'symbol'; text: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new Error(`unexpected '${text.slice(at).trim()[0]}' at ${at}`);
    const [, num, name, symbol] = match;
    if (num !== undefined) tokens.push({ kind: 'number', text: num, at });
    else if (name !== undefined) tokens.push({ kind: 'name', text: name, at });
    else tokens.push({ kind: 'symbol', text: symbol ?? '', at });
    at = pattern.lastIndex;
  }
  return tokens;
}

/** Parses a formula; errors describe the first problem found. */
export function parseFormula(text: string): { value?: Formula; errors: string[] } {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    return { errors: [(error as Error).message] };
  }
  let position = 0;
  const peek = () => tokens[position];
  const expect = (symbol: string) => {
    const token = tokens[position];
    if (token?.text !== symbol) throw new Error(`expected '${symbol}' ${token ? `at ${token.at}` : 'at the end'}`);
    position++;
  };
  const primary = (): Formula => {
    const token = tokens[position++];
    if (!token) throw new Error('unexpected end of formula');
    if (token.kind === 'number') return { type: 'number', value: Number(token.text) };
    if (token.text === '-') return { type: 'negate', arg: primary() };
    if (token.text === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (token.kind === 'name') {
      if (peek()?.text !== '(') return { type: 'ref', name: token.text };
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(token.text)) {
        throw new Error(`unknown function '${token.text}' (known: ${FORMULA_FUNCTIONS.join(', ')})`);
      }
      position++;
      const args = [sum()];
      while (peek()?.text === ',') {
        position++;
        args.push(sum());
      }
      expect(')');
      return { type: 'call', fn: token.text as FormulaFunction, args };
    }
    throw new Error(`unexpected '${token.text}' at ${token.at}`);
  };
  const product = (): Formula => {
    let left = primary();
    while (peek()?.text === '*' || peek()?.text === '/') {
      const op = tokens[position++]?.text as '*' | '/';
      left = { type: 'binary', op, left, right: primary() };
    }
    return left;
  };
  function sum(): Formula {
    let left = product();
    while (peek()?.text === '+' || peek()?.text === '-') {
      const op = tokens[position++]?.text as '+' | '-';
      left = { type: 'binary', op, left, right: product() };
    }
    return left;
  }
  try {
    if (tokens.length === 0) return { errors: ['empty formula'] };
    const value = sum();
    const rest = peek();
    if (rest) return { errors: [`unexpected '${rest.text}' at ${rest.at}`] };
    return { value, errors: [] };
  } catch (error) {
    return { errors: [(error as Error).message] };
  }
}

export function formulaReferences(formula: Formula, into: Set<string> = new Set()): Set<string> {
  switch (formula.type) {
    case 'number':
      break;
    case 'ref':
      into.add(formula.name);
      break;
    case 'negate':
      formulaReferences(formula.arg, into);
      break;
    case 'binary':
      formulaReferences(formula.left, into);
      formulaReferences(formula.right, into);
      break;
    case 'call':
      for (const arg of formula.args) formulaReferences(arg, into);
      break;
  }
  return into;
}

/** Evaluates with null propagation; a non-finite result is null. */
export function evaluateFormula(formula: Formula, resolve: (name: string) => number | null): number | null {
  const value = evaluate(formula, resolve);
  return value === null || !Number.isFinite(value) ? null : value;
}

function evaluate(formula: Formula, resolve: (name: string) => number | null): number | null {
  switch (formula.type) {
    case 'number':
      return formula.value;
    case 'ref':
      return resolve(formula.name);
    case 'negate': {
      const arg = evaluate(formula.arg, resolve);
      return arg === null ? null : -arg;
    }
    case 'binary': {
      const left = evaluate(formula.left, resolve);
      const right = evaluate(formula.right, resolve);
      if (left === null || right === null) return null;
      if (formula.op === '+') return left + right;
      if (formula.op === '-') return left - right;
      if (formula.op === '*') return left * right;
      return right === 0 ? null : left / right;
    }
    case 'call': {
      const args = formula.args.map((arg) => evaluate(arg, resolve));
      if (formula.fn === 'coalesce') return args.find((arg) => arg !== null) ?? null;
      if (args.some((arg) => arg === null)) return null;
      const numbers = args as number[];
      return formula.fn === 'min' ? Math.min(...numbers) : Math.max(...numbers);
    }
  }
}
