import type { IncomingMessage } from 'node:http';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { LiveClients } from './live-clients';
import { INVALID_MESSAGE } from './routed-ws.adapter';

/** `/live`: decode, hand to LiveClients. The frame protocol is in README's "Live socket". */
@WebSocketGateway({ path: '/live', maxPayload: 16 * 1024 })
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect {
  constructor(private readonly clients: LiveClients) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.clients.connect(socket, request.headers.cookie);
  }

  handleDisconnect(socket: WebSocket): void {
    this.clients.disconnect(socket);
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() message: unknown): Promise<void> {
    return this.clients.subscribe(socket, message);
  }

  @SubscribeMessage(INVALID_MESSAGE)
  invalid(@ConnectedSocket() socket: WebSocket): void {
    this.clients.invalid(socket);
  }
}
