import { describe, expect, it } from 'vitest';
import { permissionGranted } from './permissions';

describe('permissionGranted', () => {
  it('refuses every device, location and file permission', () => {
    for (const permission of [
      'media',
      'geolocation',
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

  it('allows a sanitised clipboard write and desktop notifications from the app only', () => {
    for (const permission of ['clipboard-sanitized-write', 'notifications']) {
      expect(permissionGranted(permission, 'app://mindframe/index.html')).toBe(true);
      expect(permissionGranted(permission, 'https://evil.example/')).toBe(false);
      expect(permissionGranted(permission, null)).toBe(false);
    }
  });
});
