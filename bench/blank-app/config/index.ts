import path from 'node:path'
import { defineConfig } from '@tarojs/cli'
import CompressionPlugin from 'compression-webpack-plugin'
import { constants as zlibConstants } from 'node:zlib'

/**
 * A blank Taro H5 app with the app's toolchain and output settings (miniprogram/config/index.ts):
 * the baseline the first-screen benchmark compares every page with. Built into build/bench-blank.
 */
export default defineConfig<'webpack5'>(() => ({
  projectName: 'blank',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: path.resolve(__dirname, '../../../build/bench-blank'),
  framework: 'react',
  compiler: 'webpack5',
  terser: { enable: true, config: { output: { ascii_only: false } } },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'browser' },
    output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
    webpackChain(chain) {
      const test = /\.(js|css|html|svg|json)$/
      chain.plugin('gzip').use(CompressionPlugin, [{ test, algorithm: 'gzip', filename: '[path][base].gz', threshold: 1024, minRatio: 0.9 }])
      chain.plugin('brotli').use(CompressionPlugin, [
        { test, algorithm: 'brotliCompress', filename: '[path][base].br', threshold: 1024, minRatio: 0.9, compressionOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } } },
      ])
    },
  },
}))
