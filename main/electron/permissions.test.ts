import { describe, expect, it } from 'vitest';
import { permissionGranted } from './permissions';

describe('permissionGranted', () => {
  it('refuses every device, location and notification permission', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid',
      'usb',
      'serial',
      'fileSystem',
    ]) {
      expect(permissionGranted(permission, 'app://mindframe/index.html'), permission).toBe(false);
    }
  });

  it('allows a sanitised clipboard write from the app only', () => {
    expect(permissionGranted('clipboard-sanitized-write', 'app://mindframe/index.html')).toBe(true);
    expect(permissionGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(permissionGranted('clipboard-sanitized-write', null)).toBe(false);
  });
});
