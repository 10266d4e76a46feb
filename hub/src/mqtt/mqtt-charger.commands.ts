import { Injectable } from '@nestjs/common';
import { chargerCommandMessage, topics, type ChargerCommandMessage } from '@wattsup/contracts';
import { ServiceUnavailableError, UpstreamTimeoutError } from '../common/domain-errors';
import { MqttConnection } from './mqtt.connection';

/** How long a command waits for the broker's PUBACK (the broker, not the charger, answers it). */
const PUBLISH_TIMEOUT_MS = 10_000;

/**
 * Hub → MQTT charger commands on `wattsup/v1/chargers/{chargerId}/commands`, QoS 1. `chargerId`
 * is the topic's charger id: the charger's identity, which is also its MQTT username.
 */
@Injectable()
export class MqttChargerCommands {
  constructor(private readonly connection: MqttConnection) {}

  async publish(chargerId: string, message: ChargerCommandMessage): Promise<void> {
    if (this.connection.state === 'disabled') {
      throw new ServiceUnavailableError('MQTT is not configured on this hub (MQTT_URL).');
    }
    const payload = JSON.stringify(chargerCommandMessage.parse(message));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UpstreamTimeoutError('The MQTT broker did not take the command in time.')),
        PUBLISH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([
        this.connection.publish(topics.chargerCommands(chargerId), payload, 1),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
