import type { PublicListenerSetting } from '../contract';
import type { Core, Logger, PublicListenerProblem } from '../core';
import { startPublicHost, type RunningHost } from '../host/public-listener';

export interface PublicListenerControllerOptions {
  /** The widget build (dist/widget) the public door serves. */
  widgetDir?: string;
  logger?: Logger;
}

export interface PublicListenerController {
  /** The port the listener answers on now, or null while it is closed. */
  port(): number | null;
  /** Closes the listener and stops following the setting (the app quits). */
  stop(): Promise<void>;
}

const same = (a: PublicListenerSetting, b: PublicListenerSetting) =>
  a.enabled === b.enabled && a.port === b.port && a.host === b.host;

/**
 * The desktop app's public listener (issue 13): the channels' public door on a port of its own,
 * opened, moved or closed as the installation's setting (`setup.savePublicListener`) says, at start
 * and on every save. The core's public origin follows it: the setting's https address when given,
 * else the listener's own; null while it is closed, so the embed code never names a dead address.
 * A taken port is answered as `port_in_use` (the save shows it), never a crash of the app.
 */
export async function startPublicListenerController(
  core: Core,
  options: PublicListenerControllerOptions = {},
): Promise<PublicListenerController> {
  let running: RunningHost | null = null;
  let current: PublicListenerSetting | null = null;
  let stopped = false;
  // saves arrive one after another, but a listener closes and opens asynchronously: one at a time
  let queue: Promise<unknown> = Promise.resolve();

  const close = async () => {
    const host = running;
    running = null;
    current = null;
    if (host) await host.close();
  };

  const apply = async (setting: PublicListenerSetting): Promise<PublicListenerProblem | null> => {
    if (stopped) return null;
    if (!(running && current && setting.enabled && same(current, setting))) {
      await close();
      core.setPublicOrigin(null);
      if (!setting.enabled) return null;
      try {
        running = await startPublicHost(core, {
          host: setting.host,
          port: setting.port,
          ...(options.widgetDir ? { widgetDir: options.widgetDir } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
        });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        options.logger?.warn({ err: error, port: setting.port }, 'public listener did not open');
        return code === 'EADDRINUSE' || code === 'EACCES' ? 'port_in_use' : 'failed';
      }
    }
    current = setting;
    core.setPublicOrigin(setting.publicUrl ?? running!.url);
    return null;
  };

  const detach = await core.applyPublicListener((setting) => {
    const next = queue.then(() => apply(setting));
    queue = next.catch(() => undefined);
    return next;
  });

  return {
    port: () => running?.port ?? null,
    async stop() {
      stopped = true;
      detach();
      await queue;
      await close();
    },
  };
}
