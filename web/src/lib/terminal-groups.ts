import { PLUG_LABELS, type PlugType, type TerminalGroup } from '@wattsup/contracts';
import { english, formatOneDecimal, type Language, type Translate } from './i18n';

/** `7.4 kW`, `22 kW`; `7,4 kW` in French. */
export function formatPowerKw(powerKw: number, language: Language = 'en'): string {
  return `${formatOneDecimal(powerKw, language)} kW`;
}

const isPlugType = (plug: string): plug is PlugType => Object.hasOwn(PLUG_LABELS, plug);

/**
 * Readable name of a plug code in the driver's language (`TYPE_2` → `Type 2`, `CCS_COMBO` →
 * `Combo CCS` in French); unknown codes are shown as they come.
 */
export function plugLabel(plug: string, t: Translate = english): string {
  return isPlugType(plug) ? t(`plug.${plug}`) : plug;
}

/** `22 kW · Type 2 · 3/8`: power, plug, then free over total (`t` and `language` say it). */
export function formatGroupLabel(
  group: Pick<TerminalGroup, 'powerKw' | 'plug' | 'available' | 'total'>,
  t: Translate = english,
  language: Language = 'en',
): string {
  return [
    formatPowerKw(group.powerKw, language),
    plugLabel(group.plug, t),
    `${group.available}/${group.total}`,
  ].join(' · ');
}
