import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding } from './native-binding';

describe('electronNativeBinding', () => {
  const present = (path: string) => path.endsWith('better_sqlite3.node');

  it('uses the development build beside the sources', () => {
    expect(
      electronNativeBinding({
        appRoot: '/src/app',
        isPackaged: false,
        resourcesPath: '/opt/res',
        exists: present,
      }),
    ).toBe(join('/src/app', '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  });

  it('uses the copy shipped in the resources folder of an installed app', () => {
    expect(
      electronNativeBinding({
        appRoot: '/opt/app.asar',
        isPackaged: true,
        resourcesPath: '/opt/res',
        exists: present,
      }),
    ).toBe(join('/opt/res', 'native', 'better_sqlite3.node'));
  });

  it('leaves the choice to better-sqlite3 when nothing was built', () => {
    expect(
      electronNativeBinding({
        appRoot: '/src/app',
        isPackaged: false,
        resourcesPath: '/opt/res',
        exists: () => false,
      }),
    ).toBeUndefined();
  });
});
