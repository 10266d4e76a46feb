import { topics, type ChargerProtocol } from '@wattsup/contracts';
import { english, type Translate } from '../lib/i18n';

/** Where the page was served from: the hub, which also takes OCPP on the same port. */
export interface PageAddress {
  protocol: string;
  host: string;
  hostname: string;
}

export type ChargerConnection =
  | {
      kind: 'ocpp';
      /** `ws(s)://host/ocpp/{identity}`, the identity percent-encoded as OCPP-J asks. */
      url: string;
      subprotocol: 'ocpp1.6' | 'ocpp2.0.1';
    }
  | {
      kind: 'mqtt';
      /** The demo's and docker-compose's broker, on the page's host. */
      broker: string;
      /** Each topic named in the language of `t`; the topics themselves are the contract's. */
      topics: { label: string; topic: string }[];
    };

/** The MQTT port devices reach, as in the demo and docker-compose. */
export const DEVICE_BROKER_PORT = 1883;

/**
 * How a charger just registered reaches the hub: its OCPP-J address (Basic auth: its identity and
 * password), or its broker and the topics of the contract (username and client id: its identity).
 */
export function chargerConnection(
  charger: { identity: string; protocol: ChargerProtocol },
  page: PageAddress,
  t: Translate = english,
): ChargerConnection {
  const { identity, protocol } = charger;
  if (protocol !== 'mqtt') {
    const scheme = page.protocol === 'https:' ? 'wss' : 'ws';
    return {
      kind: 'ocpp',
      url: `${scheme}://${page.host}/ocpp/${encodeURIComponent(identity)}`,
      subprotocol: protocol,
    };
  }
  return {
    kind: 'mqtt',
    broker: `mqtt://${page.hostname}:${DEVICE_BROKER_PORT}`,
    topics: [
      { label: t('admin.topic.status'), topic: topics.connectorStatus(identity, '{connectorId}') },
      { label: t('admin.topic.meter'), topic: topics.connectorMeter(identity, '{connectorId}') },
      { label: t('admin.topic.availability'), topic: topics.chargerAvailability(identity) },
      { label: t('admin.topic.commands'), topic: topics.chargerCommands(identity) },
    ],
  };
}
