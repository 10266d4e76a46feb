import { IMPLANTATIONS } from './irve-schema';
import {
  cleanBoolean,
  cleanCoordinates,
  cleanDate,
  cleanEmail,
  cleanEnum,
  cleanInseeCode,
  cleanItineranceId,
  cleanOpeningHours,
  cleanPower,
  cleanText,
  inFrance,
  repairMojibake,
} from './irve-values';

const refused = { ok: false, reason: expect.any(String) };

describe('cleanText (FIELDS.md pitfall 10)', () => {
  it.each([
    ['  24/7', { value: '24/7' }],
    ['', { value: null }],
    ['   ', { value: null }],
    ['211 Av. Jules Brame  59100 Roubaix', { value: '211 Av. Jules Brame 59100 Roubaix' }],
    ['Acce\u0300s libre', { value: 'Accès libre' }],
    ['Honor\u00c3\u00a9', { value: 'Honoré', correction: 'mojibake' }],
    ['0,40 \u00e2\u201a\u00ac / kWh', { value: '0,40 € / kWh', correction: 'mojibake' }],
    ['Ã la carte', { value: 'Ã la carte' }],
  ])('%j → %j', (raw, expected) => {
    expect(cleanText(raw)).toEqual(expected);
  });

  it('leaves real text alone', () => {
    expect(repairMojibake('Châteauroux, Crêt-de-la-Neige')).toBeNull();
  });
});

describe('cleanBoolean', () => {
  it.each([
    ['true', true, undefined],
    ['True', true, undefined],
    ['TRUE', true, undefined],
    ['1', true, undefined],
    ['false', false, undefined],
    ['False', false, undefined],
    ['FALSE', false, undefined],
    ['0', false, undefined],
    ['oui', true, 'boolean-spelling'],
    ['Non', false, 'boolean-spelling'],
    ['VRAI', true, 'boolean-spelling'],
    ['faux', false, 'boolean-spelling'],
    ['yes', true, 'boolean-spelling'],
  ])('%j → %j', (raw, value, correction) => {
    expect(cleanBoolean(raw)).toEqual(
      correction ? { ok: true, value, correction } : { ok: true, value },
    );
  });

  it.each(['peut-être', '2', 'x'])('refuses %j', (raw) => {
    expect(cleanBoolean(raw)).toEqual(refused);
  });
});

