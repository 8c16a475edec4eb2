import { create } from 'zustand';
import type { EventPayload, Me, MethodInput } from '../contract';
import { CallError, transport } from '../transport';
import { resetTenantData } from './reset-tenant-data';

export type SessionPhase = 'booting' | 'bootFailed' | 'setup' | 'signedOut' | 'signedIn';
export type SignOutReason = Exclude<EventPayload<'session.ended'>['reason'], 'logout'> | 'everywhere';

interface SessionState {
  phase: SessionPhase;
  me: Me | null;
  appVersion: string | null;
  /** A demo installation (`mindframe demo`): the shell wears a Demo badge. */
  demo: boolean;
  bootError: CallError | null;
  /** Why the last session ended, when the user did not just press "Sign out". */
  signedOutReason: SignOutReason | null;
  boot(): Promise<void>;
  createOwner(input: MethodInput<'setup.createOwner'>): Promise<void>;
  /** The first-run screen built the demo and signed in as its owner (demo.buildStatus answered `me`). */
  demoSignedIn(me: Me): void;
  /** Answers what comes next: 'two_factor' when the account's code is needed, else signed in. */
  signIn(input: MethodInput<'auth.login'>): Promise<'signed_in' | 'two_factor'>;
  acceptInvite(input: MethodInput<'auth.acceptInvite'>): Promise<void>;
  switchTenant(tenantId: string): Promise<void>;
  /** Reads the session again (after a restore replaced the data behind it). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<number>;
  sessionEnded(reason: SignOutReason | null): void;
}

/** Set while this window ends its own session, so the server's echo is not shown as a surprise. */
let endingOwnSession: { reason: SignOutReason | null } | null = null;

export const useSessionStore = create<SessionState>()((set, get) => {
  const signedIn = (me: Me) => {
    if (get().me?.tenant.id !== me.tenant.id) resetTenantData();
    set({ phase: 'signedIn', me, signedOutReason: null });
  };

  return {
    phase: 'booting',
    me: null,
    appVersion: null,
    demo: false,
    bootError: null,
    signedOutReason: null,

    async boot() {
      set({ phase: 'booting', bootError: null });
      try {
        const status = await transport.call('setup.status', {});
        set({ appVersion: status.appVersion, demo: status.demo === true });
        if (status.needsSetup) {
          set({ phase: 'setup' });
          return;
        }
      } catch (error) {
        set({ phase: 'bootFailed', bootError: error instanceof CallError ? error : null });
        return;
      }
      try {
        signedIn(await transport.call('auth.me', {}));
      } catch {
        set({ phase: 'signedOut', me: null });
      }
    },

    async createOwner(input) {
      signedIn(await transport.call('setup.createOwner', input));
    },

    demoSignedIn(me) {
      set({ demo: true });
      signedIn(me);
    },

    async signIn(input) {
      const answer = await transport.call('auth.login', input);
      // a right password of an account with two-factor sign-in: the code comes next
      if ('next' in answer) return answer.next;
      signedIn(answer);
      return 'signed_in';
    },

    async acceptInvite(input) {
      signedIn(await transport.call('auth.acceptInvite', input));
    },

    async switchTenant(tenantId) {
      signedIn(await transport.call('tenants.switch', { tenantId }));
    },

    async refresh() {
      try {
        signedIn(await transport.call('auth.me', {}));
      } catch {
        // a session that ended is reported by the transport (session.ended)
      }
    },

    async signOut() {
      endingOwnSession = { reason: null };
      try {
        await transport.call('auth.logout', {});
      } finally {
        get().sessionEnded(null);
        endingOwnSession = null;
      }
    },

    async signOutEverywhere() {
      endingOwnSession = { reason: 'everywhere' };
      try {
        const { revoked } = await transport.call('auth.logoutEverywhere', {});
        get().sessionEnded('everywhere');
        return revoked;
      } finally {
        endingOwnSession = null;
      }
    },

    sessionEnded(reason) {
      if (get().phase !== 'signedIn') return;
      resetTenantData();
      set({
        phase: 'signedOut',
        me: null,
        signedOutReason: endingOwnSession ? endingOwnSession.reason : reason,
      });
    },
  };
});

transport.on('session.ended', ({ reason }) => {
  useSessionStore.getState().sessionEnded(reason === 'logout' ? null : reason);
});
