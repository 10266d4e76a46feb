import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { type ServerOptions, WebSocketServer } from 'ws';
import type { UpgradeRouter } from '../websocket/upgrade-router';

export const INVALID_MESSAGE = 'invalid';

/**
 * Client frames are `{"type": ..., ...}`; Nest routes `{event, data}`. Anything but a JSON object
 * with a known type goes to the `invalid` handler, which answers with an error frame.
 */
export function parseLiveMessage(raw: unknown): { event: string; data: unknown } {
  try {
    const message: unknown = JSON.parse(String(raw));
    if (typeof message === 'object' && message !== null && 'type' in message) {
      if (message.type === 'subscribe') return { event: 'subscribe', data: message };
    }
  } catch {
    // falls through to `invalid`
  }
  return { event: INVALID_MESSAGE, data: null };
}

/**
 * `@nestjs/platform-ws`'s WsAdapter, except for who owns the HTTP server's `upgrade` event: left
 * alone, the adapter attaches its own listener, which destroys every upgrade on a path it does not
 * own (OCPP's). Here each gateway gets a `noServer` WebSocketServer and its path is registered
 * on the UpgradeRouter, the one owner of upgrades; everything else (handlers, connection and
 * disconnect hooks) is the stock adapter.
 */
export class RoutedWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly router: UpgradeRouter,
  ) {
    super(app, { messageParser: parseLiveMessage });
  }

  override create(_port: number, options: ServerOptions & { path: string }): WebSocketServer {
    const { path, ...wsOptions } = options;
    const server = new WebSocketServer({ ...wsOptions, noServer: true });
    this.router.register(path, (request, socket, head) =>
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request)),
    );
    return server;
  }
}
