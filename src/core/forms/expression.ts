import type { FormAnswers } from './formTypes.ts';

/*
 * The XLSForm / ODK XPath subset used in `relevant`, `required` and `constraint`:
 * parsed once into an AST, evaluated many times, identically on device and server.
 * Semantics follow XPath 1.0 (https://www.w3.org/TR/1999/REC-xpath-19991116/) with
 * the ODK extensions (https://getodk.github.io/xforms-spec/#xpath-functions), e.g.
 * a 'YYYY-MM-DD' date converts to a number of days since 1970-01-01.
 */

/** A syntax error in an expression; `position` is the 0-based offset in `source`. */
export class FormExpressionError extends Error {
  constructor(
    readonly detail: string,
    readonly position: number,
    readonly source: string,
  ) {
    super(`${detail} at character ${position + 1} of "${source}"`);
    this.name = 'FormExpressionError';
  }
}

/** A binary operator, by precedence from loosest: or, and, = !=, < <= > >=, + -, * div mod. */
export type BinaryOperator =
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | 'div'
  | 'mod';

/** A parsed expression (plain data; `pos` is the offset of the node in the source). */
export type Expr =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'ref'; name: string; pos: number }
  | { kind: 'current'; pos: number }
  | { kind: 'negate'; arg: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; name: FormFunction; args: Expr[]; pos: number };

/** Functions an expression may call, with their least and greatest number of arguments. */
export const FORM_FUNCTIONS = {
  not: [1, 1],
  selected: [2, 2],
  'count-selected': [1, 1],
  'string-length': [0, 1],
  regex: [2, 2],
  today: [0, 0],
  int: [1, 1],
  number: [1, 1],
  string: [1, 1],
  if: [3, 3],
  coalesce: [2, 2],
  concat: [1, 100],
  contains: [2, 2],
  'starts-with': [2, 2],
  true: [0, 0],
  false: [0, 0],
  date: [1, 1],
} as const satisfies Record<string, readonly [number, number]>;

/** A function name of {@link FORM_FUNCTIONS}. */
export type FormFunction = keyof typeof FORM_FUNCTIONS;

/** Longest expression source accepted. */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Longest `regex()` pattern accepted. */
export const MAX_REGEX_PATTERN_LENGTH = 200;
/** Longest value `regex()` is run against; longer values do not match. */
export const MAX_REGEX_VALUE_LENGTH = 1000;
const MAX_DEPTH = 64;

type Token =
  | { t: 'number'; value: number; pos: number }
  | { t: 'string'; value: string; pos: number }
  | { t: 'ref'; name: string; pos: number }
  | { t: 'dot'; pos: number }
  | { t: 'name'; value: string; pos: number }
  | { t: 'punct'; value: string; pos: number }
  | { t: 'end'; pos: number };

const REF_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NUMBER = /\d+(?:\.\d*)?|\.\d+/y;
const NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const PUNCT = /!=|<=|>=|[()=<>+\-*,]/y;

function tokenize(source: string): Token[] {
  const fail = (detail: string, pos: number): never => {
    throw new FormExpressionError(detail, pos, source);
  };
  const tokens: Token[] = [];
  let i = 0;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(source)?.[0];
  };
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const pos = i;
    const number = match(NUMBER);
    if (number !== undefined) {
      tokens.push({ t: 'number', value: Number(number), pos });
      i += number.length;
    } else if (c === '.') {
      if (source.charAt(i + 1) === '.') fail('".." paths are not supported', pos);
      tokens.push({ t: 'dot', pos });
      i += 1;
    } else if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) fail('unterminated string', pos);
      tokens.push({ t: 'string', value: source.slice(i + 1, end), pos });
      i = end + 1;
    } else if (c === '$') {
      if (source.charAt(i + 1) !== '{') fail('expected "{" after "$"', pos);
      const end = source.indexOf('}', i + 2);
      if (end < 0) fail('unterminated field reference', pos);
      const name = source.slice(i + 2, end).trim();
      if (!REF_NAME.test(name)) fail(`invalid field name "\${${name}}"`, pos);
      tokens.push({ t: 'ref', name, pos });
      i = end + 1;
    } else {
      const name = match(NAME);
      const punct = name === undefined ? match(PUNCT) : undefined;
      if (name !== undefined) tokens.push({ t: 'name', value: name, pos });
      else if (punct !== undefined) tokens.push({ t: 'punct', value: punct, pos });
      else if ('/[]@|'.includes(c)) fail(`"${c}": paths are not supported, write \${name}`, pos);
      else fail(`unexpected character "${c}"`, pos);
      i += (name ?? punct ?? c).length;
    }
  }
  tokens.push({ t: 'end', pos: source.length });
  return tokens;
}

