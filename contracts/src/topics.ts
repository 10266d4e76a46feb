/** MQTT topic names of the interface contract (BRIEF.md). */
export const TOPIC_ROOT = 'wattsup/v1';

export const topics = {
  connectorStatus: (chargerId: string, connectorId: number | string) =>
    `${TOPIC_ROOT}/chargers/${chargerId}/connectors/${connectorId}/status`,
  connectorMeter: (chargerId: string, connectorId: number | string) =>
    `${TOPIC_ROOT}/chargers/${chargerId}/connectors/${connectorId}/meter`,
  chargerAvailability: (chargerId: string) => `${TOPIC_ROOT}/chargers/${chargerId}/availability`,
  chargerCommands: (chargerId: string) => `${TOPIC_ROOT}/chargers/${chargerId}/commands`,
  vehicleTelemetry: (vehicleId: string) => `${TOPIC_ROOT}/vehicles/${vehicleId}/telemetry`,
} as const;

/** Subscriptions the hub holds (MQTT wildcards). */
export const HUB_SUBSCRIPTIONS = [
  `${TOPIC_ROOT}/chargers/+/connectors/+/status`,
  `${TOPIC_ROOT}/chargers/+/connectors/+/meter`,
  `${TOPIC_ROOT}/chargers/+/availability`,
  `${TOPIC_ROOT}/vehicles/+/telemetry`,
] as const;

export type ParsedTopic =
  | { kind: 'connectorStatus'; chargerId: string; connectorId: number }
  | { kind: 'connectorMeter'; chargerId: string; connectorId: number }
  | { kind: 'chargerAvailability'; chargerId: string }
  | { kind: 'chargerCommands'; chargerId: string }
  | { kind: 'vehicleTelemetry'; vehicleId: string };

const SEGMENT = '[A-Za-z0-9._:-]{1,64}';
const CONNECTOR = new RegExp(
  `^${TOPIC_ROOT}/chargers/(${SEGMENT})/connectors/(\\d{1,4})/(status|meter)$`,
);
const CHARGER = new RegExp(`^${TOPIC_ROOT}/chargers/(${SEGMENT})/(availability|commands)$`);
const TELEMETRY = new RegExp(`^${TOPIC_ROOT}/vehicles/(${SEGMENT})/telemetry$`);

/** Parses a topic of the contract; returns null for anything else. */
export function parseTopic(topic: string): ParsedTopic | null {
  const connector = CONNECTOR.exec(topic);
  if (connector) {
    const [, chargerId, connectorId, leaf] = connector;
    return {
      kind: leaf === 'status' ? 'connectorStatus' : 'connectorMeter',
      chargerId,
      connectorId: Number(connectorId),
    };
  }
  const charger = CHARGER.exec(topic);
  if (charger) {
    const [, chargerId, leaf] = charger;
    return { kind: leaf === 'availability' ? 'chargerAvailability' : 'chargerCommands', chargerId };
  }
  const telemetry = TELEMETRY.exec(topic);
  if (telemetry) return { kind: 'vehicleTelemetry', vehicleId: telemetry[1] };
  return null;
}
