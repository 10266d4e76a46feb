/** Counters the whole simulated fleet shares, for the live summary line and the final report. */
export interface FleetStats {
  /** Chargers with an open socket that finished booting. */
  connected: number;
  /** Messages the fleet sent (OCPP calls, MQTT publishes). */
  sent: number;
  /** Calls refused by the hub or lost with a connection; connection attempts that failed. */
  errors: number;
  /** Commands the hub sent to the fleet. */
  commands: number;
  reconnects: number;
  transactionsStarted: number;
  transactionsEnded: number;
  faults: number;
  /** Reservations the simulated drivers (vehicles) made through the API. */
  reservations: number;
}

export function newFleetStats(): FleetStats {
  return {
    connected: 0,
    sent: 0,
    errors: 0,
    commands: 0,
    reconnects: 0,
    transactionsStarted: 0,
    transactionsEnded: 0,
    faults: 0,
    reservations: 0,
  };
}

/** One line for the terminal: what is connected and how busy it is since the previous line. */
export function summaryLine(
  stats: FleetStats,
  previous: FleetStats,
  elapsedS: number,
  chargers: number,
  vehicles: number,
): string {
  const rate = elapsedS > 0 ? Math.round((stats.sent - previous.sent) / elapsedS) : 0;
  return (
    `chargers ${stats.connected}/${chargers} connected · ${vehicles} vehicles · ${rate} msg/s · ` +
    `${stats.transactionsStarted} sessions · ${stats.faults} faults · ${stats.commands} commands · ` +
    `${stats.reservations} reservations · ${stats.reconnects} reconnects · ${stats.errors} errors`
  );
}

export function addStats(total: FleetStats, part: FleetStats): FleetStats {
  const sum = { ...total };
  for (const key of Object.keys(sum) as (keyof FleetStats)[]) sum[key] += part[key];
  return sum;
}

const METRICS: [keyof FleetStats, 'gauge' | 'counter', string][] = [
  ['connected', 'gauge', 'Simulated chargers connected to the hub (MQTT ones: to the broker)'],
  ['sent', 'counter', 'Messages sent (OCPP calls, MQTT publishes)'],
  ['errors', 'counter', 'Failed calls, publishes and connection attempts'],
  ['commands', 'counter', 'Commands received from the hub'],
  ['reconnects', 'counter', 'Reconnections after a lost connection'],
  ['transactionsStarted', 'counter', 'Charging sessions started'],
  ['transactionsEnded', 'counter', 'Charging sessions ended'],
  ['faults', 'counter', 'Connector faults'],
  ['reservations', 'counter', 'Reservations made by simulated drivers'],
];

/** Prometheus text exposition of the counters. */
export function metricsText(stats: FleetStats): string {
  return METRICS.map(([key, type, help]) => {
    const name = `wattsup_sim_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}${type === 'counter' ? '_total' : ''}`;
    return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${stats[key]}\n`;
  }).join('');
}
