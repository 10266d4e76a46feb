const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A duration as a clock reads it: `4:07`, `29:59`, `1:02:03`. Negative durations read `0:00`;
 * seconds are rounded down, so a countdown shows `0:00` only once the time is up.
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** A duration in words for screen readers and sentences: `29 min`, `1 h 05 min`, `less than 1 min`. */
export function formatDurationWords(ms: number): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMinutes === 0) return 'less than 1 min';
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0 ? `${hours} h ${pad(minutes)} min` : `${minutes} min`;
}

/** A hold's length as the reserve dialog states it: `30 minutes`, `1 minute`, `45 seconds`. */
export function formatHoldLength(holdSeconds: number): string {
  if (holdSeconds < 60) return `${holdSeconds} ${holdSeconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.round(holdSeconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** `14:32` in the viewer's time zone. */
export const formatClockTime = (iso: string): string => clockFormat.format(new Date(iso));

/** `22 Nov, 14:32` in the viewer's time zone. */
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const euroFormat = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });

export const formatEnergyKwh = (kwh: number): string => `${oneDecimal.format(kwh)} kWh`;

export const formatEuros = (euros: number): string => euroFormat.format(euros);

/** `350 m`, `1.9 km`. */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} m` : `${oneDecimal.format(meters / 1000)} km`;
}