const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];
const WORD_OPERATORS = new Set(['or', 'and', 'div', 'mod']);

function describe(token: Token): string {
  switch (token.t) {
    case 'end':
      return 'end of expression';
    case 'number':
      return `"${token.value}"`;
    case 'string':
      return `'${token.value}'`;
    case 'ref':
      return `"\${${token.name}}"`;
    case 'dot':
      return '"."';
    default:
      return `"${token.value}"`;
  }
}

/**
 * Parses an expression into an AST. Throws {@link FormExpressionError} on a syntax
 * error, an unknown function, a wrong number of arguments or an unsafe regex literal.
 */
export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new FormExpressionError(
      `expression longer than ${MAX_EXPRESSION_LENGTH} characters`,
      MAX_EXPRESSION_LENGTH,
      source.slice(0, 40),
    );
  const tokens = tokenize(source);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at] ?? { t: 'end', pos: source.length };
  const fail = (detail: string, pos: number): never => {
    throw new FormExpressionError(detail, pos, source);
  };
  const isPunct = (token: Token, value: string): boolean =>
    token.t === 'punct' && token.value === value;
  const expectPunct = (value: string, context: string): void => {
    const token = peek();
    if (!isPunct(token, value))
      fail(`expected "${value}" ${context}, found ${describe(token)}`, token.pos);
    at += 1;
  };
  const operatorAt = (level: readonly BinaryOperator[]): BinaryOperator | undefined => {
    const token = peek();
    if (token.t !== 'punct' && token.t !== 'name') return undefined;
    return level.find((op) => op === token.value);
  };

  const binary = (level: number): Expr => {
    const ops = LEVELS[level];
    if (ops === undefined) return unary();
    let left = binary(level + 1);
    for (let op = operatorAt(ops); op !== undefined; op = operatorAt(ops)) {
      const pos = peek().pos;
      at += 1;
      left = { kind: 'binary', op, left, right: binary(level + 1), pos };
    }
    return left;
  };

  const unary = (): Expr => {
    const token = peek();
    depth += 1;
    if (depth > MAX_DEPTH) fail('expression nested too deeply', token.pos);
    try {
      if (isPunct(token, '-')) {
        at += 1;
        return { kind: 'negate', arg: unary(), pos: token.pos };
      }
      return primary();
    } finally {
      depth -= 1;
    }
  };

  const primary = (): Expr => {
    const token = peek();
    at += 1;
    switch (token.t) {
      case 'number':
        return { kind: 'number', value: token.value, pos: token.pos };
      case 'string':
        return { kind: 'string', value: token.value, pos: token.pos };
      case 'ref':
        return { kind: 'ref', name: token.name, pos: token.pos };
      case 'dot':
        return { kind: 'current', pos: token.pos };
      case 'name':
        return call(token.value, token.pos);
      case 'punct':
        if (token.value === '(') {
          const inner = binary(0);
          expectPunct(')', 'to close "("');
          return inner;
        }
        return fail(`expected a value, found ${describe(token)}`, token.pos);
      default:
        return fail('expected a value, found end of expression', token.pos);
    }
  };

  const call = (name: string, pos: number): Expr => {
    if (WORD_OPERATORS.has(name)) fail(`expected a value before "${name}"`, pos);
    if (!isPunct(peek(), '('))
      fail(`unexpected name "${name}" (refer to a field as \${${name}})`, pos);
    if (!Object.hasOwn(FORM_FUNCTIONS, name)) fail(`unknown function ${name}()`, pos);
    const fn = name as FormFunction;
    at += 1;
    const args: Expr[] = [];
    if (!isPunct(peek(), ')')) {
      args.push(binary(0));
      while (isPunct(peek(), ',')) {
        at += 1;
        args.push(binary(0));
      }
    }
    expectPunct(')', `to close ${name}(`);
    const [min, max] = FORM_FUNCTIONS[fn];
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : `${min} to ${max}`;
      fail(`${name}() takes ${wanted} argument(s), not ${args.length}`, pos);
    }
    const pattern = args[1];
    if (fn === 'regex' && pattern?.kind === 'string') {
      const problem = regexProblem(pattern.value);
      if (problem) fail(problem, pattern.pos);
    }
    return { kind: 'call', name: fn, args, pos };
  };

  const expr = binary(0);
  const rest = peek();
  if (rest.t !== 'end') fail(`unexpected ${describe(rest)}`, rest.pos);
  return expr;
}

