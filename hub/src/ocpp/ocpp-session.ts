import type { OcppProtocol } from '@wattsup/contracts';
import type { RPCServerClient } from './ocpp-rpc';
import type { RegistrationStatus } from '../chargers/charger.entity';

/** One connected charger, as the instance holding its socket knows it. */
export interface OcppSession {
  chargerId: string;
  identity: string;
  protocol: OcppProtocol;
  client: RPCServerClient;
  registrationStatus: RegistrationStatus;
  /** connectorId (1.6) or evseId (2.0.1) → terminal id. */
  connectors: Map<number, string>;
  heartbeatIntervalSeconds: number;
  lastSeenAt: Date;
  connectedAt: Date;
  /** Set when a liveness probe is in flight, so a silent charger is probed once. */
  probing: boolean;
  /** connectorId/evseId → open transaction id (null: none), learnt on this connection. */
  openTransactions: Map<number, string | null>;
  /** Whether the charger has reported a status since it connected. */
  statusReported?: boolean;
}

/** Forgets a transaction that has ended on this connection. */
export function forgetTransaction(session: OcppSession, transactionId: string): void {
  for (const [connectorId, open] of session.openTransactions) {
    if (open === transactionId) session.openTransactions.set(connectorId, null);
  }
}
