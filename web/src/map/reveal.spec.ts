import { describe, expect, it } from '@jest/globals';
import { revealMove, type RevealSituation } from './reveal';

// A phone's map, 390 × 780, its lower 470 px under the station's bottom sheet.
const PHONE: Omit<RevealSituation, 'point'> = {
  width: 390,
  height: 780,
  coveredBottom: 470,
  zoom: 14,
  minZoom: 13,
};

describe('revealMove', () => {
  it('leaves a position in sight above the sheet where it is', () => {
    expect(revealMove({ ...PHONE, point: { x: 195, y: 150 } })).toBeNull();
  });

  it('moves a position hidden by the sheet to the middle of the part above it', () => {
    expect(revealMove({ ...PHONE, point: { x: 195, y: 390 } })).toEqual({
      zoom: 14,
      offset: [0, -235],
    });
    // Just above the sheet's edge is not in sight either: its marker would be under it.
    expect(revealMove({ ...PHONE, point: { x: 195, y: 300 } })).not.toBeNull();
  });

  it('moves a position off the map, or one too far out to be told apart', () => {
    expect(revealMove({ ...PHONE, point: { x: -40, y: 150 } })).not.toBeNull();
    expect(revealMove({ ...PHONE, point: { x: 195, y: 150 }, zoom: 5 })).toEqual({
      zoom: 13,
      offset: [0, -235],
    });
  });

  it('centres on a wide screen, where no sheet covers the map', () => {
    const desktop = { width: 1280, height: 744, coveredBottom: 0, zoom: 5, minZoom: 13 };
    expect(revealMove({ ...desktop, point: { x: 640, y: 372 } })).toEqual({
      zoom: 13,
      offset: [0, 0],
    });
    expect(revealMove({ ...desktop, zoom: 14, point: { x: 640, y: 700 } })).toBeNull();
  });
});
