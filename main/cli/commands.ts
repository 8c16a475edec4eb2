import { closeSync, existsSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCore,
  createFileLogger,
  databaseFileName,
  installProcessHandlers,
  type Core,
  type Logger,
} from '../core';
import { startHost, startPublicHost } from '../host/server';
import { readPassword } from './password';
import { UsageError } from './args';
import { sentenceFor } from './errors';

export interface CommandOptions {
  dataDir: string;
  values: Record<string, string | boolean | undefined>;
  appRoot: string;
}

const text = (values: CommandOptions['values'], key: string): string | undefined =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined;

/**
 * The core on the data folder. `lock` names the command that takes the folder for itself (serve,
 * migrate): one that may run beside the app (setup, doctor) takes no lock.
 */
function openCore(dataDir: string, options: { logger?: Logger; lock?: string } = {}): Core {
  return createCore({
    dataDir,
    lock: options.lock ? { command: options.lock } : false,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

export async function setupCommand({ dataDir, values }: CommandOptions): Promise<number> {
  const org = text(values, 'org');
  const email = text(values, 'email');
  if (!org || !email)
    throw new UsageError('setup needs --org NAME and --email EMAIL (the password is read from stdin)');
  const core = openCore(dataDir);
  try {
    const status = await core.dispatch('setup.status', {}, { transport: 'cli' });
    if (status.ok && !(status.data as { needsSetup: boolean }).needsSetup) {
      console.error(`${dataDir} is already set up. Sign in with the owner's account instead.`);
      return 1;
    }
    const password = await readPassword('Owner password (at least 12 characters): ');
    const name = text(values, 'name') ?? email.split('@')[0]!;
    const result = await core.dispatch(
      'setup.createOwner',
      { orgName: org, name, email, password },
      { transport: 'cli' },
    );
    if (!result.ok) {
      console.error(`Setup failed: ${result.error.message}`);
      return 1;
    }
    console.log(`Created organisation "${org}" with owner ${email.trim().toLowerCase()} in ${dataDir}`);
    return 0;
  } finally {
    core.stop();
  }
}

export async function serveCommand({ dataDir, values, appRoot }: CommandOptions): Promise<number> {
  const logger = createFileLogger(dataDir);
  const core = openCore(dataDir, { logger, lock: 'serve' });
  // the terminal hears of a full disk too (the log file cannot take lines then)
  core.events.onDiskChange((full) =>
    console.error(
      full
        ? `mindframe: Disk full: there is no space left on the disk holding ${dataDir}. Changes are refused until space is freed; reading goes on.`
        : 'mindframe: The disk has room again; changes are accepted.',
    ),
  );
  core.start();
  installProcessHandlers(core);
  let host: Awaited<ReturnType<typeof startHost>>;
  try {
    host = await startHost(core, {
      host: text(values, 'host') ?? '127.0.0.1',
      port: Number(text(values, 'port') ?? 4870),
      allowNetwork: values['allow-network'] === true,
      staticDir: join(appRoot, 'dist', 'renderer'),
      widgetDir: join(appRoot, 'dist', 'widget'),
      logger,
    });
  } catch (error) {
    core.stop();
    throw error;
  }
  console.log(`Mindframe is serving on ${host.url} (data: ${dataDir})`);
  // links in e-mails (a password reset, an invitation) point at the app: --app-url, else this listener
  // when it has a concrete address; a wildcard (0.0.0.0, ::) is no address to click
  const bindHost = text(values, 'host') ?? '127.0.0.1';
  const wildcard = ['0.0.0.0', '::', '[::]', '::0'].includes(bindHost);
  core.setAppOrigin(text(values, 'app-url') ?? (wildcard ? null : host.url));
  // the channels' public door on a listener of its own: customers reach the widget, never the app
  let publicHost: Awaited<ReturnType<typeof startPublicHost>> | null = null;
  const publicPort = text(values, 'public-port');
  if (publicPort !== undefined) {
    try {
      publicHost = await startPublicHost(core, {
        host: text(values, 'public-host') ?? '127.0.0.1',
        port: Number(publicPort),
        widgetDir: join(appRoot, 'dist', 'widget'),
        behindProxy: values['public-behind-proxy'] === true,
        logger,
      });
    } catch (error) {
      await host.close();
      core.stop();
      throw error;
    }
    // the embed code and links the app shows name the address customers use (a proxy's, if given)
    core.setPublicOrigin(text(values, 'public-url') ?? publicHost.url);
    console.log(`The public door (website chat, widget) is on ${publicHost.url}`);
  }
  let stopping = false;
  // npm and terminals signal the whole process group, so a second signal can arrive mid-shutdown
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})...`);
    void Promise.all([host.close(), publicHost?.close()]).finally(() => {
      core.stop();
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return new Promise<number>(() => {
    // runs until a signal
  });
}

export async function migrateCommand({ dataDir }: CommandOptions): Promise<number> {
  // createCore migrates (with a backup first) and refuses a newer schema, or a running app
  const core = openCore(dataDir, { lock: 'migrate' });
  const version = core.schemaVersion;
  core.stop();
  console.log(JSON.stringify({ ok: true, dataDir, schemaVersion: version }));
  return 0;
}

export async function doctorCommand({ dataDir }: CommandOptions): Promise<number> {
  const databaseFile = join(dataDir, databaseFileName);
  const existed = existsSync(databaseFile);
  const core = openCore(dataDir);
  try {
    const { health, database, secrets } = core.doctor();
    const setup = await core.dispatch('setup.status', {}, { transport: 'cli' });
    const fs = statfsSync(dataDir);
    const disk = diskProblem(dataDir, Number(fs.bavail) * Number(fs.bsize));
    const report = {
      ok: health.status !== 'unhealthy' && disk === null,
      version: core.appVersion,
      node: process.version,
      dataDir,
      database: {
        file: databaseFile,
        existedBefore: existed,
        ...database,
      },
      needsSetup: setup.ok ? (setup.data as { needsSetup: boolean }).needsSetup : null,
      secrets,
      diskFreeMiB: Math.round((Number(fs.bavail) * Number(fs.bsize)) / 1024 / 1024),
      diskFull: disk !== null,
      problems: disk ? [disk] : [],
      logs: join(dataDir, 'logs'),
      health,
    };
    console.log(JSON.stringify(report, null, 2));
    if (disk) console.error(`mindframe: ${disk}`);
    return report.ok ? 0 : 1;
  } finally {
    core.stop();
  }
}

/**
 * Whether the data folder's disk has room for a write: a small file is written and removed (never
 * left behind). Answers the sentence to print when it has not, else null.
 */
function diskProblem(dataDir: string, freeBytes: number): string | null {
  const probe = join(dataDir, `.mindframe-doctor-${process.pid}`);
  let fd: number | null = null;
  try {
    fd = openSync(probe, 'w', 0o600);
    writeSync(fd, Buffer.alloc(64 * 1024));
    return freeBytes < 1024 * 1024
      ? sentenceFor(Object.assign(new Error('no space left'), { code: 'ENOSPC' }), { dataDir })
      : null;
  } catch (error) {
    return sentenceFor(error, { dataDir });
  } finally {
    if (fd !== null) closeSync(fd);
    rmSync(probe, { force: true });
  }
}
