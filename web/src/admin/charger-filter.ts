import type { ChargerView } from '@wattsup/contracts';

export interface ChargerFilter {
  /** Part of the identity, station, vendor, model or firmware; any case. */
  text: string;
  connection: 'all' | 'online' | 'offline';
}

export const ALL_CHARGERS: ChargerFilter = { text: '', connection: 'all' };

/** The chargers the console lists for `filter`, in their order. */
export function filterChargers(
  chargers: readonly ChargerView[],
  filter: ChargerFilter,
): ChargerView[] {
  const needle = filter.text.trim().toLowerCase();
  return chargers.filter((charger) => {
    if (filter.connection !== 'all' && charger.online !== (filter.connection === 'online'))
      return false;
    if (needle === '') return true;
    return [
      charger.identity,
      charger.station?.name,
      charger.vendor,
      charger.model,
      charger.firmwareVersion,
    ].some((field) => field?.toLowerCase().includes(needle));
  });
}
