import { servicesOf } from '../internals';

export interface ProcessHandlerOptions {
  /** End the process (code 1) after recording an uncaught exception, as Node would. Default true. */
  exitOnUncaught?: boolean;
  exit?: (code: number) => void;
  /** The process (tests pass an emitter of their own). */
  target?: NodeJS.EventEmitter;
}

const installed = new WeakSet<object>();

/**
 * Records uncaught exceptions and unhandled rejections in the error groups and logs them (fatal and
 * error). An unhandled rejection is not fatal; an uncaught exception ends the process unless
 * `exitOnUncaught` is false. Handling never throws, and an error while handling one is written to
 * stderr instead of being handled again. Answers a function that removes the handlers.
 */
export function installProcessHandlers(core: object, options: ProcessHandlerOptions = {}): () => void {
  const target = options.target ?? process;
  if (installed.has(target)) return () => undefined;
  installed.add(target);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const exitOnUncaught = options.exitOnUncaught ?? true;
  const services = servicesOf(core);
  const logger = services.logger.child({ module: 'process' });
  let handling = false;

  const handle = (kind: 'uncaught exception' | 'unhandled rejection', error: unknown): void => {
    if (handling) {
      safeStderr(`mindframe: ${kind} while handling another: ${describe(error)}\n`);
      return;
    }
    handling = true;
    try {
      const fingerprint = services.logs.errors.record(
        error,
        { module: 'process', tenantId: null },
        { now: true },
      );
      const level = kind === 'uncaught exception' ? 'fatal' : 'error';
      logger[level]({ err: error, errorGroup: fingerprint }, kind);
      logger.flush();
    } catch (failure) {
      safeStderr(`mindframe: ${kind} not recorded (${describe(failure)}): ${describe(error)}\n`);
    } finally {
      handling = false;
    }
  };

  const onUncaught = (error: unknown): void => {
    handle('uncaught exception', error);
    if (exitOnUncaught) exit(1);
  };
  const onRejection = (reason: unknown): void => handle('unhandled rejection', reason);

  target.on('uncaughtException', onUncaught);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onUncaught);
    target.off('unhandledRejection', onRejection);
    installed.delete(target);
  };
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  } catch {
    return 'an unprintable value';
  }
}

function safeStderr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // nowhere left to tell
  }
}
