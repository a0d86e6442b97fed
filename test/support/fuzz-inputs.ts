/**
 * Hostile inputs for the resilience suite's fuzzing: JSON bodies (written as
 * text, so that duplicate and `__proto__` keys, huge number literals and deep
 * nesting reach the service as a client could send them), bodies that are not
 * JSON, content types, headers, bearer tokens, path segments and query strings.
 * Most bodies are a valid request with a few edits, so that they get past the
 * first check and reach the code behind it.
 */
import { fc } from '@fast-check/vitest';

/** A JSON document as written: entries keep duplicate and `__proto__` keys; scalars keep their literal text. */
export type JsonTree =
  | { t: 'raw'; text: string }
  | { t: 'arr'; items: JsonTree[] }
  | { t: 'obj'; entries: [string, JsonTree][] };

/** The text of a tree, exactly as a client would send it. */
export function jsonText(tree: JsonTree): string {
  if (tree.t === 'raw') return tree.text;
  if (tree.t === 'arr') return `[${tree.items.map(jsonText).join(',')}]`;
  return `{${tree.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

/** The tree of a plain JSON value. */
export function treeOf(value: unknown): JsonTree {
  if (Array.isArray(value)) return { t: 'arr', items: value.map(treeOf) };
  if (value !== null && typeof value === 'object') {
    return { t: 'obj', entries: Object.entries(value).map(([k, v]) => [k, treeOf(v)]) };
  }
  return { t: 'raw', text: JSON.stringify(value ?? null) };
}

const raw = (text: string): JsonTree => ({ t: 'raw', text });

/** Names that mean something to JavaScript objects, to stores or to paths. */
export const DANGEROUS_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__x__',
  '__',
  '__name__',
  '.',
  '..',
  '',
] as const;

const SPECIAL_STRINGS = [
  ...DANGEROUS_NAMES,
  ' ',
  '../..',
  '/',
  'a/b',
  'households/x/devices/y',
  '%2F',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\udc00\ud800',
  '\u202e',
  '\ufeff',
  '\u200b',
  '\u2028\u2029',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e999',
  'true',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the hostile input
  '${process.exit()}',
  '{{constructor.constructor}}',
  "'; DROP TABLE documents; --",
  '<script>alert(1)</script>',
  '<speak><audio src="x"/></speak>',
  '&amp;&',
  ']]>',
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.FallbackIntent',
  'action.devices.SYNC',
  'action.devices.EXECUTE',
  'en-US',
  'fr-FR',
  'zz-ZZ',
  'EN-us',
  '2026-11-20T09:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2026-13-45T25:61:61Z',
  'é'.normalize('NFD'),
  'ﷺ',
  '😀',
  'Ⅻ',
  'İ',
] as const;

/** Characters that break parsers, logs and matchers when put together. */
const NASTY_CHARS = [
  '\u0000',
  '\u0007',
  '\n',
  '\r',
  '\t',
  '\ud800',
  '\udc00',
  '\u0085',
  '\u2028',
  '"',
  '\\',
  '/',
  '<',
  '&',
  '%',
  '.',
  ' ',
  'a',
  'é',
  '😀',
  '\u0301',
] as const;

/** Strings of every kind: special names, any code point, graphemes, control characters, lone surrogates, very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_CHARS), maxLength: 40 }), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'ab ', '😀', '\u0000', 'x\ud800', 'pasta '),
        fc.integer({ min: 100, max: 20_000 }),
      )
      .map(([s, n]) => s.repeat(n)),
    weight: 1,
  },
);

/** Number literals that parse to something odd: huge, tiny, negative zero, beyond 2^53, Infinity. */
const numberLiteral: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '-1',
    '1e308',
    '-1e308',
    '1e999',
    '-1e999',
    '5e-324',
    '1e-999',
    '9007199254740993',
    '123456789012345678901234567890123456789',
    '1.7976931348623157e308',
    '0.1',
    '4294967296',
    '-2147483649',
  ),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
);

/** A nesting `depth` deep, as an array or object chain (what recursive parsers and validators trip on). */
export function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const deep: fc.Arbitrary<JsonTree> = fc
  .tuple(fc.integer({ min: 50, max: 40_000 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => raw(deepNesting(depth, kind)));

/** A scalar of any JSON type. */
const scalar: fc.Arbitrary<JsonTree> = fc.oneof(
  { arbitrary: hostileString.map((s) => raw(JSON.stringify(s))), weight: 4 },
  { arbitrary: numberLiteral.map(raw), weight: 3 },
  { arbitrary: fc.constantFrom('true', 'false', 'null').map(raw), weight: 2 },
);

/** Object keys: the names objects and stores treat specially, `fieldNames` of the route, anything. */
export function keyArb(fieldNames: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...DANGEROUS_NAMES),
    ...(fieldNames.length > 0 ? [fc.constantFrom(...fieldNames)] : []),
    hostileString,
  );
}

/** Any JSON tree of hostile scalars and keys, a few levels deep, sometimes with a very deep branch. */
export function hostileTree(fieldNames: readonly string[] = []): fc.Arbitrary<JsonTree> {
  const key = keyArb(fieldNames);
  const { tree } = fc.letrec<{ tree: JsonTree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      { arbitrary: scalar, weight: 5 },
      {
        arbitrary: fc.array(tie('tree'), { maxLength: 5 }).map((items): JsonTree => ({ t: 'arr', items })),
        weight: 2,
      },
      {
        arbitrary: fc
          .array(fc.tuple(key, tie('tree')), { maxLength: 6 })
          .map((entries): JsonTree => ({ t: 'obj', entries })),
        weight: 3,
      },
      { arbitrary: deep, weight: 1 },
    ),
  }));
  return tree;
}

/** One change to a valid document. */
type Edit = {
  at: number;
  op: 'replace' | 'delete' | 'addKey' | 'duplicateKey' | 'wrap' | 'retype';
  key: string;
  value: JsonTree;
};

function editArb(fieldNames: readonly string[]): fc.Arbitrary<Edit> {
  return fc.record({
    at: fc.nat(),
    op: fc.constantFrom('replace', 'delete', 'addKey', 'duplicateKey', 'wrap', 'retype'),
    key: keyArb(fieldNames),
    value: hostileTree(fieldNames),
  });
}

type Slot = { get: () => JsonTree; set: (v: JsonTree) => void; remove: () => void };

/** Every node of the tree, in document order, with a way to replace or remove it. */
function slotsOf(root: { value: JsonTree }): Slot[] {
  const slots: Slot[] = [];
  const walk = (get: () => JsonTree, set: (v: JsonTree) => void, remove: () => void) => {
    slots.push({ get, set, remove });
    const node = get();
    if (node.t === 'arr') {
      node.items.forEach((_, i) => {
        walk(
          () => node.items[i]!,
          (v) => {
            node.items[i] = v;
          },
          () => {
            node.items.splice(i, 1, raw('null'));
          },
        );
      });
    } else if (node.t === 'obj') {
      node.entries.forEach((entry) => {
        walk(
          () => entry[1],
          (v) => {
            entry[1] = v;
          },
          () => {
            entry[0] = '\u0000removed';
          },
        );
      });
    }
  };
  walk(
    () => root.value,
    (v) => {
      root.value = v;
    },
    () => {
      root.value = raw('null');
    },
  );
  return slots;
}

function dropRemoved(tree: JsonTree): JsonTree {
  if (tree.t === 'arr') return { t: 'arr', items: tree.items.map(dropRemoved) };
  if (tree.t === 'obj') {
    return {
      t: 'obj',
      entries: tree.entries.filter(([k]) => k !== '\u0000removed').map(([k, v]) => [k, dropRemoved(v)]),
    };
  }
  return tree;
}

/** Applies edits to a copy of a valid document and returns the text. */
function applyEdits(valid: unknown, edits: Edit[]): string {
  const root = { value: treeOf(structuredClone(valid)) };
  for (const edit of edits) {
    const slots = slotsOf(root);
    const slot = slots[edit.at % slots.length]!;
    const node = slot.get();
    switch (edit.op) {
      case 'replace':
        slot.set(edit.value);
        break;
      case 'delete':
        slot.remove();
        break;
      case 'addKey':
        if (node.t === 'obj') node.entries.push([edit.key, edit.value]);
        else slot.set({ t: 'obj', entries: [[edit.key, edit.value]] });
        break;
      case 'duplicateKey':
        if (node.t === 'obj' && node.entries.length > 0) node.entries.push([node.entries[0]![0], edit.value]);
        else slot.set(edit.value);
        break;
      case 'wrap':
        slot.set({ t: 'arr', items: [node] });
        break;
      case 'retype':
        // The same content as another JSON type: "1" for 1, 1 for "1", a string of an object.
        slot.set(
          node.t === 'raw' && node.text.startsWith('"')
            ? raw(node.text.slice(1, -1) || '0')
            : raw(JSON.stringify(jsonText(node))),
        );
        break;
    }
  }
  const text = jsonText(dropRemoved(root.value));
  return text;
}

/** What a fuzzed request sends as its body. */
export type FuzzBody = { kind: string; body: string | Uint8Array | undefined };

/** Bytes that are not UTF-8: stray continuation bytes, overlong NUL, encoded surrogates, truncated sequences. */
const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0x80, 0x80], [0xfe, 0xff, 0x00]),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => new Uint8Array([...Buffer.from(`{"x":"${a}`), ...bad, ...Buffer.from(`${b}"}`)]));

/**
 * Bodies for a route whose valid requests look like `valid`: mostly valid ones with one to three
 * edits (a value replaced by anything, removed, retyped, wrapped; keys added or duplicated), then
 * any JSON, deep nesting, text that is not JSON, bytes that are not UTF-8, bodies near the limit.
 */
export function hostileBody(
  valid: readonly unknown[],
  fieldNames: readonly string[] = [],
): fc.Arbitrary<FuzzBody> {
  const example = fc.constantFrom(...valid);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(example, fc.array(editArb(fieldNames), { minLength: 1, maxLength: 3 }))
        .map(([v, edits]): FuzzBody => ({ kind: 'edited', body: applyEdits(v, edits) })),
      weight: 12,
    },
    { arbitrary: example.map((v): FuzzBody => ({ kind: 'valid', body: JSON.stringify(v) })), weight: 1 },
    {
      arbitrary: hostileTree(fieldNames).map((t): FuzzBody => ({ kind: 'json', body: jsonText(t) })),
      weight: 3,
    },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 100, max: 50_000 }), fc.constantFrom('array' as const, 'object' as const))
        .map(([depth, kind]): FuzzBody => ({ kind: 'deep', body: deepNesting(depth, kind) })),
      weight: 1,
    },
    {
      arbitrary: fc
        .oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.constantFrom(
            '',
            ' ',
            'null',
            '[]',
            '{}',
            '{',
            '"x"',
            'a=1&b=2',
            '<xml/>',
            '\u0000',
            '{"a":1}{"a":2}',
            '\ufeff{}',
            'NaN',
            '1e999',
          ),
          fc.tuple(example, fc.nat()).map(([v, n]) => {
            const text = JSON.stringify(v);
            return text.slice(0, n % text.length);
          }),
        )
        .map((body): FuzzBody => ({ kind: 'text', body })),
      weight: 3,
    },
    { arbitrary: invalidUtf8.map((body): FuzzBody => ({ kind: 'bytes', body })), weight: 1 },
    {
      arbitrary: fc.tuple(example, fc.integer({ min: 200_000, max: 300_000 })).map(
        ([v, n]): FuzzBody => ({
          kind: 'large',
          body: JSON.stringify({ ...(v as object), padding: 'x'.repeat(n) }),
        }),
      ),
      weight: 1,
    },
    { arbitrary: fc.constant<FuzzBody>({ kind: 'none', body: undefined }), weight: 1 },
  );
}

/** Content types: mostly JSON (so that bodies reach the parsers), then every near miss. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;charset=utf-16',
      'application/json; charset=latin1',
      'text/plain',
      'text/json',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'application/problem+json',
      'application/vnd.hearth+json',
      'application/jsonx',
      'application/xml',
      'application/octet-stream',
      '*/*',
      ';',
      'application/json, text/plain',
      'application/json; boundary="',
    ),
    weight: 4,
  },
);

/** Characters allowed in a header value by fetch's Headers (no NUL, CR or LF). */
const headerValueChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
  fc.constant('\t'),
);

/** Header values: short and odd, or huge. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: headerValueChar, maxLength: 60 }), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      '__proto__',
      '%00',
      '0',
      '-1',
      '99999999999999999999',
      'a, b',
      'ÿ',
    ),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'x,', '=', 'ÿ'), fc.integer({ min: 1_000, max: 12_000 }))
      .map(([c, n]) => c.repeat(n)),
    weight: 1,
  },
);

/** Header names hearth or its platforms read, and a few odd ones. */
const headerName = fc.oneof(
  fc.constantFrom(
    'authorization',
    'content-type',
    'accept',
    'accept-language',
    'host',
    'x-request-id',
    'x-forwarded-for',
    'x-forwarded-proto',
    'forwarded',
    'signaturecertchainurl',
    'signature-256',
    'signature',
    'cookie',
    'origin',
    'referer',
    'user-agent',
    'x-http-method-override',
    'expect',
    '__proto__',
    'constructor',
  ),
  fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,40}$/),
);

/** Extra headers, appended (so a name may come twice, as duplicated header lines). */
export const extraHeaders: fc.Arbitrary<[string, string][]> = fc.array(fc.tuple(headerName, headerValue), {
  maxLength: 4,
});

/** Authorization header values that are not a valid bearer token for the route. */
export function badAuthorization(tokens: readonly string[]): fc.Arbitrary<string | undefined> {
  const token = fc.constantFrom(...tokens);
  return fc.oneof(
    fc.constantFrom(
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer  ',
      'bearer',
      'Basic dXNlcjpwYXNz',
      'Token x',
      'Bearer null',
    ),
    token.map((t) => `Basic ${t}`),
    token.map((t) => `Bearer${t}`),
    token.map((t) => `Bearer ${t}.`),
    token.map((t) => `Bearer ${t}x`),
    token.map((t) => `Bearer ${t.slice(0, -2)}`),
    token.map((t) => `Bearer ${t}, Bearer ${t}`),
    token.map((t) => `Bearer ${t.replace(/\.([^.]*)$/, '.AAAA$1')}`),
    fc.tuple(token, fc.nat()).map(([t, n]) => {
      // One character of the token changed: a forged payload or MAC.
      const i = n % t.length;
      const c = t[i] === 'A' ? 'B' : 'A';
      return `Bearer ${t.slice(0, i)}${c}${t.slice(i + 1)}`;
    }),
    headerValue.map((v) => `Bearer ${v}`),
    fc.integer({ min: 1_000, max: 12_000 }).map((n) => `Bearer ${'a'.repeat(n)}`),
  );
}

/** Path segments for an id: near misses of the valid ones, names the store treats specially, encodings, very long ids. */
export function pathSegment(valid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '__x__',
        '__',
        '__proto__',
        'constructor',
        'toString',
        '.',
        '..',
        '%2e',
        '%2e%2e',
        '.%2e',
        '%2F',
        'a%2Fb',
        '%2f..%2f',
        '%5C',
        '%00',
        'a%00b',
        '%',
        '%zz',
        '%ED%A0%80',
        '%C0%80',
        '%F0%9F%98%80',
        '%FF',
        '😀',
        ';',
        'a;b=c',
        '~',
        '%20',
        '+',
        '*',
        'undefined',
        'null',
        '-',
        '_',
        'x'.repeat(64),
        'x'.repeat(65),
        'x'.repeat(5_000),
        'dev_'.padEnd(300, 'A'),
      ),
      weight: 4,
    },
    { arbitrary: fc.constantFrom(...valid).map((v) => `${v}__x__`), weight: 1 },
    { arbitrary: fc.constantFrom(...valid).map((v) => `__${v}__`), weight: 1 },
    { arbitrary: fc.constantFrom(...valid).map((v) => v.toUpperCase()), weight: 1 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/), weight: 2 },
    {
      arbitrary: hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
      weight: 2,
    },
  );
}

/** Query strings: none, or hostile keys and values, encoded or not. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '?',
      '?&&',
      '?=',
      '?a',
      '?a=%',
      '?%%%',
      '?__proto__[x]=1',
      '?constructor[prototype][x]=1',
      '?a=1&a=2&a=3',
      '?locale=zz-ZZ',
      '?token=x',
      '?x=%00',
      '?x=%ED%A0%80',
      '?#frag',
      `?${'a=1&'.repeat(2_000)}`,
    ),
    weight: 2,
  },
  {
    arbitrary: fc
      .array(fc.tuple(keyArb(), hostileString), { minLength: 1, maxLength: 4 })
      .map(
        (pairs) =>
          `?${pairs
            .map(
              ([k, v]) =>
                `${encodeURIComponent(k.replace(/[\ud800-\udfff]/g, 'x'))}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, 'x'))}`,
            )
            .join('&')}`,
      ),
    weight: 2,
  },
);

/** The methods a client may send to any route. */
export const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
