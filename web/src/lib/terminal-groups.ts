import { PLUG_LABELS, type PlugType, type TerminalGroup } from '@wattsup/contracts';
import { english, type Translate } from './i18n';

const powerFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function formatPowerKw(powerKw: number): string {
  return `${powerFormat.format(powerKw)} kW`;
}

const isPlugType = (plug: string): plug is PlugType => Object.hasOwn(PLUG_LABELS, plug);

/**
 * Readable name of a plug code in the driver's language (`TYPE_2` → `Type 2`, `CCS_COMBO` →
 * `Combo CCS` in French); unknown codes are shown as they come.
 */
export function plugLabel(plug: string, t: Translate = english): string {
  return isPlugType(plug) ? t(`plug.${plug}`) : plug;
}

/** `22 kW · Type 2 · 3/8`: power, plug, then free over total. */
export function formatGroupLabel(
  group: Pick<TerminalGroup, 'powerKw' | 'plug' | 'available' | 'total'>,
  t: Translate = english,
): string {
  return [
    formatPowerKw(group.powerKw),
    plugLabel(group.plug, t),
    `${group.available}/${group.total}`,
  ].join(' · ');
}
