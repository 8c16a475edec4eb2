import type { FastifyInstance } from 'fastify';
import type { Core } from '../core';
import { sessionCookie } from './cookies';

/** `GET /api/events`: a WebSocket carrying the contract's events for the caller's session. */
export function registerEventsRoute(app: FastifyInstance, core: Core): void {
  app.get('/api/events', { websocket: true }, (socket, request) => {
    const token = request.cookies[sessionCookie];
    const unsubscribe = token
      ? core.events.subscribe(token, (name, payload) => {
          if (socket.readyState !== socket.OPEN) return;
          socket.send(JSON.stringify({ event: name, payload }));
          if (name === 'session.ended') socket.close(4401, 'session ended');
        })
      : null;
    if (!unsubscribe) {
      socket.close(4401, 'sign in first');
      return;
    }
    const heartbeat = setInterval(() => socket.ping(), 25_000);
    socket.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    socket.on('message', () => {
      // the channel is one-way; calls go through /api/call
    });
  });
}
