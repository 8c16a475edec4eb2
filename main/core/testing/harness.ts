import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, ManualClock, type CallContext, type Core, type CoreOptions } from '../index';
import type { MethodName, MethodOutput, Me } from '../../contract';

export interface Harness {
  core: Core;
  clock: ManualClock;
  dataDir: string;
  close(): void;
}

/** A real core on a fresh temporary data folder with a controllable clock. */
export function createHarness(options: Partial<CoreOptions> = {}): Harness {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mindframe-test-'));
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 9, 0, 0));
  const core = createCore({ dataDir, clock, validateOutputs: true, secrets: 'file', ...options });
  return {
    core,
    clock,
    dataDir,
    close() {
      // the core a test restarted on the same data, if it did (it replaced h.core), is stopped too
      if (this.core !== core) this.core.stop();
      core.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ownerPassword = 'correct horse battery staple';

export interface SignedIn {
  token: string;
  me: Me;
  call: CallContext;
}

/** Calls a method and fails the test with the error if it did not succeed. */
export async function expectOk<M extends MethodName>(
  core: Core,
  method: M,
  input: unknown,
  call: CallContext,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, call);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.data as MethodOutput<M>;
}

export async function setupOwner(core: Core, org = 'Acme', email = 'owner@acme.test'): Promise<SignedIn> {
  const result = await core.dispatch(
    'setup.createOwner',
    { orgName: org, name: 'Olivia Owner', email, password: ownerPassword },
    { transport: 'internal', ip: '127.0.0.1' },
  );
  if (!result.ok || result.sessionChange?.type !== 'set')
    throw new Error(`setup failed: ${JSON.stringify(result)}`);
  const token = result.sessionChange.token;
  return {
    token,
    me: result.data as Me,
    call: { transport: 'internal', sessionToken: token, ip: '127.0.0.1' },
  };
}

/** Invites a person into the caller's tenant and accepts the invitation as them. */
export async function inviteAndAccept(
  core: Core,
  inviter: SignedIn,
  email: string,
  role: 'viewer' | 'operator' | 'admin' | 'owner',
  password = 'another long password',
): Promise<SignedIn> {
  const invite = await expectOk(
    core,
    'users.invite',
    { email, role, name: email.split('@')[0] },
    inviter.call,
  );
  const result = await core.dispatch(
    'auth.acceptInvite',
    { token: invite.inviteToken, password },
    { transport: 'internal' },
  );
  if (!result.ok || result.sessionChange?.type !== 'set')
    throw new Error(`accept failed: ${JSON.stringify(result)}`);
  const token = result.sessionChange.token;
  return { token, me: result.data as Me, call: { transport: 'internal', sessionToken: token } };
}
