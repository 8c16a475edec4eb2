#!/usr/bin/env node
// `npm start`: opens the desktop app when Electron can run here, otherwise starts the served mode
// and says why. Arguments after `--` go to the app (`npm start -- --port 4900 --data-dir ~/mf`);
// `--serve` (or MINDFRAME_SERVE=1) asks for the served mode explicitly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronNative, electronNativeIsCurrent } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const installTimeoutMs = 60_000;
const forwardedArgs = process.argv.slice(2).filter((arg) => arg !== '--serve');

function fail(message) {
  console.error(`mindframe start: ${message}`);
  process.exit(1);
}

function displayAvailable() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Same lookup as node_modules/electron/index.js, without requiring it (it throws when not installed). */
function electronBinary() {
  if (!existsSync(join(electronPackage, 'package.json'))) return null;
  const pathFile = join(electronPackage, 'path.txt');
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let binary = null;
  if (override) binary = join(override, relativePath || 'electron');
  else if (relativePath) binary = join(electronPackage, 'dist', relativePath);
  return binary && existsSync(binary) ? binary : null;
}

/** `npm install` skips Electron's download on purpose (allowScripts); try it once now. */
function installElectron() {
  const version = JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;
  console.error(
    `Electron ${version} is not downloaded yet; trying once (up to ${installTimeoutMs / 1000} s)...`,
  );
  const result = spawnSync(process.execPath, [join(electronPackage, 'install.js')], {
    cwd: electronPackage,
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: installTimeoutMs,
    encoding: 'utf8',
  });
  const firstErrorLine = (result.stderr ?? '').trim().split('\n')[0];
  if (result.error?.code === 'ETIMEDOUT' || result.signal) {
    console.error(`The download did not finish within ${installTimeoutMs / 1000} s.`);
  } else if (result.status !== 0) {
    console.error(`The download failed: ${firstErrorLine || `exit ${result.status}`}`);
  }
  return electronBinary();
}

function build(reason) {
  console.error(`${reason}; building (node scripts/build.mjs)...`);
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    fail('the build failed (see above), so there is nothing to start. Fix it and run `npm start` again.');
  }
}

const missing = (...paths) => paths.filter((path) => !existsSync(join(root, path)));

/** Runs Electron until it exits; Ctrl-C reaches it directly (same process group), other signals are passed on. */
function runChild(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('error', (error) => fail(`could not start ${command}: ${error.message}`));
  let interrupted = false;
  process.on('SIGINT', () => {
    // the terminal already sent SIGINT to the child; only nudge it if it is still running later
    if (interrupted) return;
    interrupted = true;
    setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 5_000).unref();
  });
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal && signal !== 'SIGINT' && signal !== 'SIGTERM') {
      console.error(`mindframe start: the app was stopped by ${signal}.`);
    }
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
  });
}

/** `mindframe serve` (what bin/mindframe.cjs runs), in this process so signals reach it exactly once. */
async function serve(why) {
  const gaps = missing(join('dist', 'cli.cjs'), join('dist', 'renderer', 'index.html'));
  if (gaps.length > 0) build(`${gaps.join(' and ')} ${gaps.length > 1 ? 'are' : 'is'} missing`);
  console.log(`${why}, so Mindframe runs in served mode: open the URL below in your browser.`);
  const { main } = createRequire(import.meta.url)(join(root, 'dist', 'cli.cjs'));
  process.exitCode = await main(['serve', ...forwardedArgs]);
}

async function openDesktop(binary) {
  if (!electronNativeIsCurrent()) {
    try {
      await buildElectronNative();
    } catch (error) {
      console.error(error.message);
      return serve('The database driver could not be built for Electron (see above)');
    }
  }
  const gaps = missing(
    join('dist', 'electron', 'main.cjs'),
    join('dist', 'preload', 'index.cjs'),
    join('dist', 'renderer', 'index.html'),
  );
  if (gaps.length > 0) build(`${gaps.join(', ')} missing`);
  const env = { ...process.env };
  // inherited from a parent Electron tool, it would make the binary a plain Node.js
  delete env.ELECTRON_RUN_AS_NODE;
  console.log('Opening the Mindframe desktop app...');
  runChild(binary, [join(root, 'dist', 'electron', 'main.cjs'), ...forwardedArgs], env);
}

/**
 * `npm start` may be killed alone (its shell goes with it, this process does not); a served mode
 * left running would hold its port, so stop when the parent disappears.
 */
function stopWhenOrphaned() {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    console.error('mindframe start: npm has exited; stopping.');
    process.kill(process.pid, 'SIGTERM');
  }, 1_000).unref();
}

/** Why the desktop app cannot open here, or null when it can be tried. */
function reasonToServe() {
  if (process.argv.includes('--serve')) return 'Served mode was requested (--serve)';
  if (process.env.MINDFRAME_SERVE === '1') return 'Served mode was requested (MINDFRAME_SERVE=1)';
  if (!existsSync(join(electronPackage, 'package.json'))) return 'The electron package is not installed';
  if (!displayAvailable()) return 'No display is available (DISPLAY and WAYLAND_DISPLAY are not set)';
  return null;
}

try {
  stopWhenOrphaned();
  const reason = reasonToServe();
  const binary = reason === null ? (electronBinary() ?? installElectron()) : null;
  if (binary) await openDesktop(binary);
  else await serve(reason ?? 'No Electron binary is installed (it could not be downloaded)');
} catch (error) {
  fail(error?.stack ?? String(error));
}
