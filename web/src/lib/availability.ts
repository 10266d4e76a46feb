import type { AvailabilitySummary } from '@wattsup/contracts';
import type { ExpressionSpecification } from 'maplibre-gl';

export type Availability = 'available' | 'unavailable' | 'unknown';

export function availabilityOf({ available, total }: AvailabilitySummary): Availability {
  if (total <= 0) return 'unknown';
  return available > 0 ? 'available' : 'unavailable';
}

export const AVAILABILITY_COLORS: Record<Availability, string> = {
  available: '#2b8a3e',
  unavailable: '#e8590c',
  unknown: '#868e96',
};

export const AVAILABILITY_LABELS: Record<Availability, string> = {
  available: 'Charge points free',
  unavailable: 'None free right now',
  unknown: 'Status unknown',
};

export function availabilityColor(summary: AvailabilitySummary): string {
  return AVAILABILITY_COLORS[availabilityOf(summary)];
}

export interface AvailabilityFields {
  /** Feature property holding the number of free terminals. */
  available: string;
  /** Feature property holding the number of terminals. */
  total: string;
  /** Prefer the feature state of the same names (live updates) over the tile's property. */
  featureState?: boolean;
}

/**
 * `availabilityColor` as a MapLibre expression over a feature's counts: a station's `available`
 * and `total`, or a cluster's `available` and `terminals`. With `featureState`, the counts set
 * by `map.setFeatureState` win, so live updates recolour the map without reloading its tiles.
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
    AVAILABILITY_COLORS.unavailable,
  ];
}
