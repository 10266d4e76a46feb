import { english, type Translate } from '../lib/i18n';

/** Where the driver is, from the browser's Geolocation API. */
export interface DriverPosition {
  lon: number;
  lat: number;
  /** Radius of 95 % confidence, in metres. */
  accuracyM: number;
}

/** GeolocationPositionError codes (W3C Geolocation API §6.2). */
const PERMISSION_DENIED = 1;
const POSITION_UNAVAILABLE = 2;
const TIMEOUT = 3;

/**
 * What to tell the driver when the position cannot be had, by the API's error code, in the
 * language of `t`.
 */
export function geolocationErrorMessage(code: number | null, t: Translate = english): string {
  switch (code) {
    case null:
      return t('locate.unsupported');
    case PERMISSION_DENIED:
      return t('locate.denied');
    case POSITION_UNAVAILABLE:
      return t('locate.unavailable');
    case TIMEOUT:
      return t('locate.timeout');
    default:
      return t('locate.failed');
  }
}

/** A fresh position, or a rejection whose message a driver understands (in the language of `t`). */
export function locateDriver(
  geolocation: Geolocation | undefined,
  t: Translate = english,
): Promise<DriverPosition> {
  return new Promise((resolve, reject) => {
    if (!geolocation) {
      reject(new Error(geolocationErrorMessage(null, t)));
      return;
    }
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({ lon: coords.longitude, lat: coords.latitude, accuracyM: coords.accuracy }),
      (error) => reject(new Error(geolocationErrorMessage(error.code, t))),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}
