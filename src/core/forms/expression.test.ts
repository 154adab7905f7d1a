// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import { describe, expect, it } from 'vitest';
import {
  type ExpressionContext,
  evaluateBoolean,
  evaluateExpression,
  FormExpressionError,
  isoDateToDays,
  MAX_EXPRESSION_LENGTH,
  parseExpression,
  referencedNames,
  regexProblem,
  xpathNumber,
} from './expression.ts';
import type { FormAnswers } from './formTypes.ts';

const TODAY = '2026-03-15';

function run(source: string, answers: FormAnswers = {}, current?: FormAnswers[string]) {
  const ctx: ExpressionContext = { today: TODAY, answers, current };
  return evaluateExpression(parseExpression(source), ctx);
}

function syntaxError(source: string): FormExpressionError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof FormExpressionError) return error;
    throw error;
  }
  throw new Error(`"${source}" parsed without error`);
}

describe('parseExpression', () => {
  it('builds an AST with XPath precedence: or < and < = < relational < additive < multiplicative < unary', () => {
    expect(parseExpression('1 + 2 * 3')).toMatchObject({
      kind: 'binary',
      op: '+',
      left: { kind: 'number', value: 1 },
      right: { kind: 'binary', op: '*' },
    });
    expect(parseExpression('${a} or ${b} and ${c}')).toMatchObject({
      op: 'or',
      left: { kind: 'ref', name: 'a' },
      right: { op: 'and' },
    });
    expect(parseExpression('1 = 2 < 3')).toMatchObject({ op: '=', right: { op: '<' } });
    expect(parseExpression('1 < 2 + 3')).toMatchObject({ op: '<', right: { op: '+' } });
    expect(parseExpression('-2 * 3')).toMatchObject({ op: '*', left: { kind: 'negate' } });
    expect(parseExpression('(1 + 2) * 3')).toMatchObject({ op: '*', left: { op: '+' } });
    expect(parseExpression('. >= 1')).toMatchObject({ op: '>=', left: { kind: 'current' } });
  });

  it('is left-associative and parses every operator', () => {
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('100 div 10 div 5')).toBe(2);
    expect(run('7 mod 4')).toBe(3);
    expect(run('-7 mod 4')).toBe(-3);
    expect(run('2 * 3 + 4 * 5')).toBe(26);
    expect(run('1 + 2 * 3 - 4 div 2')).toBe(5);
    expect(run('- - 3')).toBe(3);
    expect(run('1 != 2')).toBe(true);
    expect(run('2 <= 2 and 3 >= 3 and 1 < 2 and 2 > 1')).toBe(true);
    expect(run('1 > 2 or 2 > 1')).toBe(true);
  });

  it('reads number and string literals in both quote styles', () => {
    expect(run('3.5')).toBe(3.5);
    expect(run('.5')).toBe(0.5);
    expect(run(`"it's"`)).toBe("it's");
    expect(run(`'say "hi"'`)).toBe('say "hi"');
    expect(run("''")).toBe('');
  });

  it('lists the fields an expression refers to, once each', () => {
    const expr = parseExpression("${a} > 1 and (selected(${b}, 'x') or ${a} = ${ c })");
    expect(referencedNames(expr)).toEqual(['a', 'b', 'c']);
    expect(referencedNames(parseExpression('. > 1'))).toEqual([]);
  });

  it.each([
    ['1 +', 3, 'expected a value'],
    ['(1 + 2', 6, 'expected ")"'],
    ['1 2', 2, 'unexpected "2"'],
    ["'open", 0, 'unterminated string'],
    ['${age', 0, 'unterminated field reference'],
    ['${1age} > 2', 0, 'invalid field name'],
    ['$age', 0, 'expected "{"'],
    ['age > 2', 0, 'refer to a field as ${age}'],
    ['and 1', 0, 'expected a value before "and"'],
    ['1 and', 5, 'expected a value'],
    ['foo(1)', 0, 'unknown function foo()'],
    ['now()', 0, 'unknown function now()'],
    ['not(1, 2)', 0, 'not() takes 1 argument(s), not 2'],
    ['if(1, 2)', 0, 'if() takes 3 argument(s)'],
    ['today(1)', 0, 'today() takes 0'],
    ['/data/age > 1', 0, 'paths are not supported'],
    ['${a}[1]', 4, 'paths are not supported'],
    ['.. > 1', 0, 'not supported'],
    ['1 # 2', 2, 'unexpected character "#"'],
    ['', 0, 'expected a value, found end of expression'],
    ['1 + * 2', 4, 'expected a value, found "*"'],
    ['not(1,)', 6, 'expected a value'],
  ])('rejects %j at offset %i: %s', (source, position, message) => {
    const error = syntaxError(source);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
    expect(error.message).toContain(`at character ${position + 1} of "${source}"`);
  });

  it('rejects very long and very deeply nested expressions', () => {
    expect(syntaxError('1'.repeat(MAX_EXPRESSION_LENGTH + 1)).message).toContain('longer than');
    expect(syntaxError(`${'('.repeat(200)}1${')'.repeat(200)}`).message).toContain('too deeply');
    expect(syntaxError(`${'-'.repeat(200)}1`).message).toContain('too deeply');
    expect(run(`${'('.repeat(20)}1${')'.repeat(20)}`)).toBe(1);
  });

  it('rejects unsafe or invalid regex literals where they are written', () => {
    expect(syntaxError("regex(., '(a+)+$')")).toMatchObject({ position: 9 });
    expect(syntaxError("regex(., '(')").message).toContain('invalid regex pattern');
    expect(syntaxError(`regex(., '${'a'.repeat(201)}')`).message).toContain('longer than 200');
    expect(() => parseExpression("regex(., '^[0-9+ ]{7,15}$')")).not.toThrow();
  });
});

describe('regexProblem', () => {
  it.each([
    ['^[0-9+ ]{7,15}$', undefined],
    ['(?:\\d{3})+', undefined],
    ['^(\\d{3}-)?\\d{4}$', undefined],
    ['(a|b)+', undefined],
    ['[(]+', undefined],
    ['(a+){3}', undefined],
    ['(a+)+', 'nested repetition'],
    ['(a?)*', 'nested repetition'],
    ['((ab)*c)+', 'nested repetition'],
    ['(?<x>a+)+', 'nested repetition'],
    ['(a{1,3}){2,}', 'nested repetition'],
    ['(a)\\1', 'back-references'],
    ['[', 'invalid regex'],
  ])('%s → %s', (pattern, problem) => {
    if (problem === undefined) expect(regexProblem(pattern)).toBeUndefined();
    else expect(regexProblem(pattern)).toContain(problem);
  });
});

describe('evaluateExpression', () => {
  it('treats an empty answer as empty, so comparisons with numbers are false', () => {
    for (const empty of [undefined, null, '']) {
      const answers = { age: empty };
      expect(run('${age} > 5', answers)).toBe(false);
      expect(run('${age} < 5', answers)).toBe(false);
      expect(run('${age} = 0', answers)).toBe(false);
      expect(run("${age} = ''", answers)).toBe(true);
      expect(run('${missing} > 5', answers)).toBe(false);
      expect(run('not(${age})', answers)).toBe(true);
    }
  });

  it('compares a number with a numeric string numerically, strings as strings', () => {
    expect(run('${age} = 12', { age: '12' })).toBe(true);
    expect(run("${age} = '12.0'", { age: 12 })).toBe(true);
    expect(run("${a} = '12.0'", { a: '12' })).toBe(false);
    expect(run('${age} > 5', { age: ' 12 ' })).toBe(true);
    expect(run('${age} + 1', { age: '41' })).toBe(42);
    expect(run("${x} = 'yes'", { x: 'yes' })).toBe(true);
    expect(run('${x} = 1', { x: 'abc' })).toBe(false);
    expect(run("'b' > 'a'")).toBe(false); // XPath 1.0: both sides become NaN
  });

  it('reads only the answers’ own properties, and only plain values', () => {
    expect(run('${constructor}', {})).toBe('');
    expect(run('string-length(${toString})', {})).toBe(0);
    const odd = { x: { nested: 1 } } as unknown as FormAnswers;
    expect(run("${x} = ''", odd)).toBe(true);
  });

  it('compares booleans as booleans', () => {
    expect(run('${ack} = true()', { ack: true })).toBe(true);
    expect(run('${ack} = true()', { ack: false })).toBe(false);
    expect(run("true() = 'x'")).toBe(true);
    expect(run('false() = 0')).toBe(true);
    expect(run('${ack}', { ack: true })).toBe(true);
  });

  it('compares dates chronologically, with today() from the context', () => {
    expect(run('today()')).toBe(TODAY);
    expect(run('. <= today()', {}, '2026-03-15')).toBe(true);
    expect(run('. <= today()', {}, '2026-03-16')).toBe(false);
    expect(run('. < today()', {}, '2025-12-31')).toBe(true);
    expect(run('${a} < ${b}', { a: '2025-09-30', b: '2025-10-01' })).toBe(true);
    expect(run("${d} = '2026-03-15'", { d: '2026-03-15' })).toBe(true);
    expect(run('today() - ${d}', { d: '2026-03-01' })).toBe(14);
    expect(run('int((today() - ${dob}) div 365.25)', { dob: '2012-03-16' })).toBe(13);
    expect(run("${d} > '2026-01-01'", { d: '' })).toBe(false);
    const ctx = { today: '2026-02-30', answers: {} };
    expect(() => evaluateExpression(parseExpression('today()'), ctx)).toThrow(/YYYY-MM-DD/);
  });

  it('converts dates and numbers with date() and number()', () => {
    expect(run('date(0)')).toBe('1970-01-01');
    expect(run('date(today() + 1)')).toBe('2026-03-16');
    expect(run("date('2024-02-29')")).toBe('2024-02-29');
    expect(run("date('2025-02-29')")).toBe('');
    expect(run("date('soon')")).toBe('');
    expect(run("number('1970-01-11')")).toBe(10);
    expect(run("number('12abc')")).toBeNaN();
    expect(run("number('1e3')")).toBeNaN();
    expect(run("number('')")).toBeNaN();
    expect(run('number(true())')).toBe(1);
    expect(isoDateToDays('2025-02-30')).toBeUndefined();
    expect(xpathNumber(' -3.5 ')).toBe(-3.5);
  });

  it('implements the selection functions on arrays and space-separated strings', () => {
    for (const hazards of [['dust', 'night_work'], 'dust night_work', ' dust  night_work ']) {
      expect(run("selected(${h}, 'night_work')", { h: hazards })).toBe(true);
      expect(run("selected(${h}, 'night')", { h: hazards })).toBe(false);
      expect(run('count-selected(${h})', { h: hazards })).toBe(2);
    }
    expect(run('count-selected(${h})', { h: [] })).toBe(0);
    expect(run('count-selected(${h})', {})).toBe(0);
    expect(run("selected(., 'a')", {}, ['a'])).toBe(true);
  });

  it('implements the string functions', () => {
    expect(run("string-length('नेपाल')")).toBe(5);
    expect(run('string-length()', {}, 'abc')).toBe(3);
    expect(run("concat('a', 1, true(), ${x})", { x: ['p', 'q'] })).toBe('a1truep q');
    expect(run("contains('brick kiln', 'kiln')")).toBe(true);
    expect(run("starts-with('brick kiln', 'kiln')")).toBe(false);
    expect(run('string(1.5)')).toBe('1.5');
    expect(run('string(-0)')).toBe('0');
    expect(run('string(1 div 0)')).toBe('Infinity');
    expect(run('string(false())')).toBe('false');
  });

  it('implements int, if, coalesce, not, true and false', () => {
    expect(run('int(2.9)')).toBe(2);
    expect(run('int(-2.9)')).toBe(-2);
    expect(run("int('x')")).toBeNaN();
    expect(run("if(${a} > 10, 'big', 'small')", { a: 11 })).toBe('big');
    expect(run("if(${a} > 10, 'big', 'small')", { a: '' })).toBe('small');
    expect(run("coalesce(${a}, 'none')", { a: '' })).toBe('none');
    expect(run("coalesce(${a}, 'none')", { a: 3 })).toBe(3);
    expect(run('not(0)')).toBe(true);
    expect(run("not('')")).toBe(true);
    expect(run("not('x')")).toBe(false);
    expect(run('true() and not(false())')).toBe(true);
  });

  it('short-circuits and and or', () => {
    // `today()` would throw with this context if it were evaluated.
    const ctx = { today: 'never', answers: {} };
    expect(evaluateBoolean(parseExpression('false() and today()'), ctx)).toBe(false);
    expect(evaluateBoolean(parseExpression('true() or today()'), ctx)).toBe(true);
    expect(evaluateBoolean(parseExpression('if(true(), 1, today())'), ctx)).toBe(true);
  });

  it('runs regex safely: unsafe patterns and over-long values do not match', () => {
    expect(run("regex(., '^[0-9+ ]{7,15}$')", {}, '+977 98412345')).toBe(true);
    expect(run("regex(., '^[0-9+ ]{7,15}$')", {}, '98-41')).toBe(false);
    expect(run("regex('abc', 'b')")).toBe(true); // finds, like ODK: anchor with ^ $
    expect(run('regex(., ${p})', { p: '(a+)+$' }, `${'a'.repeat(40)}!`)).toBe(false);
    expect(run('regex(., ${p})', { p: 'a'.repeat(201) }, 'a'.repeat(201))).toBe(false);
    expect(run('regex(., ${p})', { p: '(' }, '(')).toBe(false);
    expect(run("regex(., 'a')", {}, 'a'.repeat(1000))).toBe(true);
    expect(run("regex(., 'a')", {}, 'a'.repeat(1001))).toBe(false);
  });

  it('evaluates arithmetic with empty values to NaN, which compares false', () => {
    expect(run('${a} + 1', {})).toBeNaN();
    expect(run('${a} + 1 > 0', {})).toBe(false);
    expect(run('1 div 0')).toBe(Number.POSITIVE_INFINITY);
  });
});
