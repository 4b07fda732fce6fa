import fc from 'fast-check';

/** Values that break assumptions: wrong types, boundaries, hostile strings, huge strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    '',
    ' ',
    '\t\n',
    0,
    -1,
    1,
    2,
    3,
    4,
    1.5,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    true,
    false,
    [],
    {},
    'x'.repeat(100_000),
    '\u0000',
    '\ud800',
    '\u202e',
    '<script>alert(1)</script>',
    "'); DROP TABLE applications; --",
    '../../../../etc/passwd',
    '__proto__',
    'constructor',
    'practice',
    '00000000-0000-0000-0000-000000000000',
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data',
    'https://evil.example',
    'ta@practice.example',
    'a@b',
    new Date(Number.NaN),
    10n,
  ).map((v) => (typeof v === 'object' && v !== null ? structuredClone(v) : v)), // a fresh {} or [] per draw, never one shared instance
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.uuid(),
  fc.anything({ maxDepth: 2 }),
);

type Path = (string | number)[];

/** Every path into `value` (cycle-safe, and not deeper than 8 levels). */
function paths(value: unknown, prefix: Path = [], seen = new WeakSet<object>()): Path[] {
  if (value === null || typeof value !== 'object' || seen.has(value) || prefix.length > 8) return prefix.length ? [prefix] : [];
  seen.add(value);
  const own = Object.keys(value).flatMap((k) => paths((value as Record<string, unknown>)[k], [...prefix, Array.isArray(value) ? Number(k) : k], seen));
  return prefix.length ? [prefix, ...own] : own;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : undefined;
}

/** An own property even for `__proto__`, as JSON.parse (and a hostile renderer) can make one. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

type Op =
  | { kind: 'set'; pick: number; value: unknown }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: unknown }
  | { kind: 'replace'; value: unknown };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'then', 'password', 'id', 'environmentId', 'state'), fc.string({ maxLength: 12 })),
      value: hostileValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), value: hostileValue }) },
);

function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const isObject = (v: unknown): v is Record<string | number, unknown> => v !== null && typeof v === 'object';

function apply(seed: unknown, ops: Op[]): unknown {
  let root: unknown = seed === undefined ? undefined : structuredClone(seed);
  for (const o of ops) {
    if (o.kind === 'replace') {
      root = o.value;
      continue;
    }
    const all = paths(root);
    if (o.kind === 'add') {
      const containers = [[], ...all].filter((p) => isObject(getAt(root, p)));
      const target = containers.length ? getAt(root, containers[o.pick % containers.length]!) : undefined;
      if (isObject(target)) setOwn(target, o.key, o.value);
      else root = o.value;
      continue;
    }
    if (all.length === 0) {
      root = o.kind === 'set' ? o.value : undefined;
      continue;
    }
    const path = all[o.pick % all.length]!;
    const parent = parentOf(root, path);
    const key = path[path.length - 1]!;
    if (!parent) continue;
    if (o.kind === 'delete') delete parent[key];
    else setOwn(parent, key, o.value);
  }
  return root;
}

/** Valid inputs with one to three mutations each (and, one time in ten, left valid). */
export function mutatedFrom(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(op, { minLength: 0, maxLength: 3 }), fc.nat(9)).map(([seed, ops, keep]) =>
    keep === 0 ? (seed === undefined ? undefined : structuredClone(seed)) : apply(seed, ops.length ? ops : [{ kind: 'replace', value: null }]),
  );
}

/** fc.anything() with every kind of value it can make. */
export const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});
