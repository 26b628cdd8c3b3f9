/** Reminders (提醒): templates, value formatting, due times, content and at-most-once delivery. */
export * from './templates'
export * from './template-fields'
export * from './format'
export * from './due'
export * from './content'
export * from './delivery'
export * from './schedule'
