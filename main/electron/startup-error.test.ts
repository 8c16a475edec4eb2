import { describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../core';
import { describeStartupError } from './startup-error';

const dev = { dataDir: '/home/kim/.config/Mindframe Control Center', isPackaged: false };

describe('describeStartupError', () => {
  it('tells a developer how to build the driver for Electron', () => {
    const error = new Error(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 145.",
    );
    expect(describeStartupError(error, dev).message).toContain('node scripts/electron-native.mjs');
    expect(describeStartupError(error, { ...dev, isPackaged: true }).message).toContain('reinstall');
  });

  it('passes the schema-too-new explanation through', () => {
    const error = new SchemaTooNewError(9, 3);
    expect(describeStartupError(error, dev)).toEqual({
      title: 'Mindframe is older than its data',
      message: error.message,
    });
  });

  it('names the data folder when it cannot be written or is locked', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(describeStartupError(denied, dev).message).toContain(dev.dataDir);
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(describeStartupError(locked, dev).title).toBe('The database is in use');
  });

  it('shows anything else with the data folder for the logs', () => {
    const problem = describeStartupError('boom', dev);
    expect(problem.title).toBe('Mindframe could not start');
    expect(problem.message).toContain('boom');
    expect(problem.message).toContain(dev.dataDir);
  });
});
