// Objects and arrays built so that V8 can share their hidden classes (withFields, mapped).
//
// Why: on the Node this project runs on (20, V8 11.3), an object literal that opens with a spread
// and then gives a key the spread object lacks — `{ ...speaker, span }`, `{ ...item, origin }` —
// gets a hidden class (a V8 "map") of its own, every time: the spread's copy starts from a map
// that is not in V8's shared transition tree, so the added key makes a new map rather than
// following an old one. Checked with V8's natives: of 2,000 such objects made one after another,
// 1,999 had a map the one before did not; `Object.assign({}, base, fields)`, a literal that ends
// with the spread, or one that only overwrites keys the spread object has, keep one map. Each new
// map is an old-generation object for the GC to mark, and every function the objects reach sees
// a map it has not seen: its inline caches go megamorphic and its optimized code is thrown away
// ("wrong map" deoptimisations) and compiled again. In an ingest (`--log-maps`), such sites made
// some 3,000 maps a second on one thread: the actor refs of attribution and event assembly, and
// the source items. See the README's session 20.

/**
 * `{ ...base, ...fields }` — the same keys in the same order, `fields` winning — made on V8's
 * shared transitions (see above). For plain data objects (own enumerable keys, no accessors, no
 * `__proto__` key: never article text).
 */
export function withFields<B extends object, F extends object>(base: B, fields: F): WithFields<B, F> {
  return Object.assign({}, base, fields) as unknown as WithFields<B, F>;
}

/** The type of `{ ...base, ...fields }`, member by member when `B` is a union. */
export type WithFields<B, F> = B extends unknown ? Omit<B, keyof F> & F : never;

/**
 * `xs.map(f)`, always an array of packed elements. V8 gives `Array.prototype.map`'s result holey
 * elements when the builtin runs it and packed ones when optimized code inlines it, so the same
 * line hands the functions after it arrays of one hidden class or the other depending on whether
 * its caller happens to be optimized at the time. Optimized code that has only seen the one
 * throws itself away ("wrong map") when the other comes: after a deoptimisation anywhere upstream,
 * the merge code's functions fell one after the other (session 20: `storedReports`, `ordered`,
 * `clusterDate`, `buildCluster`, `sourcesOf` … at the start of each ingest run after the first,
 * every isolate). `push` onto `[]` makes packed elements in every tier.
 */
export function mapped<T, U>(xs: readonly T[], f: (x: T) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]!));
  return out;
}
