import type {
  ChargerCommandName,
  ChargerCommandRequest,
  ChargerCommandResult,
} from '@wattsup/contracts';

/** One command with its body, typed together. */
export type CommandCall = {
  [C in ChargerCommandName]: { command: C; body: ChargerCommandRequest<C> };
}[ChargerCommandName];

/** OCPP: connector 0 is the whole charge point. */
export const WHOLE_CHARGER = 0;

export interface CommandAction {
  label: string;
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
    label: 'Ask for its status',
    needsConnector: false,
    call: (connectorId) => ({
      command: 'trigger-message',
      body: { message: 'StatusNotification', ...someConnector(connectorId) },
    }),
  },
  {
    label: 'Ask for a heartbeat',
    needsConnector: false,
    call: () => ({ command: 'trigger-message', body: { message: 'Heartbeat' } }),
  },
  {
    label: 'Make unavailable',
    needsConnector: false,
    call: (connectorId) => ({
      command: 'change-availability',
      body: { connectorId, operative: false },
    }),
  },
  {
    label: 'Make available',
    needsConnector: false,
    call: (connectorId) => ({
      command: 'change-availability',
      body: { connectorId, operative: true },
    }),
  },
  {
    label: 'Unlock connector',
    needsConnector: true,
    call: (connectorId) => ({ command: 'unlock-connector', body: { connectorId } }),
  },
  {
    label: 'Read configuration',
    needsConnector: false,
    call: () => ({ command: 'get-configuration', body: {} }),
  },
  {
    label: 'Soft reset',
    needsConnector: false,
    call: () => ({ command: 'reset', body: { type: 'soft' } }),
  },
  {
    label: 'Hard reset',
    needsConnector: false,
    call: () => ({ command: 'reset', body: { type: 'hard' } }),
  },
];

/** The charger's answer in one line: `TriggerMessage: Accepted`. */
export const commandAnswerLine = (result: ChargerCommandResult): string =>
  `${result.action}: ${result.status ?? 'answered'}`;
