import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per hub instance, so several apps in one process never clash. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'wattsup_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly ocppConnectedChargers = new Gauge({
    name: 'wattsup_ocpp_connected_chargers',
    help: 'OCPP chargers connected to this hub instance',
    labelNames: ['protocol'] as const,
    registers: [this.registry],
  });

  readonly ocppMessages = new Counter({
    name: 'wattsup_ocpp_messages_total',
    help: 'OCPP calls received from chargers, by action and outcome',
    labelNames: ['protocol', 'action', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly ocppBadMessages = new Counter({
    name: 'wattsup_ocpp_bad_messages_total',
    help: 'OCPP frames refused as malformed or invalid against the schemas',
    labelNames: ['protocol', 'kind'] as const,
    registers: [this.registry],
  });

  readonly ocppRejectedConnections = new Counter({
    name: 'wattsup_ocpp_rejected_connections_total',
    help: 'OCPP WebSocket upgrades refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly ocppUnboundConnector = new Counter({
    name: 'wattsup_ocpp_unbound_connector_reports_total',
    help: 'Status reports for connectors bound to no terminal',
    labelNames: ['protocol'] as const,
    registers: [this.registry],
  });

  readonly ocppCommands = new Histogram({
    name: 'wattsup_ocpp_command_duration_seconds',
    help: 'Hub to charger commands, by action and outcome',
    labelNames: ['action', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly reservationTransitions = new Counter({
    name: 'wattsup_reservation_transitions_total',
    help: 'Reservation state changes, by the state entered',
    labelNames: ['to'] as const,
    registers: [this.registry],
  });

  readonly reservationExpiryLag = new Histogram({
    name: 'wattsup_reservation_expiry_lag_seconds',
    help: 'How late after its due time a reservation was expired',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30],
    registers: [this.registry],
  });

  readonly mqttMessages = new Counter({
    name: 'wattsup_mqtt_messages_total',
    help: 'MQTT device messages accepted, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly mqttRejectedMessages = new Counter({
    name: 'wattsup_mqtt_rejected_messages_total',
    help: 'MQTT device messages refused, by kind and reason (each is also logged with its topic)',
    labelNames: ['kind', 'reason'] as const,
    registers: [this.registry],
  });

  readonly mqttIngestBacklog = new Gauge({
    name: 'wattsup_mqtt_ingest_backlog',
    help: 'MQTT device messages accepted but not yet written',
    registers: [this.registry],
  });

  readonly mqttIngestPauses = new Counter({
    name: 'wattsup_mqtt_ingest_pauses_total',
    help: 'Times the hub stopped reading from the broker because its backlog was full',
    registers: [this.registry],
  });

  readonly mqttSharedSubscription = new Gauge({
    name: 'wattsup_mqtt_shared_subscription',
    help: '1 when this hub shares device topics with other instances ($share), else 0',
    registers: [this.registry],
  });

  readonly telemetryBatches = new Counter({
    name: 'wattsup_telemetry_batches_total',
    help: 'Telemetry insert statements, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly telemetryRows = new Counter({
    name: 'wattsup_telemetry_rows_total',
    help: 'Telemetry samples by fate: written, duplicate (already stored), dropped (write kept failing)',
    labelNames: ['fate'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'wattsup_' });
  }
}
