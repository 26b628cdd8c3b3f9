import { readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import CompressionPlugin from 'compression-webpack-plugin'
import { constants as zlibConstants } from 'node:zlib'
import { PagePreloadPlugin } from './page-preload'

/**
 * Taro build configuration for weapp and H5.
 * Outputs go to <repo>/build/<platform> (build/weapp, build/h5).
 */

/** Shared TypeScript (API contract, error codes, domain labels) lives outside src/. */
const sharedDir = path.resolve(__dirname, '../../shared')

/**
 * TARO_APP_* variables are read by Taro only from miniprogram/.env, .env.local, .env.<mode>,
 * .env.<mode>.local (mode = production for `taro build`). We also forward the shell variable so
 * `TARO_APP_CLOUD_ENV=xxx npm run build:weapp` works; a value in a .env file wins over the shell.
 * Always defined (default ''), so `process.env.TARO_APP_CLOUD_ENV` never survives into the bundle
 * as a real `process` reference (there is no `process` in the mini-program runtime).
 */
const env = {
  TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhibutong',
    date: '2025-11-22',
    // NutUI is designed at 375 px; our own styles at 750 px.
    designWidth: (input: any) => {
      if (input?.file?.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `../build/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    env,
    copy: { patterns: [], options: {} },
    // NutUI's ConfigProvider names theme CSS variables with lodash.kebabcase, whose Unicode word
    // tables are 5.5 KB of vendors.js; our keys are ASCII (see src/vendor/kebab-case.ts).
    alias: { 'lodash.kebabcase': path.resolve(__dirname, '../src/vendor/kebab-case.ts') },
    // WeChat templates cannot recurse, so Taro writes base.wxml once per nesting level (16 by
    // default, about 2.7 KB each); deeper nodes continue inside its `comp` component, which
    // starts again at level 0 (Taro's own fallback). Eight levels: 21 KB off the main package.
    baseLevel: 8,
    framework: 'react',
    compiler: 'webpack5',
    // WeChat reads scripts as UTF-8: Chinese text stays itself instead of \uXXXX escapes (6 bytes
    // a character instead of 3), about 13 KB less in the main package.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    cache: {
      // webpack filesystem cache in <repo>/node_modules/.cache/webpack, one per NODE_ENV+platform
      enable: true,
      // Files that change how everything compiles: editing them drops the cache.
      buildDependencies: {
        config: [__filename, path.resolve(__dirname, '../babel.config.js'), path.resolve(__dirname, '../.browserslistrc')],
      },
    },
    mini: {
      compile: { include: [sharedDir] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
        // Local plugins: NutUI's right-to-left rules and the Button variants the app never uses stay out.
        [path.join(__dirname, 'postcss-drop-rtl.js')]: { enable: true, config: {} },
        [path.join(__dirname, 'postcss-drop-button-variants.js')]: { enable: true, config: {} },
      },
    },
    h5: {
      webpackChain(chain) {
        // Taro splits only the entry's libraries out; every page chunk then carried its own copy
        // of @tarojs/components, Taro's H5 APIs and NutUI (~180 KB each). Code two pages share
        // lives in one chunk the entry loads, fetched and cached once.
        chain.optimization.splitChunks({
          chunks: 'all',
          hidePathInfo: true,
          minSize: 10_000,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            // What the entry itself runs (Taro's runtime and router), as Taro splits it.
            taro: { name: 'taro', test: (module: any) => /[\\/]@tarojs[\\/]/.test(module.context ?? ''), chunks: 'initial', priority: 100 },
            // Anything two pages use, in chunks each page loads only if it needs them.
            shared: { minChunks: 2, priority: 10, reuseExistingChunk: true },
          },
        })
        chain.plugin('page-preload').use(PagePreloadPlugin, [{ home: 'pages/home/index', firstCalls: JSON.parse(readFileSync(path.join(__dirname, '../src/first-screen.json'), 'utf8')) }])
        if (process.env.NODE_ENV !== 'development') {
          // Served as is by the local cloud and by static hosting that takes precompressed files.
          const test = /\.(js|css|html|svg|json)$/
          chain.plugin('gzip').use(CompressionPlugin, [{ test, algorithm: 'gzip', filename: '[path][base].gz', threshold: 1024, minRatio: 0.9 }])
          chain.plugin('brotli').use(CompressionPlugin, [
            { test, algorithm: 'brotliCompress', filename: '[path][base].br', threshold: 1024, minRatio: 0.9, compressionOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } } },
          ])
        }
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    // `taro build --watch` keeps readable output; nothing else differs yet.
    return merge({}, baseConfig, { logger: { quiet: false, stats: true } })
  }
  return merge({}, baseConfig, {})
})
