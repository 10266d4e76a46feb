import { describe, expect, it } from '@jest/globals';
import { translator } from '../lib/i18n';
import { geolocationErrorMessage, locateDriver } from './geolocation';

const geolocation = (answer: (ok: PositionCallback, fail: PositionErrorCallback) => void) =>
  ({ getCurrentPosition: answer }) as unknown as Geolocation;

describe('locateDriver', () => {
  it('gives the position as lon, lat and accuracy', async () => {
    const found = geolocation((ok) =>
      ok({ coords: { longitude: 1.44, latitude: 43.6, accuracy: 12 } } as GeolocationPosition),
    );
    await expect(locateDriver(found)).resolves.toEqual({ lon: 1.44, lat: 43.6, accuracyM: 12 });
  });

  it('says plainly why there is no position', async () => {
    const denied = geolocation((_, fail) => fail({ code: 1 } as GeolocationPositionError));
    await expect(locateDriver(denied)).rejects.toThrow('Location is blocked for this site');
    await expect(locateDriver(undefined)).rejects.toThrow(
      'This browser cannot share your location',
    );
    expect(geolocationErrorMessage(2)).toContain('not available right now');
    expect(geolocationErrorMessage(3)).toContain('took too long');
  });

  it('says it in French to a French driver', async () => {
    const french = translator('fr');
    const denied = geolocation((_, fail) => fail({ code: 1 } as GeolocationPositionError));
    await expect(locateDriver(denied, french)).rejects.toThrow(
      'La localisation est bloquée pour ce site',
    );
    await expect(locateDriver(undefined, french)).rejects.toThrow(
      'Ce navigateur ne peut pas partager votre position',
    );
    expect(geolocationErrorMessage(2, french)).toContain('pas disponible pour le moment');
    expect(geolocationErrorMessage(3, french)).toContain('trop de temps');
    expect(geolocationErrorMessage(99, french)).toContain('n’a pas pu être trouvée');
  });
});
