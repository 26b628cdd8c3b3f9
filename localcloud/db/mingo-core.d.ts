// mingo publishes 'mingo/core' through package.json "exports", which this project's
// moduleResolution ("node") does not read; its declarations are at mingo/types/core.
declare module 'mingo/core' {
  export * from 'mingo/types/core'
}
