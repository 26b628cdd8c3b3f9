/**
 * Every document the cloud database holds, one interface per collection, and the map from a
 * collection's name to its document type (`Collections`) that the functions' typed database
 * handle uses: `db.get('members', id)` is a `MemberDoc`. database/collections.json lists the same
 * collections with their indexes (a test keeps the two in step).
 *
 * One file per area, each document type with its `DateFields` (the paths of its Dates, which the
 * database handle revives on every read); `collections.ts` maps every collection's name to its
 * document type (`Collections`) and its Date fields (`collectionDateFields`). A new area declares
 * its documents in a file of its own here and adds one line per collection to each of those two.
 */

export * from './org'
export * from './roster'
export * from './rate-limits'
export * from './meetings'
export * from './inbox'
export * from './uploads'
export * from './volunteer'
export * from './reminders'
export * from './study'
export * from './exam'
export * from './collections'
export * from './date-fields'
