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

/**
 * `availabilityColor` as a MapLibre expression over the `available` and `total` properties of
 * a station feature, or of a cluster, which sums them.
 */
export const availabilityColorExpression: ExpressionSpecification = [
  'case',
  ['<=', ['coalesce', ['get', 'total'], 0], 0],
  AVAILABILITY_COLORS.unknown,
  ['>', ['coalesce', ['get', 'available'], 0], 0],
  AVAILABILITY_COLORS.available,
  AVAILABILITY_COLORS.unavailable,
];
