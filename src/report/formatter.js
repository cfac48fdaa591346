// Cucumber imports formatters by path with import(), which cannot read TypeScript: this shim registers kspec's
// loader (once per process) and hands Cucumber the class.
'use strict';
require('../register');
module.exports = require('./kspec-formatter.ts').default;
