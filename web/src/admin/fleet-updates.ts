import type { ChargerView, ImportProgress, ImportView, LiveEventMap } from '@wattsup/contracts';

export type ChargerConnection = LiveEventMap['charger.connection'];

/**
 * `chargers` with one `charger.connection` event applied; `at` is when it happened, which is
 * when the hub last heard from the charger. Null when the list does not know the charger (one
 * registered since it was read): the caller reads it again.
 */
export function applyChargerConnection(
  chargers: readonly ChargerView[],
  connection: ChargerConnection,
  at: string,
): ChargerView[] | null {
  if (!chargers.some((charger) => charger.id === connection.chargerId)) return null;
  return chargers.map((charger) =>
    charger.id === connection.chargerId
      ? { ...charger, online: connection.online, lastSeenAt: at }
      : charger,
  );
}

/**
 * `imports` with one `import.progress` applied. Null when the list should be read again: the
 * import is not listed yet, or it has just ended (its final counts, end time or error are not
 * in the event).
 */
export function applyImportProgress(
  imports: readonly ImportView[],
  progress: ImportProgress,
): ImportView[] | null {
  const ended = progress.status === 'COMPLETED' || progress.status === 'FAILED';
  if (ended || !imports.some((known) => known.importId === progress.importId)) return null;
  return imports.map((known) =>
    known.importId === progress.importId ? { ...known, ...progress } : known,
  );
}

/** How far an import has gone, for a progress bar and its text: `42 %`. */
export const formatFraction = (fraction: number): string =>
  `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)} %`;
