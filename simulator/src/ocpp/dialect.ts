import type { OcppProtocol, Random } from '@wattsup/contracts';
import type { ChargerState } from '../charger/charger.machine';
import type { Connector, ConnectorEffect } from '../charger/connector.machine';

/** One OCPP call the charger makes. */
export interface OcppCall {
  action: string;
  params: Record<string, unknown>;
}

/** OCPP 1.6 BootReason has no enum; 2.0.1's BootReasonEnumType values are reused for both. */
export type BootReason = 'PowerUp' | 'RemoteReset' | 'Triggered';

/** What the charger does once it has answered a hub command. */
export type FollowUp =
  | { kind: 'send'; calls: OcppCall[] }
  | { kind: 'reboot'; reason: BootReason }
  /** OCPP 2.0.1 Reset OnIdle, Scheduled: the charger reboots when its transactions are over. */
  | { kind: 'none' };

export interface Answer {
  response: Record<string, unknown>;
  effects: ConnectorEffect[];
  followUp: FollowUp;
}

export interface CommandContext {
  readonly charger: ChargerState;
  readonly random: Random;
  readonly nowMs: number;
}

export type CommandHandler = (context: CommandContext, params: Record<string, unknown>) => Answer;

/**
 * How one OCPP version says what the neutral charger machine does, and how it reads the hub's
 * commands. Pure: the socket side (ocpp-charger.ts) only sends what these return.
 */
export interface OcppDialect {
  readonly protocol: OcppProtocol;
  bootNotification(charger: ChargerState, reason: BootReason): OcppCall;
  /** Every connector's current status, for the boot sequence and TriggerMessage. */
  statusReport(charger: ChargerState, nowMs: number, connectorId?: number): OcppCall[];
  /** The calls that tell the hub about one effect; empty when this version has no word for it. */
  report(effect: ConnectorEffect): OcppCall[];
  /** A periodic meter sample of a connector with a transaction; null when there is nothing to say. */
  meterValues(connector: Connector, nowMs: number): OcppCall | null;
  /** Reads what the hub answered to a reported effect (1.6 StartTransaction gives the id). */
  acknowledge(effect: ConnectorEffect, response: unknown): void;
  readonly commands: Readonly<Record<string, CommandHandler>>;
}

export const answer = (
  response: Record<string, unknown>,
  effects: ConnectorEffect[] = [],
  followUp: FollowUp = { kind: 'none' },
): Answer => ({ response, effects, followUp });

export const iso = (ms: number) => new Date(ms).toISOString();

/** Simulated hardware identity, the same in both versions. */
export const VENDOR = 'WattsUp';
export const MODEL = 'SimCharger';
export const FIRMWARE = '1.4.2';
