// Cucumber imports formatters by path with import(), which cannot read TypeScript: this shim compiles
// kspec's formatter through ts-node (registered once) and hands Cucumber the class.
'use strict';
if (!process[Symbol.for('ts-node.register.instance')]) require('ts-node/register/transpile-only');
module.exports = require('./kspec-formatter.ts').default;
