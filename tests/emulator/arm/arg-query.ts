/**
 * The slice of KQL the client sends to Resource Graph: `Table | where … | project …` with
 * `order by`, `limit`, `extend` and `project-away`. Anything else is refused with a 400 so a
 * client never relies on a construct the emulator only pretends to run.
 */

export class QueryError extends Error {
  constructor(
    readonly detailCode: string,
    message: string,
  ) {
    super(message);
  }
}

type Row = Record<string, unknown>;
type Lit = string | number | boolean;

type Expr =
  | { k: 'or' | 'and'; a: Expr; b: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'cmp'; col: string; op: string; value: Lit | Lit[] }
  | { k: 'fn'; name: string; col: string };

type Step =
  | { kind: 'where'; expr: Expr }
  | { kind: 'project'; cols: { name: string; path: string }[] }
  | { kind: 'extend'; cols: { name: string; path: string }[] }
  | { kind: 'project-away'; cols: string[] }
  | { kind: 'order'; keys: { path: string; desc: boolean }[] }
  | { kind: 'limit'; n: number };

export interface ParsedQuery {
  table: string;
  steps: Step[];
}

type Tok = { t: 'id' | 'str' | 'num' | 'op'; v: string };

const COMPARISONS = new Set([
  '==',
  '!=',
  '=~',
  '!~',
  'in',
  '!in',
  'in~',
  '!in~',
  'contains',
  '!contains',
  'contains_cs',
  'has',
  '!has',
  'startswith',
  '!startswith',
  'endswith',
  '!endswith',
]);

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        v += src[i];
        i++;
      }
      if (i >= src.length) throw new QueryError('ParserFailure', 'Unterminated string literal.');
      i++;
      out.push({ t: 'str', v });
    } else if (/[A-Za-z_]/.test(c)) {
      let v = '';
      while (i < src.length && /[A-Za-z0-9_.]/.test(src[i] ?? '')) v += src[i++];
      if (src[i] === '~' && v === 'in') {
        v += '~';
        i++;
      }
      out.push({ t: COMPARISONS.has(v) ? 'op' : 'id', v });
    } else if (/[0-9]/.test(c)) {
      let v = '';
      while (i < src.length && /[0-9.]/.test(src[i] ?? '')) v += src[i++];
      out.push({ t: 'num', v });
    } else if (c === '!') {
      const next = src[i + 1] ?? '';
      if (next === '=' || next === '~') {
        out.push({ t: 'op', v: `!${next}` });
        i += 2;
      } else if (/[A-Za-z]/.test(next)) {
        let v = '!';
        i++;
        while (i < src.length && /[A-Za-z_]/.test(src[i] ?? '')) v += src[i++];
        if (src[i] === '~') {
          v += '~';
          i++;
        }
        if (!COMPARISONS.has(v)) throw new QueryError('ParserFailure', `Unknown operator '${v}'.`);
        out.push({ t: 'op', v });
      } else {
        throw new QueryError('ParserFailure', "Unexpected '!'.");
      }
    } else if (c === '=') {
      const next = src[i + 1] ?? '';
      if (next === '=' || next === '~') {
        out.push({ t: 'op', v: `=${next}` });
        i += 2;
      } else {
        out.push({ t: 'op', v: '=' });
        i++;
      }
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'op', v: c });
      i++;
    } else {
      throw new QueryError('ParserFailure', `Unsupported character '${c}' in query.`);
    }
  }
  return out;
}

class Cursor {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new QueryError('ParserFailure', 'Unexpected end of query.');
    return t;
  }
  accept(v: string): boolean {
    const t = this.peek();
    if (t && (t.t === 'op' || t.t === 'id') && t.v.toLowerCase() === v) {
      this.i++;
      return true;
    }
    return false;
  }
  expect(v: string): void {
    if (!this.accept(v)) throw new QueryError('ParserFailure', `Expected '${v}'.`);
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }
}

function literal(t: Tok): Lit {
  if (t.t === 'str') return t.v;
  if (t.t === 'num') return Number(t.v);
  if (t.t === 'id' && (t.v === 'true' || t.v === 'false')) return t.v === 'true';
  throw new QueryError('ParserFailure', `Expected a literal, found '${t.v}'.`);
}

function parseExpr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.accept('or')) left = { k: 'or', a: left, b: parseAnd(c) };
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseUnary(c);
  while (c.accept('and')) left = { k: 'and', a: left, b: parseUnary(c) };
  return left;
}

const PREDICATES = new Set(['isnotempty', 'isempty', 'isnotnull', 'isnull']);

