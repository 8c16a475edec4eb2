#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI into .electron-native/better-sqlite3,
// leaving node_modules/better-sqlite3 (the Node build the tests use) untouched. On success the
// last line on stdout is the path of the .node file; progress and errors go to stderr.
//   node scripts/electron-native.mjs [--arch=x64] [--force] [--check]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'better-sqlite3');
const target = join(root, '.electron-native', 'better-sqlite3');
const stampFile = join(target, 'mindframe-build.json');
const nodeGyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const headersUrl = 'https://electronjs.org/headers';

/** The file main/electron loads as better-sqlite3's `nativeBinding` during development. */
export const electronBindingFile = join(target, 'build', 'Release', 'better_sqlite3.node');

class NativeBuildError extends Error {}

function readVersion(packageDir, what) {
  const file = join(packageDir, 'package.json');
  if (!existsSync(file))
    throw new NativeBuildError(
      `${what} is not installed (${relative(root, packageDir)} is missing). Run \`npm install\` first.`,
    );
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** What the build in .electron-native must have been made for. */
export function wantedBuild(arch = process.arch) {
  return {
    electron: readVersion(join(root, 'node_modules', 'electron'), 'electron'),
    betterSqlite3: readVersion(source, 'better-sqlite3'),
    platform: process.platform,
    arch,
  };
}

/** True when .electron-native holds a finished build for this Electron, better-sqlite3 and arch. */
export function electronNativeIsCurrent(arch = process.arch) {
  try {
    if (!existsSync(electronBindingFile) || !existsSync(stampFile)) return false;
    return JSON.stringify(JSON.parse(readFileSync(stampFile, 'utf8'))) === JSON.stringify(wantedBuild(arch));
  } catch {
    return false;
  }
}

/** npm exports its config (e.g. nodedir=/usr) to scripts; node-gyp would then build for that Node instead. */
function environmentForElectronBuild() {
  const steering = new Set([
    'nodedir',
    'target',
    'target_arch',
    'arch',
    'runtime',
    'disturl',
    'dist_url',
    'build_from_source',
  ]);
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && steering.has(lower.slice('npm_config_'.length))) delete env[key];
  }
  return env;
}

function removeIfEmpty(dir) {
  try {
    rmdirSync(dir);
  } catch {
    // not empty or already gone
  }
}

function runNodeGyp(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nodeGyp, ...args], {
      cwd: target,
      env: environmentForElectronBuild(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: null, output: `${tail}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, output: tail }));
  });
}

function explainFailure(output, wanted) {
  if (
    /network connectivity|behind a proxy|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|FetchError|certificate/i.test(
      output,
    )
  ) {
    return (
      `Could not download the Electron ${wanted.electron} headers from ${headersUrl} (no network access, or a proxy blocks it). ` +
      'better-sqlite3 cannot be compiled for Electron without them. Connect to the internet (or set npm_config_proxy / ' +
      'npm_config_devdir to a folder holding the headers) and run `node scripts/electron-native.mjs` again.'
    );
  }
  if (
    /ERR! find Python|ERR! find VS|not found: make|No Xcode or CLT|Visual Studio|MSBuild|g\+\+: (command )?not found|c\+\+: (command )?not found/i.test(
      output,
    )
  ) {
    return 'A C++ toolchain is missing: better-sqlite3 needs python3, make and a C++20 compiler (Xcode Command Line Tools on macOS, Visual Studio Build Tools on Windows).';
  }
  return 'node-gyp could not build better-sqlite3 for Electron; the messages above say why.';
}

export async function buildElectronNative({ arch = process.arch, force = false } = {}) {
  const wanted = wantedBuild(arch);
  if (!force && electronNativeIsCurrent(arch)) return electronBindingFile;
  if (!existsSync(nodeGyp))
    throw new NativeBuildError('node-gyp is not installed (node_modules/node-gyp). Run `npm install` first.');

  process.stderr.write(
    `Building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${arch}) in ${relative(root, target)}; this takes about a minute...\n`,
  );
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  // the Node build output stays behind: node-gyp must start from a clean build/ folder
  cpSync(source, target, {
    recursive: true,
    filter: (path) => {
      const rel = relative(source, path);
      return rel !== 'build' && !rel.startsWith(`build${sep}`);
    },
  });

  const { code, output } = await runNodeGyp([
    'rebuild',
    '--release',
    `--target=${wanted.electron}`,
    `--arch=${arch}`,
    `--dist-url=${headersUrl}`,
    '--runtime=electron',
    '--jobs=max',
  ]);
  if (code !== 0 || !existsSync(electronBindingFile)) {
    rmSync(target, { recursive: true, force: true });
    removeIfEmpty(dirname(target));
    throw new NativeBuildError(explainFailure(output, wanted));
  }
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  return electronBindingFile;
}

function parseArgs(argv) {
  const options = { arch: process.arch, force: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--check') options.check = true;
    else if (arg.startsWith('--arch=')) options.arch = arg.slice('--arch='.length);
    else if (arg === '--arch' && argv[i + 1]) options.arch = argv[++i];
    else
      throw new NativeBuildError(
        `Unknown argument "${arg}". Usage: node scripts/electron-native.mjs [--arch=x64] [--force] [--check]`,
      );
  }
  return options;
}

async function main() {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.check) {
      if (!electronNativeIsCurrent(options.arch)) {
        console.error(
          `better-sqlite3 is not built for Electron ${wantedBuild(options.arch).electron} (${options.arch}) yet.`,
        );
        return 1;
      }
      console.log(electronBindingFile);
      return 0;
    }
    console.log(await buildElectronNative(options));
    return 0;
  } catch (error) {
    console.error(
      `electron-native: ${error instanceof NativeBuildError ? error.message : (error?.stack ?? error)}`,
    );
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
