/**
 * What an authenticated MQTT client may act as.
 * - `hub`: the hub service account; publishes and subscribes anywhere.
 * - `gateway`: speaks for many devices (a CPO backend, the simulator): publishes any device's
 *   status, meter and telemetry and receives any charger's commands.
 * - `device`: one charger or vehicle, whose id is its username.
 */
export type BrokerRole = 'hub' | 'gateway' | 'device';

export interface BrokerIdentity {
  readonly username: string;
  readonly role: BrokerRole;
}