function parseUnary(c: Cursor): Expr {
  if (c.accept('not')) {
    c.expect('(');
    const e = parseExpr(c);
    c.expect(')');
    return { k: 'not', e };
  }
  if (c.accept('(')) {
    const e = parseExpr(c);
    c.expect(')');
    return e;
  }
  const col = c.next();
  if (col.t !== 'id') throw new QueryError('ParserFailure', `Expected a column name, found '${col.v}'.`);
  if (PREDICATES.has(col.v)) {
    c.expect('(');
    const arg = c.next();
    if (arg.t !== 'id') throw new QueryError('ParserFailure', `${col.v}() expects a column.`);
    c.expect(')');
    return { k: 'fn', name: col.v, col: arg.v };
  }
  const op = c.next();
  if (op.t !== 'op' || !COMPARISONS.has(op.v)) {
    throw new QueryError('ParserFailure', `Unsupported operator '${op.v}' after '${col.v}'.`);
  }
  if (op.v.replace('!', '').startsWith('in')) {
    c.expect('(');
    const list: Lit[] = [literal(c.next())];
    while (c.accept(',')) list.push(literal(c.next()));
    c.expect(')');
    return { k: 'cmp', col: col.v, op: op.v, value: list };
  }
  return { k: 'cmp', col: col.v, op: op.v, value: literal(c.next()) };
}

function parseColumns(c: Cursor, requireAlias: boolean): { name: string; path: string }[] {
  const cols: { name: string; path: string }[] = [];
  do {
    const first = c.next();
    if (first.t !== 'id') throw new QueryError('ParserFailure', `Expected a column, found '${first.v}'.`);
    if (c.accept('=')) {
      const src = c.next();
      if (src.t !== 'id') throw new QueryError('ParserFailure', 'Only column references can be projected.');
      cols.push({ name: first.v, path: src.v });
    } else {
      if (requireAlias) throw new QueryError('ParserFailure', 'extend needs `name = column`.');
      // KQL names a projected `a.b` column `a_b`.
      cols.push({ name: first.v.replace(/\./g, '_'), path: first.v });
    }
  } while (c.accept(','));
  if (!c.done()) throw new QueryError('ParserFailure', `Unexpected '${c.peek()?.v ?? ''}'.`);
  return cols;
}

/** Splits on `|` outside string literals. */
function splitPipes(query: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] ?? '';
    if (quote) {
      cur += ch;
      if (ch === '\\' && i + 1 < query.length) cur += query[++i];
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === '|') {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

export function parseQuery(query: string): ParsedQuery {
  const [head = '', ...rest] = splitPipes(query);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(head)) {
    throw new QueryError('ParserFailure', `Expected a table name, found '${head}'.`);
  }
  const steps = rest.map((segment): Step => {
    const m = /^([A-Za-z-]+)(?:\s+(by)\b)?\s*([\s\S]*)$/.exec(segment);
    const op = (m?.[1] ?? '').toLowerCase();
    const body = m?.[3] ?? '';
    if (op === 'where' || op === 'filter') {
      const c = new Cursor(tokenize(body));
      const expr = parseExpr(c);
      if (!c.done()) throw new QueryError('ParserFailure', `Unexpected '${c.peek()?.v ?? ''}' in where.`);
      return { kind: 'where', expr };
    }
    if (op === 'project') return { kind: 'project', cols: parseColumns(new Cursor(tokenize(body)), false) };
    if (op === 'extend') return { kind: 'extend', cols: parseColumns(new Cursor(tokenize(body)), true) };
    if (op === 'project-away') {
      return {
        kind: 'project-away',
        cols: parseColumns(new Cursor(tokenize(body)), false).map((c) => c.path),
      };
    }
    if ((op === 'order' || op === 'sort') && m?.[2]) {
      const keys = body.split(',').map((k) => {
        const [path = '', dir = 'desc'] = k.trim().split(/\s+/);
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(path) || !/^(asc|desc)$/i.test(dir)) {
          throw new QueryError('ParserFailure', `Cannot parse order key '${k.trim()}'.`);
        }
        return { path, desc: dir.toLowerCase() === 'desc' };
      });
      return { kind: 'order', keys };
    }
    if (op === 'limit' || op === 'take') {
      const n = Number(body.trim());
      if (!Number.isInteger(n) || n < 0)
        throw new QueryError('ParserFailure', `Invalid ${op} '${body.trim()}'.`);
      return { kind: 'limit', n };
    }
    throw new QueryError(
      'UnsupportedOperator',
      `The operator '${segment.split(/\s/)[0]}' is not supported here.`,
    );
  });
  return { table: head, steps };
}

