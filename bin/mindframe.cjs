#!/usr/bin/env node
'use strict';
// The `mindframe` command. Runs the built CLI; builds it first when a fresh checkout has no dist/ yet.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--main'], { stdio: 'inherit' });
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
