import { PLUG_LABELS, type PlugType, type TerminalGroup } from '@wattsup/contracts';

export interface TerminalForGrouping {
  powerKw: number;
  plugs: readonly PlugType[];
  status: string;
}

/**
 * Groups terminals the way operators display them: one line per power and plug, with how many are
 * available now, e.g. `22 kW · Type 2 · 3/8`. A terminal with two plugs counts in both lines.
 */
export function groupTerminals(terminals: readonly TerminalForGrouping[]): TerminalGroup[] {
  const groups = new Map<string, TerminalGroup & { plugType: PlugType }>();
  for (const terminal of terminals) {
    const plugs: readonly PlugType[] = terminal.plugs.length > 0 ? terminal.plugs : ['OTHER'];
    for (const plug of plugs) {
      const key = `${terminal.powerKw}|${plug}`;
      const group = groups.get(key) ?? {
        powerKw: terminal.powerKw,
        plug: PLUG_LABELS[plug],
        plugType: plug,
        available: 0,
        total: 0,
        label: '',
      };
      group.total += 1;
      if (terminal.status === 'AVAILABLE') group.available += 1;
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.powerKw - a.powerKw || a.plug.localeCompare(b.plug))
    .map(({ plugType: _plugType, ...group }) => ({
      ...group,
      label: `${formatPower(group.powerKw)} kW · ${group.plug} · ${group.available}/${group.total}`,
    }));
}

/** `22`, `7.4`, `3.7`: no trailing zeros. */
export function formatPower(powerKw: number): string {
  return String(Math.round(powerKw * 10) / 10);
}