function lookup(row: Row, path: string): unknown {
  let v: unknown = row;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Row)[part];
  }
  return v;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function compare(op: string, actual: unknown, value: Lit | Lit[]): boolean {
  const negate = op.startsWith('!') && op !== '!=' && op !== '!~';
  const base = negate ? op.slice(1) : op;
  const a = text(actual);
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  const v = list[0] ?? '';
  let result: boolean;
  switch (base) {
    case '==':
      result = a === v;
      break;
    case '!=':
      result = a !== v;
      break;
    case '=~':
      result = a.toLowerCase() === v.toLowerCase();
      break;
    case '!~':
      result = a.toLowerCase() !== v.toLowerCase();
      break;
    case 'in':
      result = list.includes(a);
      break;
    case 'in~':
      result = list.some((x) => x.toLowerCase() === a.toLowerCase());
      break;
    case 'contains_cs':
      result = a.includes(v);
      break;
    case 'contains':
    case 'has':
      result = a.toLowerCase().includes(v.toLowerCase());
      break;
    case 'startswith':
      result = a.toLowerCase().startsWith(v.toLowerCase());
      break;
    case 'endswith':
      result = a.toLowerCase().endsWith(v.toLowerCase());
      break;
    default:
      throw new QueryError('ParserFailure', `Unsupported operator '${op}'.`);
  }
  return negate ? !result : result;
}

function evaluate(e: Expr, row: Row): boolean {
  switch (e.k) {
    case 'or':
      return evaluate(e.a, row) || evaluate(e.b, row);
    case 'and':
      return evaluate(e.a, row) && evaluate(e.b, row);
    case 'not':
      return !evaluate(e.e, row);
    case 'fn': {
      const v = lookup(row, e.col);
      if (e.name === 'isnull') return v === null || v === undefined;
      if (e.name === 'isnotnull') return v !== null && v !== undefined;
      const empty = v === null || v === undefined || v === '';
      return e.name === 'isempty' ? empty : !empty;
    }
    case 'cmp':
      return compare(e.op, lookup(row, e.col), e.value);
  }
}

function columnsIn(e: Expr): string[] {
  switch (e.k) {
    case 'or':
    case 'and':
      return [...columnsIn(e.a), ...columnsIn(e.b)];
    case 'not':
      return columnsIn(e.e);
    case 'fn':
    case 'cmp':
      return [e.col];
  }
}

/** Runs the pipeline over rows that are already sorted by id (ARG's stable paging order). */
export function runQuery(q: ParsedQuery, rows: Row[], columns: string[]): { rows: Row[]; columns: string[] } {
  let cols = [...columns];
  let out = rows;
  const known = (path: string): void => {
    const head = path.split('.')[0] ?? '';
    // KQL column names are case-sensitive; a wrong case is an error, not an empty match.
    if (!cols.includes(head)) {
      throw new QueryError(
        'FailedToResolveScalarExpression',
        `Failed to resolve scalar expression named '${head}'.`,
      );
    }
  };
  for (const step of q.steps) {
    switch (step.kind) {
      case 'where':
        columnsIn(step.expr).forEach(known);
        out = out.filter((r) => evaluate(step.expr, r));
        break;
      case 'project':
        step.cols.forEach((c) => known(c.path));
        out = out.map((r) => Object.fromEntries(step.cols.map((c) => [c.name, lookup(r, c.path) ?? null])));
        cols = step.cols.map((c) => c.name);
        break;
      case 'extend':
        step.cols.forEach((c) => known(c.path));
        out = out.map((r) => ({
          ...r,
          ...Object.fromEntries(step.cols.map((c) => [c.name, lookup(r, c.path) ?? null])),
        }));
        cols = [...cols.filter((c) => !step.cols.some((s) => s.name === c)), ...step.cols.map((c) => c.name)];
        break;
      case 'project-away':
        step.cols.forEach(known);
        out = out.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !step.cols.includes(k))));
        cols = cols.filter((c) => !step.cols.includes(c));
        break;
      case 'order':
        step.keys.forEach((k) => known(k.path));
        out = [...out].sort((x, y) => {
          for (const key of step.keys) {
            const a = text(lookup(x, key.path)).toLowerCase();
            const b = text(lookup(y, key.path)).toLowerCase();
            if (a !== b) return (a < b ? -1 : 1) * (key.desc ? -1 : 1);
          }
          return 0;
        });
        break;
      case 'limit':
        out = out.slice(0, step.n);
        break;
    }
  }
  return { rows: out, columns: cols };
}
