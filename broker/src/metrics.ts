import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The broker's Prometheus counters, served at /metrics on BROKER_METRICS_PORT. */
export class BrokerMetrics {
  readonly registry = new Registry();

  readonly clients = new Gauge({
    name: 'wattsup_broker_clients',
    help: 'Clients connected to this broker process',
    registers: [this.registry],
  });

  readonly refusedConnections = new Counter({
    name: 'wattsup_broker_refused_connections_total',
    help: 'CONNECTs refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly publishes = new Counter({
    name: 'wattsup_broker_publishes_total',
    help: 'PUBLISH packets accepted from clients',
    registers: [this.registry],
  });

  readonly refusedPublishes = new Counter({
    name: 'wattsup_broker_refused_publishes_total',
    help: 'PUBLISH packets refused (and their connection closed), by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly pacedPublishes = new Counter({
    name: 'wattsup_broker_paced_publishes_total',
    help: 'PUBLISH packets held back because their device exceeded its message rate',
    registers: [this.registry],
  });

  readonly refusedSubscriptions = new Counter({
    name: 'wattsup_broker_refused_subscriptions_total',
    help: 'SUBSCRIBE filters refused (SUBACK 0x80)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'wattsup_broker_' });
  }
}
