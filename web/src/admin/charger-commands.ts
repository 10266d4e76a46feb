import type {
  ChargerCommandName,
  ChargerCommandRequest,
  ChargerCommandResult,
} from '@wattsup/contracts';
import { english, type AdminMessageKey, type Translate } from '../lib/i18n';

/** One command with its body, typed together. */
export type CommandCall = {
  [C in ChargerCommandName]: { command: C; body: ChargerCommandRequest<C> };
}[ChargerCommandName];

/** OCPP: connector 0 is the whole charge point. */
export const WHOLE_CHARGER = 0;

export interface CommandAction {
  /** Its button's text, in the language shown: `t(action.labelKey)`. */
  labelKey: AdminMessageKey;
  /** Only about one connector (not the whole charger). */
  needsConnector: boolean;
  call(connectorId: number): CommandCall;
}

/** Some connector, or none to mean the whole charger (the OCPP message leaves it out). */
const someConnector = (connectorId: number) =>
  connectorId === WHOLE_CHARGER ? {} : { connectorId };

/** The buttons of a charger's detail, for the connector picked (or the whole charger). */
export const COMMAND_ACTIONS: readonly CommandAction[] = [
  {
    labelKey: 'admin.command.status',
    needsConnector: false,
    call: (connectorId) => ({
      command: 'trigger-message',
      body: { message: 'StatusNotification', ...someConnector(connectorId) },
    }),
  },
  {
    labelKey: 'admin.command.heartbeat',
    needsConnector: false,
    call: () => ({ command: 'trigger-message', body: { message: 'Heartbeat' } }),
  },
  {
    labelKey: 'admin.command.unavailable',
    needsConnector: false,
    call: (connectorId) => ({
      command: 'change-availability',
      body: { connectorId, operative: false },
    }),
  },
  {
    labelKey: 'admin.command.available',
    needsConnector: false,
    call: (connectorId) => ({
      command: 'change-availability',
      body: { connectorId, operative: true },
    }),
  },
  {
    labelKey: 'admin.command.unlock',
    needsConnector: true,
    call: (connectorId) => ({ command: 'unlock-connector', body: { connectorId } }),
  },
  {
    labelKey: 'admin.command.configuration',
    needsConnector: false,
    call: () => ({ command: 'get-configuration', body: {} }),
  },
  {
    labelKey: 'admin.command.softReset',
    needsConnector: false,
    call: () => ({ command: 'reset', body: { type: 'soft' } }),
  },
  {
    labelKey: 'admin.command.hardReset',
    needsConnector: false,
    call: () => ({ command: 'reset', body: { type: 'hard' } }),
  },
];

/**
 * The charger's answer in one line: `TriggerMessage: Accepted`. The action and status are OCPP's
 * own words, the same in every language; only "answered" (no status) is said as `t` says it.
 */
export const commandAnswerLine = (result: ChargerCommandResult, t: Translate = english): string =>
  t('admin.command.answer', {
    action: result.action,
    status: result.status ?? t('admin.command.answered'),
  });
