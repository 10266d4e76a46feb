import { parseTopic, topics } from './topics';

describe('MQTT topics', () => {
  it.each([
    [
      topics.connectorStatus('CP-1', 2),
      { kind: 'connectorStatus', chargerId: 'CP-1', connectorId: 2 },
    ],
    [
      topics.connectorMeter('CP-1', 0),
      { kind: 'connectorMeter', chargerId: 'CP-1', connectorId: 0 },
    ],
    [topics.chargerAvailability('CP-1'), { kind: 'chargerAvailability', chargerId: 'CP-1' }],
    [topics.chargerCommands('CP-1'), { kind: 'chargerCommands', chargerId: 'CP-1' }],
    [topics.vehicleTelemetry('car.7'), { kind: 'vehicleTelemetry', vehicleId: 'car.7' }],
  ])('parses %s', (topic, expected) => {
    expect(parseTopic(topic)).toEqual(expected);
  });

  it.each([
    'wattsup/v1/chargers/CP-1/connectors/x/status',
    'wattsup/v1/chargers/CP-1/connectors/1/other',
    'wattsup/v2/vehicles/a/telemetry',
    'wattsup/v1/vehicles/a/b/telemetry',
    'wattsup/v1/chargers/+/commands',
    'wattsup/v1/chargers/CP-1/connectors/1/availability',
    '',
  ])('rejects %j', (topic) => {
    expect(parseTopic(topic)).toBeNull();
  });
});
