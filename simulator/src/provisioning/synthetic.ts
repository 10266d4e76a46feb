import type { Random } from '@wattsup/contracts';
import type { MqttChargerSpec } from '../mqtt/mqtt-chargers';

/**
 * Chargers unknown to any hub, SIM-00001…, one or two 22 kW connectors each: enough to load a
 * broker without an admin account.
 */
export function syntheticChargers(random: Random, count: number): MqttChargerSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    identity: `SIM-${String(index + 1).padStart(5, '0')}`,
    connectors: Array.from({ length: random.int(1, 2) }, (__, connector) => ({
      connectorId: connector + 1,
      maxPowerKw: 22,
    })),
  }));
}