describe('cleanPower (FIELDS.md pitfall 4)', () => {
  it.each([
    ['22', 22, undefined],
    ['22.00', 22, undefined],
    ['7.4', 7.4, undefined],
    ['3.68', 3.68, undefined],
    ['350', 350, undefined],
    ['22,5', 22.5, 'decimal-comma'],
    ['22 kW', 22, 'power-unit'],
    ['7400 W', 7.4, 'power-unit'],
    ['7360', 7.36, 'power-in-watts'],
    ['3680', 3.68, 'power-in-watts'],
    ['22000', 22, 'power-in-watts'],
    ['150000', 150, 'power-in-watts'],
  ])('%j → %d kW', (raw, value, correction) => {
    expect(cleanPower(raw)).toEqual(
      correction ? { ok: true, value, correction } : { ok: true, value },
    );
  });

  it.each([
    ['0', /above 0 kW/],
    ['0.0', /above 0 kW/],
    ['-5', /number of kW/],
    ['720', /neither a plausible power in kW nor one in W/],
    ['900000', /neither/],
    ['1000', /neither/],
    ['abc', /number of kW/],
  ])('refuses %j without guessing', (raw, reason) => {
    const result = cleanPower(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('cleanCoordinates (FIELDS.md pitfall 3)', () => {
  it.each([
    ['[7.48710500,48.345345]', { lon: 7.487105, lat: 48.345345 }, undefined],
    ['[6.12983, 45.902285]', { lon: 6.12983, lat: 45.902285 }, undefined],
    ['[8.73889 , 41.929317]', { lon: 8.73889, lat: 41.929317 }, undefined],
    ['[55.618326 , -20.914099]', { lon: 55.618326, lat: -20.914099 }, undefined],
    ['[-61.518049,16.269584]', { lon: -61.518049, lat: 16.269584 }, undefined],
    ['[48.8566, 2.3522]', { lon: 2.3522, lat: 48.8566 }, 'swapped-coordinates'],
    ['[-20.914099, 55.618326]', { lon: 55.618326, lat: -20.914099 }, 'swapped-coordinates'],
    ['2.3522, 48.8566', { lon: 2.3522, lat: 48.8566 }, 'coordinates-format'],
  ])('%j → %j', (raw, value, correction) => {
    expect(cleanCoordinates(raw)).toEqual(
      correction ? { ok: true, value, correction } : { ok: true, value },
    );
  });

  it.each([
    ['[0, 0]', /\(0, 0\)/],
    ['[4.649609, 3.84190]', /outside France/],
    ['[-74.006, 40.7128]', /outside France/],
    ['["2.35", "48.85"]', /decimal degrees/],
    ['[2.35]', /decimal degrees/],
    ['[2,35, 48,85]', /decimal degrees/],
    ['Paris', /decimal degrees/],
  ])('refuses %j', (raw, reason) => {
    const result = cleanCoordinates(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('knows France with Corsica and the overseas departments', () => {
    expect(inFrance(9.45, 42.7)).toBe(true); // Bastia
    expect(inFrance(45.23, -12.78)).toBe(true); // Mayotte
    expect(inFrance(-52.33, 4.93)).toBe(true); // Cayenne
    expect(inFrance(-0.12, 51.5)).toBe(false); // London
  });
});

describe('cleanDate (FIELDS.md pitfall 9)', () => {
  const latest = '2026-11-23';
  it.each([
    ['2024-05-17', '2024-05-17', undefined],
    ['17/05/2024', '2024-05-17', 'date-format'],
    ['7/5/2024', '2024-05-07', 'date-format'],
    ['2024-05-30T10:20:40.802000+00:00', '2024-05-30', 'date-format'],
  ])('%j → %j', (raw, value, correction) => {
    expect(cleanDate(raw, latest)).toEqual(
      correction ? { ok: true, value, correction } : { ok: true, value },
    );
  });

  it.each([
    ['0000-00-00', /zero date/],
    ['2024-00-10', /zero date/],
    ['2023-02-30', /calendar/],
    ['1970-01-01', /before 1990/],
    ['2030-01-01', /future/],
    ['05/17/2024', /calendar/],
    ['hier', /YYYY-MM-DD/],
  ])('refuses %j', (raw, reason) => {
    const result = cleanDate(raw, latest);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('cleanItineranceId (FIELDS.md pitfalls 2 and 7)', () => {
  it.each([
    ['FRA68E680210015', 'FRA68E680210015', undefined],
    ['ESZUNE1111ER7', 'ESZUNE1111ER7', undefined],
    ['FRP07E75102047', 'FRP07E75102047', undefined],
    ['FR*A68*E680210015', 'FRA68E680210015', 'id-format'],
    ['fra68e680210015', 'FRA68E680210015', 'id-format'],
    ['Non concerné', 'Non concerné', undefined],
    ['non concerne', 'Non concerné', 'id-format'],
    ['NON CONCERNÉ', 'Non concerné', 'id-format'],
  ])('%j → %j', (raw, value, correction) => {
    expect(cleanItineranceId(raw)).toEqual(
      correction ? { ok: true, value, correction } : { ok: true, value },
    );
  });

  it.each([
    ['FR-A68-E1', /2 letters/],
    ['F1A68E1', /2 letters/],
    ['FRA6', /2 letters/],
    ['FRA68E1,FRA68E2', /several ids/],
  ])('refuses %j', (raw, reason) => {
    const result = cleanItineranceId(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('small formats', () => {
  it('matches enums after case, accent and spacing differences', () => {
    expect(cleanEnum('Voirie', IMPLANTATIONS)).toEqual({ ok: true, value: 'Voirie' });
    expect(cleanEnum('PARKING PRIVE A USAGE PUBLIC', IMPLANTATIONS)).toEqual({
      ok: true,
      value: 'Parking privé à usage public',
      correction: 'enum-spelling',
    });
    expect(cleanEnum('Parking souterrain', IMPLANTATIONS)).toEqual(refused);
  });

  it.each([
    ['24/7', true],
    ['Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00,Th 08:00-18:00', true],
    ['Mo-Su 08:00-08:00', true],
    ['tous les jours', false],
  ])('opening hours %j valid: %s', (raw, valid) => {
    expect(cleanOpeningHours(raw).ok).toBe(valid);
  });

  it.each([
    ['75056', true],
    ['2A004', true],
    ['75001', true],
    ['97411', true],
    ['20000', false],
    ['7505', false],
  ])('INSEE code %j valid: %s', (raw, valid) => {
    expect(cleanInseeCode(raw).ok).toBe(valid);
  });

  it('lower-cases e-mail addresses and refuses anything else', () => {
    expect(cleanEmail('Contact@Societe-Operateur.com')).toEqual({
      ok: true,
      value: 'contact@societe-operateur.com',
    });
    expect(cleanEmail('societe-operateur.com')).toEqual(refused);
  });
});
