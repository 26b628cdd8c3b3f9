// The same preset as the app (miniprogram/babel.config.js), without NutUI: a blank page uses none.
module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }
