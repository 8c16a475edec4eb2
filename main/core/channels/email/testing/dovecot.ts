/**
 * A real IMAP server for the e-mail channel's tests: Debian's Dovecot (`dovecot-imapd`), started
 * with its own configuration in a temporary folder on 127.0.0.1 and a spare port (no TLS, a
 * passwd-file with one mailbox, maildir), never the system's Dovecot. Mail is delivered by
 * APPENDing it over IMAP, as a mail server's delivery would put it in the folder.
 *
 * Without Dovecot the kit throws (a test that needs it fails with the install command; CI installs
 * it in .ci/run). As root the mailbox belongs to uid/gid 65534 (Dovecot refuses uid 0 for mail);
 * as another user Dovecot runs rootless as that user.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export interface StoredMail {
  uid: number;
  seen: boolean;
  messageId: string | null;
  subject: string;
}

export interface Dovecot {
  host: '127.0.0.1';
  port: number;
  /** The mailbox's user (an address) and password. */
  user: string;
  password: string;
  /** Delivers a mail into the folder (INBOX by default); answers its UID. */
  append(raw: string, options?: { flags?: string[]; folder?: string }): Promise<number>;
  /** The mail in the folder with its \Seen flag. */
  messages(folder?: string): Promise<StoredMail[]>;
  /** Stops the server (the mail stays); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Dovecot's own log, for a failing test's message. */
  log(): string;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

export const dovecotBinary = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/** Fails with the way to install Dovecot when it is missing (a test must not pass without it). */
export function requireDovecot(): void {
  if (!existsSync(dovecotBinary))
    throw new Error(
      `Dovecot is not installed (${dovecotBinary} is missing). The e-mail channel's integration tests need a real ` +
        'IMAP server: apt-get install -y --no-install-recommends dovecot-imapd (.ci/run installs it; the tests start ' +
        'their own Dovecot, not the system one).',
    );
}

/** The processes below `pid` (from /proc), children first found first. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parents)
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        visit(child);
      }
  };
  visit(pid);
  return found;
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server greets on the port ("* OK"), or rejects after `ms`. */
async function greets(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      const done = (value: boolean) => {
        socket.destroy();
        resolve(value);
      };
      const timer = setTimeout(() => done(false), 1_000);
      socket.once('close', () => clearTimeout(timer));
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString('latin1');
        if (data.includes('\n')) done(data.startsWith('* OK'));
      });
      socket.on('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not greet on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startDovecot(
  options: { user?: string; password?: string; idle?: boolean } = {},
): Promise<Dovecot> {
  requireDovecot();
  const user = options.user ?? 'help@pedal.test';
  const password = options.password ?? 'mailbox secret 1';
  const dir = mkdtempSync(join(tmpdir(), 'mindframe-dovecot-'));
  // Dovecot's processes run as other users: the folder must be theirs to enter
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  const home = join(dir, 'home', 'mailbox');
  mkdirSync(home);
  const root = process.getuid?.() === 0;
  let uid: number;
  let gid: number;
  let rootless = '';
  if (root) {
    uid = 65534;
    gid = 65534;
    chownSync(home, uid, gid);
  } else {
    const me = userInfo();
    uid = me.uid;
    gid = me.gid;
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    // rootless: every process runs as this user, and none can chroot
    rootless = [
      `default_internal_user = ${me.username}`,
      `default_login_user = ${me.username}`,
      `default_internal_group = ${group}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
    ].join('\n');
  }
  const port = await sparePort();
  const users = join(dir, 'users');
  writeFileSync(users, `${user}:{PLAIN}${password}:${uid}:${gid}::${home}::\n`, { mode: 0o644 });
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'state')}`,
      `log_path = ${join(dir, 'dovecot.log')}`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      'mail_location = maildir:~/Maildir',
      'first_valid_uid = 1',
      rootless,
      // a server without IDLE, for the polling path
      options.idle === false
        ? 'imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH SEARCHRES WITHIN LITERAL+'
        : '',
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${users}`,
      '}',
      'userdb {',
      '  driver = passwd-file',
      `  args = username_format=%u ${users}`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | null = null;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async () => {
    const out = openSync(join(dir, 'dovecot.out'), 'a');
    const started = spawn(dovecotBinary, ['-F', '-c', config], { stdio: ['ignore', out, out] });
    closeSync(out);
    child = started;
    let exited: number | null = null;
    started.once('exit', (code) => {
      exited = code ?? -1;
      if (child === started) child = null;
    });
    try {
      await greets(port, 15_000);
    } catch (error) {
      started.kill('SIGKILL');
      throw new Error(
        `Dovecot did not start (exit ${String(exited)}): ${(error as Error).message}\n${readLog()}`,
      );
    }
  };

  // A stopped server drops its clients, as a server that restarts does: Dovecot's master leaves
  // its imap processes (and with them the open connections) behind when it exits, so they go too.
  const stop = async () => {
    const running = child;
    if (!running) return;
    child = null;
    const processes = running.pid === undefined ? [] : descendants(running.pid);
    const gone = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
    for (const pid of processes) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  };

  const readLog = () =>
    ['dovecot.out', 'dovecot.log']
      .map((file) => join(dir, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');

  const session = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    append: (raw, { flags = [], folder = 'INBOX' } = {}) =>
      session(async (client) => {
        const appended = await client.append(folder, raw, flags);
        if (!appended || typeof appended.uid !== 'number') throw new Error('APPEND gave no UID');
        return appended.uid;
      }),
    messages: (folder = 'INBOX') =>
      session(async (client) => {
        const lock = await client.getMailboxLock(folder);
        try {
          const found: StoredMail[] = [];
          for await (const message of client.fetch(
            '1:*',
            { uid: true, flags: true, envelope: true },
            { uid: false },
          )) {
            found.push({
              uid: message.uid,
              seen: message.flags?.has('\\Seen') ?? false,
              messageId: message.envelope?.messageId ?? null,
              subject: message.envelope?.subject ?? '',
            });
          }
          return found;
        } finally {
          lock.release();
        }
      }),
    stop,
    start,
    log: readLog,
    async close() {
      await stop();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A mail as a customer's client (or a robot) writes it, CRLF line ends. */
export function composeMail(mail: {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  date?: Date;
}): string {
  const lines = [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Message-ID: ${mail.messageId}`,
    `Date: ${(mail.date ?? new Date()).toUTCString()}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    ...(mail.references && mail.references.length > 0 ? [`References: ${mail.references.join(' ')}`] : []),
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...mail.text.split('\n'),
    '',
  ];
  return lines.join('\r\n');
}
