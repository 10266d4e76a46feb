import { TOPIC_ROOT } from '@wattsup/contracts';
import type { MqttClient } from 'mqtt';

/** MQTT 5 §4.8.2 shared subscription filter; Mosquitto honours it for 3.1.1 clients too. */
export function sharedFilter(group: string, filter: string): string {
  return `$share/${group}/${filter}`;
}

/** A topic only this client listens to, to prove the broker delivers to its shared filters. */
export function probeTopic(clientId: string): string {
  return `${TOPIC_ROOT}/hub/probe/${clientId}`;
}

const PROBE_TIMEOUT_MS = 2000;

/** A SUBACK with 0x80 for any filter (MQTT 3.1.1 §3.9.3): mqtt.js rejects with the packet. */
function refusedFilters(error: unknown): boolean {
  const granted = (error as { packet?: { granted?: number[] } }).packet?.granted;
  return Array.isArray(granted) && granted.some((qos) => qos >= 128);
}

export interface SubscribeOutcome {
  shared: boolean;
  /** Why shared subscriptions were not used, when a group was asked for. */
  fallbackReason?: string;
}

/**
 * Subscribes to the device topics, shared within `group` when the broker really shares them, else
 * plainly. Some brokers refuse `$share/…` (SUBACK 0x80); others (aedes) accept it as a literal
 * filter that never matches: a probe message published to a shared filter of this client's own
 * tells them apart, so a broker without shared subscriptions costs duplicates, never silence.
 * `waitForProbe` resolves true when the probe topic's message arrives within the time given.
 */
export async function subscribeDeviceTopics(
  client: MqttClient,
  filters: readonly string[],
  options: { group: string; qos: 0 | 1 },
  waitForProbe: (timeoutMs: number) => Promise<boolean>,
): Promise<SubscribeOutcome> {
  const { group, qos } = options;
  let fallbackReason: string | undefined;
  if (group) {
    const probe = probeTopic(String(client.options.clientId));
    const shared = [...filters, probe].map((filter) => sharedFilter(group, filter));
    try {
      await client.subscribeAsync(shared, { qos });
      const arrived = waitForProbe(PROBE_TIMEOUT_MS);
      await client.publishAsync(probe, 'probe', { qos: 1 });
      if (await arrived) {
        await client.unsubscribeAsync(sharedFilter(group, probe));
        return { shared: true };
      }
      fallbackReason = 'the broker accepts $share filters but delivers nothing to them';
    } catch (error) {
      if (!refusedFilters(error)) throw error;
      fallbackReason = 'the broker refuses $share filters';
    }
    await client.unsubscribeAsync(shared);
  }
  await client.subscribeAsync([...filters], { qos });
  return { shared: false, fallbackReason };
}
