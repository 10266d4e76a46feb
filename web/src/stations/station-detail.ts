import type { StationView } from '@wattsup/contracts';

/** The station opened in the side panel, as its details arrive from the hub. */
export type StationDetail =
  | { status: 'loading' }
  | { status: 'loaded'; station: StationView }
  | { status: 'failed'; message: string };
