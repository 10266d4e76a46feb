import { PLUG_LABELS, type PlugType, type TerminalGroup } from '@wattsup/contracts';

const powerFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function formatPowerKw(powerKw: number): string {
  return `${powerFormat.format(powerKw)} kW`;
}

const isPlugType = (plug: string): plug is PlugType => Object.hasOwn(PLUG_LABELS, plug);

/** Readable name of a plug code (`TYPE_2` → `Type 2`); unknown codes are shown as they come. */
export function plugLabel(plug: string): string {
  return isPlugType(plug) ? PLUG_LABELS[plug] : plug;
}

/** `22 kW · Type 2 · 3/8`: power, plug, then free over total. */
export function formatGroupLabel(
  group: Pick<TerminalGroup, 'powerKw' | 'plug' | 'available' | 'total'>,
): string {
  return [
    formatPowerKw(group.powerKw),
    plugLabel(group.plug),
    `${group.available}/${group.total}`,
  ].join(' · ');
}
