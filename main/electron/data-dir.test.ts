import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirOverride, defaultDesktopDataDir } from './data-dir';

describe('dataDirOverride', () => {
  it('takes --data-dir in either form, before the environment', () => {
    expect(
      dataDirOverride(['electron', 'main.cjs', '--data-dir', '/tmp/a'], { MINDFRAME_DATA_DIR: '/tmp/env' }),
    ).toBe('/tmp/a');
    expect(dataDirOverride(['app', '--data-dir=/tmp/b'], {})).toBe('/tmp/b');
    expect(dataDirOverride(['app', '--data-dir=rel'], {})).toBe(resolve('rel'));
  });

  it('falls back to MINDFRAME_DATA_DIR, then to none', () => {
    expect(dataDirOverride(['app'], { MINDFRAME_DATA_DIR: ' /tmp/env ' })).toBe('/tmp/env');
    expect(dataDirOverride(['app'], { MINDFRAME_DATA_DIR: '' })).toBeNull();
    expect(dataDirOverride(['app', '--data-dir'], {})).toBeNull();
    expect(dataDirOverride(['app', '--data-dir', '--inspect'], {})).toBeNull();
  });
});

describe('defaultDesktopDataDir', () => {
  it('uses the product name under the application data folder', () => {
    expect(defaultDesktopDataDir('/home/kim/.config')).toBe(
      join('/home/kim/.config', 'Mindframe Control Center'),
    );
  });
});
