// electron-builder `beforePack` hook: makes sure better-sqlite3 is built for this Electron and
// architecture before the installer copies it from .electron-native/ (see electron-builder.yml).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** electron-builder's Arch enum, by value. */
const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context) {
  const arch = archNames[context.arch];
  if (context.electronPlatformName !== process.platform) {
    throw new Error(
      `Cannot package for ${context.electronPlatformName} on ${process.platform}: better-sqlite3 must be compiled on the target system. Build each installer on its own OS.`,
    );
  }
  if (!arch || arch === 'universal') {
    throw new Error(
      `Packaging for the "${arch ?? context.arch}" architecture is not supported; build one installer per architecture.`,
    );
  }
  const script = fileURLToPath(new URL('../scripts/electron-native.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, `--arch=${arch}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(
      `scripts/electron-native.mjs failed (exit ${result.status ?? result.signal}); see the messages above.`,
    );
  }
}
