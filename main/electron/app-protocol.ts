import { protocol } from 'electron';
import { appScheme } from './app-origin';
import { createAppRequestHandler } from './app-request';

/**
 * Must run before `app` is ready: a standard, secure scheme gets an origin, fetch and storage.
 * `corsEnabled` stays off on purpose: it would let other origins read app:// responses. The
 * renderer never loads from file:// (the GrantFileProtocolExtraPrivileges fuse is off too).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on `app://mindframe/` with the same security headers as the served host. */
export function serveRenderer(root: string): void {
  protocol.handle(appScheme, createAppRequestHandler(root));
}
