import { describe, expect, it } from '@jest/globals';
import { translator } from '../lib/i18n';
import { chargerConnection } from './charger-connection';

const PAGE = { protocol: 'http:', host: 'hub.example:3000', hostname: 'hub.example' };

describe('chargerConnection', () => {
  it('gives an OCPP charger its address on the hub, with its subprotocol', () => {
    expect(chargerConnection({ identity: 'CP-0042', protocol: 'ocpp1.6' }, PAGE)).toEqual({
      kind: 'ocpp',
      url: 'ws://hub.example:3000/ocpp/CP-0042',
      subprotocol: 'ocpp1.6',
    });
  });

  it('uses wss behind https and percent-encodes the identity', () => {
    const secure = { ...PAGE, protocol: 'https:', host: 'hub.example' };
    expect(chargerConnection({ identity: 'FR*ABC|1@x', protocol: 'ocpp2.0.1' }, secure)).toEqual({
      kind: 'ocpp',
      url: 'wss://hub.example/ocpp/FR*ABC%7C1%40x',
      subprotocol: 'ocpp2.0.1',
    });
  });

  it("gives an MQTT charger the broker and the contract's topics", () => {
    const connection = chargerConnection({ identity: 'CP-0042', protocol: 'mqtt' }, PAGE);
    expect(connection).toEqual({
      kind: 'mqtt',
      broker: 'mqtt://hub.example:1883',
      topics: [
        {
          label: 'Status',
          topic: 'wattsup/v1/chargers/CP-0042/connectors/{connectorId}/status',
        },
        {
          label: 'Meter',
          topic: 'wattsup/v1/chargers/CP-0042/connectors/{connectorId}/meter',
        },
        {
          label: 'Availability',
          topic: 'wattsup/v1/chargers/CP-0042/availability',
        },
        { label: 'Commands', topic: 'wattsup/v1/chargers/CP-0042/commands' },
      ],
    });
  });

  it('names the topics in French', () => {
    const connection = chargerConnection(
      { identity: 'CP-0042', protocol: 'mqtt' },
      PAGE,
      translator('fr'),
    );
    expect(connection.kind === 'mqtt' && connection.topics.map(({ label }) => label)).toEqual([
      'État',
      'Compteur',
      'Disponibilité',
      'Commandes',
    ]);
  });
});
