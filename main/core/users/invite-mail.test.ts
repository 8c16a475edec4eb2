import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type ReceivedMail, type SmtpReceiver } from '../notify/testing/receivers';
import { allowLocal } from '../testing/outbound';
import { createHarness, expectOk, setupOwner, type Harness } from '../testing/harness';

/** Invitations go out by e-mail where the organisation has SMTP set; a welcome follows on accepting (issue 14). */

let h: Harness;
let smtp: SmtpReceiver | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  h?.close();
});

async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = smtp!.mails.filter((m) => m.recipients.includes(address));
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('invitation e-mail', () => {
  it('without SMTP the invitation is only shown; with SMTP it is also mailed, in the inviter’s language, and a welcome follows', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const quiet = await expectOk(
      h.core,
      'users.invite',
      { email: 'kim@acme.test', role: 'viewer' },
      owner.call,
    );
    expect(quiet.emailed).toBe(false);
    expect(quiet.inviteToken.length).toBeGreaterThan(20);

    smtp = await startSmtp();
    await allowLocal(h.core, owner, `127.0.0.1:${smtp.port}`);
    await expectOk(
      h.core,
      'notify.saveSmtp',
      { host: '127.0.0.1', port: smtp.port, from: 'Acme <noreply@acme.test>' },
      owner.call,
    );
    await expectOk(h.core, 'auth.setLanguage', { language: 'nl' }, owner.call);
    const invited = await expectOk(
      h.core,
      'users.invite',
      { email: 'sam@acme.test', role: 'operator', name: 'Sam' },
      owner.call,
    );
    expect(invited.emailed).toBe(true);
    const [invitation] = await mailsTo('sam@acme.test', 1);
    // the link in the mail is the one shown for copying
    expect(`${invitation!.text}\n${invitation!.html}`).toContain(`#/invite/${invited.inviteToken}`);
    // Sam has no language of their own yet: the inviter's (Dutch)
    expect(invitation!.subject).toContain('nodigt je uit voor Acme');

    const accepted = await h.core.dispatch(
      'auth.acceptInvite',
      { token: invited.inviteToken, password: 'sams long password', name: 'Sam Jansen' },
      { transport: 'internal' },
    );
    expect(accepted.ok).toBe(true);
    const mails = await mailsTo('sam@acme.test', 2);
    expect(mails[1]!.text).toContain('Sam Jansen');
  });
});
