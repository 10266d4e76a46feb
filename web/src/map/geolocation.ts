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

/** What to tell the driver when the position cannot be had, by the API's error code. */
export function geolocationErrorMessage(code: number | null): string {
  switch (code) {
    case null:
      return 'This browser cannot share your location: move the map to where you are.';
    case PERMISSION_DENIED:
      return 'Location is blocked for this site. Allow it in your browser’s site settings, or move the map to where you are.';
    case POSITION_UNAVAILABLE:
      return 'Your position is not available right now (no GPS or network fix). Try again, or move the map to where you are.';
    case TIMEOUT:
      return 'Finding your position took too long. Try again, or move the map to where you are.';
    default:
      return 'Your position could not be found. Move the map to where you are.';
  }
}

/** A fresh position, or a rejection whose message a driver understands. */
export function locateDriver(geolocation: Geolocation | undefined): Promise<DriverPosition> {
  return new Promise((resolve, reject) => {
    if (!geolocation) {
      reject(new Error(geolocationErrorMessage(null)));
      return;
    }
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({ lon: coords.longitude, lat: coords.latitude, accuracyM: coords.accuracy }),
      (error) => reject(new Error(geolocationErrorMessage(error.code))),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}
