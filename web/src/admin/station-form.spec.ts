import { describe, expect, it } from '@jest/globals';
import { createStationRequest, updateStationRequest } from '@wattsup/contracts';
import {
  coordinateText,
  createStationInput,
  EMPTY_STATION_FORM,
  EMPTY_TERMINAL_FORM,
  stationPatch,
  terminalPatch,
} from './station-form';

const form = {
  ...EMPTY_STATION_FORM,
  name: ' Parking Jaurès ',
  lon: '1,4437',
  lat: '43.6045',
  free: 'no' as const,
};

describe('station form', () => {
  it('makes a create request the contract accepts, leaving the IRVE id to the hub', () => {
    const request = createStationRequest.parse(
      createStationInput(form, [{ ...EMPTY_TERMINAL_FORM, pdcId: 'fr*wup*e1' }]),
    );
    expect(request).toMatchObject({
      name: 'Parking Jaurès',
      lon: 1.4437,
      lat: 43.6045,
      free: false,
      operator: null,
      terminals: [{ pdcId: 'FR*WUP*E1', powerKw: 22, plugs: ['TYPE_2'] }],
    });
    expect(request.irveId).toBeUndefined();
  });

  it('leaves a missing coordinate for the contract to name', () => {
    const result = createStationRequest.safeParse(
      createStationInput({ ...form, lat: '' }, [{ ...EMPTY_TERMINAL_FORM, pdcId: 'FRWUPE1' }]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['lat']);
  });

  it('sends only what changed, and both coordinates for a move', () => {
    expect(stationPatch({ ...form, pricing: '0,40 €/kWh' }, form)).toEqual({
      pricing: '0,40 €/kWh',
    });
    const move = stationPatch({ ...form, lat: '43.7' }, form);
    expect(move).toEqual({ lon: 1.4437, lat: 43.7 });
    expect(updateStationRequest.safeParse(move).success).toBe(true);
    expect(stationPatch(form, form)).toEqual({});
  });

  it('sends only what changed of a charge point', () => {
    const before = { pdcId: 'FRWUPE1', powerKw: '22', plugs: ['TYPE_2' as const] };
    expect(terminalPatch({ ...before, powerKw: '22,0' }, before)).toEqual({});
    expect(terminalPatch({ ...before, plugs: ['TYPE_2', 'OTHER'] }, before)).toEqual({
      plugs: ['TYPE_2', 'OTHER'],
    });
  });

  it.each([
    [1.443712345, '1.443712'],
    [-0.5, '-0.5'],
  ])('writes a picked coordinate %d as %s', (value, text) =>
    expect(coordinateText(value)).toBe(text),
  );
});
