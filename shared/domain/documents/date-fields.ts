/**
 * Where a document holds Dates, declared once next to its type and checked by the compiler: a
 * collection's `DateFields` must name every path to a Date (`'waitlist.at'` reaches into each
 * element of an array), and only those. The database handle revives exactly these on every read
 * (`reviveDates` in cloudfunctions/_lib/db.ts), so handlers take a document's Dates as Dates.
 */

type ElementOf<T> = T extends ReadonlyArray<infer E> ? E : T
type Shallower = [never, 0, 1, 2, 3]

/** Every dotted path through objects and arrays of `T` that ends at a Date (or Date | null). */
export type DatePath<T, Depth extends number = 4> = [Depth] extends [never]
  ? never
  : {
      [K in keyof T & string]-?: NonNullable<ElementOf<NonNullable<T[K]>>> extends infer V
        ? [V] extends [never]
          ? never
          : V extends Date
            ? K
            : V extends object
              ? `${K}.${DatePath<V, Shallower[Depth]>}`
              : never
        : never
    }[keyof T & string]

/** A document type's Date paths, each named once: a missing one or a stray one does not compile. */
export type DateFields<D> = { readonly [P in DatePath<D>]: true }
