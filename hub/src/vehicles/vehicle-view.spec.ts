import { toVehicleTrack } from './vehicle-view';

const from = new Date('2026-11-22T10:00:00Z');
const to = new Date('2026-11-22T11:00:00Z');

describe('toVehicleTrack', () => {
  it('is a GeoJSON LineString of [lon, lat] with the time of each position', () => {
    const track = toVehicleTrack(
      'v1',
      from,
      to,
      [
        { ts: new Date('2026-11-22T10:01:00Z'), lon: 1.4, lat: 43.6 },
        { ts: new Date('2026-11-22T10:02:00Z'), lon: 1.5, lat: 43.7 },
      ],
      false,
    );
    expect(track).toEqual({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [1.4, 43.6],
          [1.5, 43.7],
        ],
      },
      properties: {
        vehicleId: 'v1',
        from: from.toISOString(),
        to: to.toISOString(),
        times: ['2026-11-22T10:01:00.000Z', '2026-11-22T10:02:00.000Z'],
        truncated: false,
      },
    });
  });

  it('has no geometry under two positions', () => {
    const one = [{ ts: from, lon: 1, lat: 2 }];
    expect(toVehicleTrack('v1', from, to, one, false).geometry).toBeNull();
    expect(toVehicleTrack('v1', from, to, [], false).geometry).toBeNull();
  });
});
