import { describe, expect, it } from '@jest/globals';
import { chargerCommandRequests } from '@wattsup/contracts';
import { english, translator } from '../lib/i18n';
import { COMMAND_ACTIONS, WHOLE_CHARGER, commandAnswerLine } from './charger-commands';

describe('COMMAND_ACTIONS', () => {
  it.each(COMMAND_ACTIONS.map((action) => [english(action.labelKey), action] as const))(
    '%s sends a body the hub accepts, for a connector and for the whole charger',
    (_label, action) => {
      const connectors = action.needsConnector ? [2] : [WHOLE_CHARGER, 2];
      for (const connectorId of connectors) {
        const { command, body } = action.call(connectorId);
        expect(chargerCommandRequests[command].safeParse(body).success).toBe(true);
      }
    },
  );

  it('asks the whole charger for its status without a connector', () => {
    const status = COMMAND_ACTIONS.find(
      ({ labelKey }) => english(labelKey) === 'Ask for its status',
    )!;
    expect(status.call(WHOLE_CHARGER)).toEqual({
      command: 'trigger-message',
      body: { message: 'StatusNotification' },
    });
    expect(status.call(1).body).toEqual({ message: 'StatusNotification', connectorId: 1 });
  });

  it.each(['en', 'fr'] as const)('has distinct labels in %s', (language) => {
    const labels = COMMAND_ACTIONS.map(({ labelKey }) => translator(language)(labelKey));
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('commandAnswerLine', () => {
  it('says what was sent and what the charger answered', () => {
    expect(
      commandAnswerLine({
        command: 'trigger-message',
        action: 'TriggerMessage',
        status: 'Accepted',
        response: { status: 'Accepted' },
      }),
    ).toBe('TriggerMessage: Accepted');
  });

  it('says the charger answered when its answer has no status', () => {
    expect(
      commandAnswerLine({
        command: 'get-configuration',
        action: 'GetConfiguration',
        status: null,
        response: { configurationKey: [] },
      }),
    ).toBe('GetConfiguration: answered');
  });

  it('says it in French, OCPP words kept', () => {
    const fr = translator('fr');
    const answer = { command: 'reset', action: 'Reset', response: {} } as const;
    expect(commandAnswerLine({ ...answer, status: 'Accepted' }, fr)).toBe('Reset : Accepted');
    expect(commandAnswerLine({ ...answer, status: null }, fr)).toBe('Reset : répondu');
  });
});
