import type { AvailabilitySummary, StationStatusSummary } from '@wattsup/contracts';
import type { ExpressionSpecification } from 'maplibre-gl';

export type Availability = 'available' | 'unavailable' | 'unknown';

/**
 * Free when a terminal is free; otherwise unknown when one says nothing (`StationStatusSummary.doubtful`: it
 * could be free), and unavailable only when every terminal is known to be taken or broken.
 */
export function availabilityOf({
  available,
  total,
  doubtful = 0,
}: AvailabilitySummary & Partial<StationStatusSummary>): Availability {
  if (total <= 0) return 'unknown';
  if (available > 0) return 'available';
  return doubtful > 0 ? 'unknown' : 'unavailable';
}

export const AVAILABILITY_COLORS: Record<Availability, string> = {
  available: '#2b8a3e',
  unavailable: '#e8590c',
  unknown: '#868e96',
};

export function availabilityColor(summary: AvailabilitySummary): string {
  return AVAILABILITY_COLORS[availabilityOf(summary)];
}

export interface AvailabilityFields {
  /** Feature property holding the number of free terminals. */
  available: string;
  /** Feature property holding the number of terminals. */
  total: string;
  /** Feature property holding the number of terminals of doubtful status. */
  doubtful: string;
  /** Prefer the feature state of the same names (live updates) over the tile's property. */
  featureState?: boolean;
}

/**
 * `availabilityColor` as a MapLibre expression over a feature's counts: a station's `available`,
 * `total` and `doubtful`, or a cluster's `available`, `terminals` and `doubtful`. With
 * `featureState`, the counts set by `map.setFeatureState` win, so live updates recolour the map
 * without reloading its tiles.
 */
export function availabilityColorExpression(fields: AvailabilityFields): ExpressionSpecification {
  const count = (field: string): ExpressionSpecification =>
    fields.featureState
      ? ['coalesce', ['feature-state', field], ['get', field], 0]
      : ['coalesce', ['get', field], 0];
  return [
    'case',
    ['<=', count(fields.total), 0],
    AVAILABILITY_COLORS.unknown,
    ['>', count(fields.available), 0],
    AVAILABILITY_COLORS.available,
    ['>', count(fields.doubtful), 0],
    AVAILABILITY_COLORS.unknown,
    AVAILABILITY_COLORS.unavailable,
  ];
}
