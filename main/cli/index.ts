import { parseArgs } from 'node:util';
import { findAppRoot, readAppVersion, SchemaTooNewError } from '../core';
import { defaultDataDir, parsePort, UsageError } from './args';
import { backupCommand } from './backup-command';
import { demoCommand } from './demo-command';
import { sentenceFor } from './errors';
import { doctorCommand, migrateCommand, serveCommand, setupCommand, type CommandOptions } from './commands';

const usage = `Usage: mindframe <command> [options]

Commands:
  setup    --org NAME --email EMAIL [--name NAME]   create the organisation and its owner (password on stdin)
  serve    [--port 4870] [--host 127.0.0.1] [--allow-network]   serve the UI and API over HTTP
           [--public-port 8080] [--public-host 127.0.0.1] [--public-behind-proxy]
                                also serve the channels' public door (website chat, widget) on its own
                                listener; put a TLS reverse proxy in front of it (see the README)
           [--public-url https://chat.example.com]
                                the address customers reach that listener at (the proxy's), used in
                                the embed code and links the app shows
           [--app-url https://mindframe.example.com]
                                the address people reach the app at (a proxy's), used for links in
                                e-mails; default: this listener's address (none when --host is 0.0.0.0)
  demo     [--seed 42] [--days 180] [--password-stdin]   build a demo installation into an empty
           data folder (prints the sign-in e-mail and a generated password)
  doctor   print a JSON health report of the data folder
  migrate  bring the database schema up to date (a backup is taken first)
  backup create                 back up now and verify the backup
  backup list                   list the backups in the backup folder
  backup verify FILE            check a backup (decrypt, decompress, integrity, row counts)
  backup restore FILE [--key-file F]   replace the database with a backup (with the app stopped)

Every command takes --data-dir DIR (default: $MINDFRAME_DATA_DIR, else ~/.mindframe).
Exit codes: 0 ok, 1 failure, 2 usage error.`;

const commands: Record<string, (options: CommandOptions) => Promise<number>> = {
  setup: setupCommand,
  serve: serveCommand,
  doctor: doctorCommand,
  migrate: migrateCommand,
  demo: demoCommand,
};

export async function main(argv: string[]): Promise<number> {
  let dataDir: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        org: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-network': { type: 'boolean' },
        'public-port': { type: 'string' },
        'public-host': { type: 'string' },
        'public-behind-proxy': { type: 'boolean' },
        'public-url': { type: 'string' },
        'app-url': { type: 'string' },
        'key-file': { type: 'string' },
        seed: { type: 'string' },
        days: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    const appRoot = findAppRoot();
    if (values.version) {
      console.log(readAppVersion(appRoot));
      return 0;
    }
    const [name, ...rest] = positionals;
    if (values.help || !name) {
      console.log(usage);
      return values.help ? 0 : 2;
    }
    dataDir = values['data-dir']
      ? defaultDataDir({ MINDFRAME_DATA_DIR: values['data-dir'] })
      : defaultDataDir();
    // whatever the command writes is its owner's alone (the core also sets the data folder's modes)
    process.umask(0o077);
    if (name === 'backup') return await backupCommand({ dataDir, values, appRoot }, rest);
    const command = commands[name];
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
    parsePort(values.port, 4870);
    if (values['public-port'] !== undefined && parsePort(values['public-port'], 0) === 0)
      throw new UsageError('--public-port needs a port number from 1 to 65535.');
    if (values['public-host'] !== undefined && values['public-port'] === undefined)
      throw new UsageError('--public-host needs --public-port.');
    if (values['public-url'] !== undefined) {
      if (values['public-port'] === undefined) throw new UsageError('--public-url needs --public-port.');
      if (!/^https?:\/\/[^/\s?#]+\/?$/i.test(values['public-url']))
        throw new UsageError('--public-url needs an address like https://chat.example.com (no path).');
    }
    if (values['app-url'] !== undefined && !/^https?:\/\/[^/\s?#]+\/?$/i.test(values['app-url']))
      throw new UsageError('--app-url needs an address like https://mindframe.example.com (no path).');
    return await command({ dataDir, values, appRoot });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof SchemaTooNewError) {
      console.error(error.message);
      return 1;
    }
    // a sentence, never a stack or a raw errno ("disk full", not "disk I/O error")
    console.error(`mindframe: ${sentenceFor(error, dataDir ? { dataDir } : {})}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
