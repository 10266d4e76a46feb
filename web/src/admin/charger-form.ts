import type { ChargerProtocol } from '@wattsup/contracts';

export const CHARGER_PROTOCOL_LABELS: Record<ChargerProtocol, string> = {
  'ocpp1.6': 'OCPP 1.6J',
  'ocpp2.0.1': 'OCPP 2.0.1',
  mqtt: 'MQTT',
};

/** What the charger form holds, as typed. */
export interface ChargerForm {
  identity: string;
  protocol: ChargerProtocol;
  /** A station id, or a station's address in this app (`…#/stations/{id}`). */
  station: string;
  password: string;
}

export const EMPTY_CHARGER_FORM: ChargerForm = {
  identity: '',
  protocol: 'ocpp1.6',
  station: '',
  password: '',
};

const STATION_ADDRESS = /#\/stations\/([^/?#\s]+)\s*$/;

/**
 * The station a form names: an id as typed, or the one in a station's address copied from the
 * map. Undefined when the field is empty. Whether it is a real id is the schema's business.
 */
export function stationIdFromInput(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  return STATION_ADDRESS.exec(text)?.[1] ?? text;
}

/** The form as `POST /api/v1/admin/chargers` takes it, before `createChargerRequest` checks it. */
export function chargerRequestInput(form: ChargerForm): Record<string, unknown> {
  return {
    identity: form.identity.trim(),
    protocol: form.protocol,
    stationId: stationIdFromInput(form.station),
    // A password is never trimmed: spaces may be part of it. Empty: the hub generates one.
    password: form.password === '' ? undefined : form.password,
  };
}