/** The `${name}` references of an expression, each once, in order of appearance. */
export function referencedNames(expr: Expr): string[] {
  const names = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'ref') names.add(e.name);
    else if (e.kind === 'negate') walk(e.arg);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(expr);
  return [...names];
}

/**
 * Why a `regex()` pattern is refused, or undefined when it is acceptable: too long,
 * not a valid pattern, a back-reference, or a repeated group that itself repeats
 * (`(a+)+`), the shapes that make backtracking explode.
 */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH)
    return `regex pattern longer than ${MAX_REGEX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch {
    return `invalid regex pattern '${pattern}'`;
  }
  // Per open group: does it contain a repetition of variable length (*, +, ?, {n,m})?
  const groups: boolean[] = [false];
  const quantifierAt = (i: number) => {
    const c = pattern.charAt(i);
    if (c === '*' || c === '+') return { unbounded: true, variable: true, length: 1 };
    if (c === '?') return { unbounded: false, variable: true, length: 1 };
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!braces) return undefined;
    const [whole, min, comma, max] = braces;
    return {
      unbounded: comma !== undefined && max === '',
      variable: comma !== undefined && max !== min,
      length: whole.length,
    };
  };
  const mark = (variable: boolean | undefined): void => {
    if (variable) groups[groups.length - 1] = true;
  };
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern.charAt(i);
    if (c === '\\') {
      if (/[1-9k]/.test(pattern.charAt(i + 1))) return 'back-references are not allowed in regex';
      i += 1;
    } else if (c === '[') {
      for (i += 1; i < pattern.length && pattern.charAt(i) !== ']'; i += 1) {
        if (pattern.charAt(i) === '\\') i += 1;
      }
    } else if (c === '(') {
      groups.push(false);
      const modifier = /^\?(<[A-Za-z_]\w*>|<[=!]|[:=!])/.exec(pattern.slice(i + 1));
      if (modifier) i += modifier[0].length;
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      const q = quantifierAt(i + 1);
      if (q?.unbounded && inner) return 'nested repetition like (a+)+ is not allowed in regex';
      mark(inner || q?.variable);
      if (q) i += q.length;
    } else {
      const q = quantifierAt(i);
      mark(q?.variable);
      if (q) i += q.length - 1;
    }
  }
  return undefined;
}

/** What an expression is evaluated against. */
export interface ExpressionContext {
  /** Today as 'YYYY-MM-DD', from the caller: device clocks can be wrong. */
  today: string;
  /** Answers by field name, for `${name}`; missing means empty. */
  answers: Readonly<FormAnswers>;
  /** The answer `.` stands for. */
  current?: FormAnswers[string];
}

/** An XPath value: string, number or boolean. */
export type ExpressionValue = string | number | boolean;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real calendar date 'YYYY-MM-DD', else undefined. */
export function isoDateToDays(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  )
    return undefined;
  return time / DAY_MS;
}

function daysToDate(days: number): string {
  if (!Number.isFinite(days) || Math.abs(days) > 2_900_000) return '';
  const iso = new Date(Math.floor(days) * DAY_MS).toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : '';
}

function answerValue(answer: unknown): ExpressionValue {
  if (Array.isArray(answer)) return answer.join(' ');
  const type = typeof answer;
  return type === 'string' || type === 'number' || type === 'boolean'
    ? (answer as ExpressionValue)
    : '';
}

/** XPath `number()`, extended as in ODK: a 'YYYY-MM-DD' date is its day number. */
export function xpathNumber(value: ExpressionValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = value.trim();
  if (/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text);
  return isoDateToDays(text) ?? Number.NaN;
}

/** XPath `string()`. */
export function xpathString(value: ExpressionValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Object.is(value, -0)) return '0';
  return String(value);
}

/** XPath `boolean()`: non-empty string, non-zero number. */
export function xpathBoolean(value: ExpressionValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value.length > 0;
}

function equal(a: ExpressionValue, b: ExpressionValue): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return xpathBoolean(a) === xpathBoolean(b);
  if (typeof a === 'number' || typeof b === 'number') return xpathNumber(a) === xpathNumber(b);
  return a === b;
}

function selectedItems(value: ExpressionValue): string[] {
  return xpathString(value).split(/\s+/).filter(Boolean);
}

const regexCache = new Map<string, RegExp | null>();

function compiledRegex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    re = regexProblem(pattern) === undefined ? new RegExp(pattern) : null;
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

function today(ctx: ExpressionContext): string {
  if (isoDateToDays(ctx.today) === undefined)
    throw new Error(`today must be a date 'YYYY-MM-DD', not "${ctx.today}"`);
  return ctx.today;
}

function callFunction(name: FormFunction, args: Expr[], ctx: ExpressionContext): ExpressionValue {
  const arg = (i: number): ExpressionValue => {
    const e = args[i];
    return e === undefined ? answerValue(ctx.current) : evaluateExpression(e, ctx);
  };
  switch (name) {
    case 'not':
      return !xpathBoolean(arg(0));
    case 'selected':
      return selectedItems(arg(0)).includes(xpathString(arg(1)).trim());
    case 'count-selected':
      return selectedItems(arg(0)).length;
    case 'string-length':
      return Array.from(xpathString(arg(0))).length;
    case 'regex': {
      const value = xpathString(arg(0));
      const re = compiledRegex(xpathString(arg(1)));
      return re !== null && value.length <= MAX_REGEX_VALUE_LENGTH && re.test(value);
    }
    case 'today':
      return today(ctx);
    case 'int': {
      const n = Math.trunc(xpathNumber(arg(0)));
      return n === 0 ? 0 : n;
    }
    case 'number':
      return xpathNumber(arg(0));
    case 'string':
      return xpathString(arg(0));
    case 'if':
      return xpathBoolean(arg(0)) ? arg(1) : arg(2);
    case 'coalesce': {
      const first = arg(0);
      return xpathString(first) !== '' ? first : arg(1);
    }
    case 'concat':
      return args.map((_, i) => xpathString(arg(i))).join('');
    case 'contains':
      return xpathString(arg(0)).includes(xpathString(arg(1)));
    case 'starts-with':
      return xpathString(arg(0)).startsWith(xpathString(arg(1)));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'date': {
      const value = arg(0);
      if (typeof value === 'string' && isoDateToDays(value.trim()) !== undefined)
        return value.trim();
      return daysToDate(xpathNumber(value));
    }
  }
}

function arithmetic(op: BinaryOperator, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case 'div':
      return a / b;
    default:
      return a % b;
  }
}

/**
 * Evaluates a parsed expression with XPath 1.0 rules: `=` compares as numbers when
 * either side is a number, `<` and friends always compare as numbers (so an empty
 * answer compares false and dates compare by day), `and`/`or` short-circuit.
 */
export function evaluateExpression(expr: Expr, ctx: ExpressionContext): ExpressionValue {
  switch (expr.kind) {
    case 'number':
    case 'string':
      return expr.value;
    case 'ref':
      return Object.hasOwn(ctx.answers, expr.name) ? answerValue(ctx.answers[expr.name]) : '';
    case 'current':
      return answerValue(ctx.current);
    case 'negate':
      return -xpathNumber(evaluateExpression(expr.arg, ctx));
    case 'call':
      return callFunction(expr.name, expr.args, ctx);
    case 'binary': {
      const { op } = expr;
      const left = evaluateExpression(expr.left, ctx);
      if (op === 'or')
        return xpathBoolean(left) || xpathBoolean(evaluateExpression(expr.right, ctx));
      if (op === 'and')
        return xpathBoolean(left) && xpathBoolean(evaluateExpression(expr.right, ctx));
      const right = evaluateExpression(expr.right, ctx);
      if (op === '=') return equal(left, right);
      if (op === '!=') return !equal(left, right);
      const [a, b] = [xpathNumber(left), xpathNumber(right)];
      if (op === '<') return a < b;
      if (op === '<=') return a <= b;
      if (op === '>') return a > b;
      if (op === '>=') return a >= b;
      return arithmetic(op, a, b);
    }
  }
}

/** Evaluates an expression and converts the result with XPath `boolean()`. */
export function evaluateBoolean(expr: Expr, ctx: ExpressionContext): boolean {
  return xpathBoolean(evaluateExpression(expr, ctx));
}
