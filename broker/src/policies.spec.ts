import { topics } from '@wattsup/contracts';
import { BrokerIdentity } from './identity';
import {
  ALL_CHARGER_COMMANDS,
  CONNACK,
  canSubscribe,
  missingCredentialsRefusal,
  publishRefusal,
  refuseClientId,
  willRefusal,
} from './policies';

const hub: BrokerIdentity = { username: 'hub', role: 'hub' };
const gateway: BrokerIdentity = { username: 'simulator', role: 'gateway' };
const charger: BrokerIdentity = { username: 'CP-1', role: 'device' };
const car: BrokerIdentity = { username: 'car-1', role: 'device' };
const MAX = 1024;

describe('missingCredentialsRefusal (MQTT 3.1.1 §3.2.2.3)', () => {
  it.each([
    [undefined, CONNACK.notAuthorized],
    ['CP-1', CONNACK.badUsernameOrPassword],
  ])('username %p → CONNACK %i', (username, returnCode) => {
    expect(missingCredentialsRefusal(username).returnCode).toBe(returnCode);
  });
});

describe('refuseClientId ([MQTT-3.1.4-2] session takeover)', () => {
  it.each([
    [charger, 'CP-1', null],
    [charger, 'CP-2', CONNACK.identifierRejected],
    [charger, 'mqttjs_1234', CONNACK.identifierRejected],
    [hub, 'hub-instance-7', null],
    [gateway, 'anything', null],
  ])('%o with client id %p → %p', (identity, clientId, returnCode) => {
    expect(refuseClientId(identity, clientId)?.returnCode ?? null).toBe(returnCode);
  });
});

describe('publishRefusal', () => {
  it.each([
    [charger, topics.connectorStatus('CP-1', 1), true],
    [charger, topics.connectorMeter('CP-1', 2), true],
    [charger, topics.connectorStatus('CP-2', 1), false],
    [charger, topics.chargerAvailability('CP-1'), true],
    [charger, topics.chargerAvailability('CP-2'), false],
    [car, topics.chargerAvailability('CP-1'), false],
    [gateway, topics.chargerAvailability('CP-9'), true],
    [charger, topics.chargerCommands('CP-1'), false],
    [charger, 'wattsup/v1/chargers/CP-1/anything-else', false],
    [charger, 'elsewhere/CP-1', false],
    [car, topics.vehicleTelemetry('car-1'), true],
    [car, topics.vehicleTelemetry('car-2'), false],
    [gateway, topics.connectorStatus('CP-9', 1), true],
    [gateway, topics.vehicleTelemetry('car-9'), true],
    [gateway, topics.chargerCommands('CP-9'), false],
    [hub, topics.chargerCommands('CP-9'), true],
    [hub, 'anything/at/all', true],
    // MQTT 3.1.1 §4.7.2: $ topics are the broker's own.
    [hub, '$SYS/broker/uptime', false],
    [gateway, '$SYS/x', false],
  ])('%o → %p: allowed=%p', (identity, topic, allowed) => {
    const refusal = publishRefusal(identity, { topic, payloadBytes: 10 }, MAX);
    expect(refusal === null).toBe(allowed);
  });

  it.each([hub, gateway, charger])('refuses a payload over the limit for %o', (identity) => {
    const topic = topics.connectorStatus(identity.username, 1);
    expect(publishRefusal(identity, { topic, payloadBytes: MAX }, MAX)).toBeNull();
    expect(publishRefusal(identity, { topic, payloadBytes: MAX + 1 }, MAX)).toEqual({
      kind: 'too-large',
      reason: `payload of ${MAX + 1} bytes exceeds ${MAX}`,
    });
  });
});

describe('canSubscribe (refused filters get 0x80, MQTT 3.1.1 §3.9.3)', () => {
  it.each([
    [charger, topics.chargerCommands('CP-1'), true],
    [charger, topics.chargerCommands('CP-2'), false],
    [charger, ALL_CHARGER_COMMANDS, false],
    [charger, 'wattsup/v1/chargers/CP-1/#', false],
    [charger, '#', false],
    [car, topics.chargerCommands('CP-1'), false],
    [gateway, ALL_CHARGER_COMMANDS, true],
    [gateway, topics.chargerCommands('CP-7'), true],
    [gateway, 'wattsup/v1/vehicles/+/telemetry', false],
    [hub, '#', true],
    [hub, 'wattsup/v1/chargers/+/connectors/+/status', true],
    // No shared subscriptions in aedes: refused, so the hub falls back to plain filters.
    [hub, '$share/hubs/wattsup/v1/chargers/+/connectors/+/status', false],
  ])('%o → %p: %p', (identity, filter, allowed) => {
    expect(canSubscribe(identity, filter)).toBe(allowed);
  });
});

describe('willRefusal (MQTT 3.1.1 §3.1.2.5: the broker publishes the will for the client)', () => {
  it.each([
    [charger, topics.chargerAvailability('CP-1'), null],
    [charger, topics.chargerAvailability('CP-2'), CONNACK.notAuthorized],
    [charger, topics.chargerCommands('CP-1'), CONNACK.notAuthorized],
    [gateway, topics.chargerAvailability('CP-9'), null],
  ])('%o with a will on %p → %p', (identity, topic, returnCode) => {
    expect(willRefusal(identity, { topic, payloadBytes: 10 }, MAX)?.returnCode ?? null).toBe(
      returnCode,
    );
  });

  it('refuses a will over the payload limit', () => {
    const will = { topic: topics.chargerAvailability('CP-1'), payloadBytes: MAX + 1 };
    expect(willRefusal(charger, will, MAX)?.reason).toMatch(/^will refused: payload of/);
  });
});
