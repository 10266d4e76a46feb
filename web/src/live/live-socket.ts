import type { LiveServerFrame, LiveSubscribeMessage } from '@wattsup/contracts';
import { parseLiveMessage, reconnectDelayMs } from './live-frames';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

/** The part of a browser `WebSocket` the live connection uses (a fake one in unit tests). */
export interface LiveTransport {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
}

const OPEN = 1;

export interface LiveSocketOptions {
  url: string;
  onframes: (frames: LiveServerFrame[]) => void;
  onstatus?: (status: LiveStatus) => void;
  /** Opens the transport; a browser `WebSocket` by default. */
  connect?: (url: string) => LiveTransport;
  /** Wait before reconnect attempt n (0 first). */
  delayMs?: (attempt: number) => number;
}

/**
 * One `/live` connection for the page: reconnects with exponential backoff when it drops (the
 * hub restarts, or closes a slow reader) and sends the current subscription again after each
 * reconnect, whose snapshot then replaces whatever was missed.
 */
export class LiveSocket {
  private transport: LiveTransport | null = null;
  private subscription: LiveSubscribeMessage | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly connect: (url: string) => LiveTransport;
  private readonly delayMs: (attempt: number) => number;

  constructor(private readonly options: LiveSocketOptions) {
    this.connect = options.connect ?? ((url) => new WebSocket(url) as unknown as LiveTransport);
    this.delayMs = options.delayMs ?? ((attempt) => reconnectDelayMs(attempt));
    this.open();
  }

  /** Replaces the subscription; sent now if connected, else once connected. */
  subscribe(message: LiveSubscribeMessage): void {
    this.subscription = message;
    this.sendSubscription();
  }

  close(): void {
    this.closed = true;
    this.dropTransport();
  }

  /**
   * Opens a new connection now, e.g. once the session cookie was renewed: the hub knows who a
   * socket belongs to from the cookie it was opened with.
   */
  reconnect(): void {
    if (this.closed) return;
    this.dropTransport();
    this.attempt = 0;
    this.open();
  }

  private dropTransport(): void {
    clearTimeout(this.retry);
    const transport = this.transport;
    this.transport = null;
    if (transport) {
      transport.onclose = null;
      transport.close();
    }
  }

  private open(): void {
    if (this.closed) return;
    this.options.onstatus?.('connecting');
    let transport: LiveTransport;
    try {
      transport = this.connect(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.transport = transport;
    transport.onopen = () => {
      this.options.onstatus?.('connected');
      this.sendSubscription();
    };
    transport.onmessage = ({ data }) => {
      // The hub answered: the connection works, so the next drop starts the backoff over.
      this.attempt = 0;
      if (typeof data === 'string') this.options.onframes(parseLiveMessage(data));
    };
    transport.onerror = () => {
      // A close follows every error; reconnecting is its business.
    };
    transport.onclose = () => {
      if (this.transport !== transport) return;
      this.transport = null;
      this.options.onstatus?.('disconnected');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.open(), this.delayMs(this.attempt++));
  }

  private sendSubscription(): void {
    if (this.subscription && this.transport?.readyState === OPEN)
      this.transport.send(JSON.stringify(this.subscription));
  }
}
