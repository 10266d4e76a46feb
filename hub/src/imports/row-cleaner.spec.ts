import { mapHeader, type HeaderMap } from './header-mapper';
import { IRVE_FIELDS, type IrveField } from './irve-schema';
import { RowCleaner, type RowOutcome } from './row-cleaner';

/** The official example's first row (exemple-valide-statique.csv), as a field map. */
const EXAMPLE: Record<IrveField, string> = {
  nom_amenageur: 'Société X',
  siren_amenageur: '130025265',
  contact_amenageur: 'contact@societe-amenageur.com',
  nom_operateur: 'Société Y',
  contact_operateur: 'contact@societe-operateur.com',
  telephone_operateur: '111111111',
  nom_enseigne: 'Réseau de recharge ABC',
  id_station_itinerance: 'FRA68P68021001',
  id_station_local: '',
  nom_station: 'Picpus',
  implantation_station: 'Voirie',
  adresse_station: '1 avenue de la Paix 75001 Paris',
  code_insee_commune: '75001',
  coordonneesXY: '[7.48710500,48.345345]',
  nbre_pdc: '10',
  id_pdc_itinerance: 'FRA68E680210015',
  id_pdc_local: '',
  puissance_nominale: '22',
  prise_type_ef: 'true',
  prise_type_2: 'true',
  prise_type_combo_ccs: 'false',
  prise_type_chademo: 'false',
  prise_type_autre: 'false',
  gratuit: 'false',
  paiement_acte: 'true',
  paiement_cb: 'true',
  paiement_autre: 'true',
  tarification: '0.40€ / kwh',
  condition_acces: 'Accès libre',
  reservation: 'true',
  horaires: 'Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00,Th 08:00-18:00',
  accessibilite_pmr: 'Accessible mais non réservé PMR',
  restriction_gabarit: 'Hauteur maximale 2m',
  station_deux_roues: 'false',
  raccordement: 'Direct',
  num_pdl: '12345678912345',
  date_mise_en_service: '2020-01-14',
  observations: '',
  date_maj: '2021-04-05',
  cable_t2_attache: 'true',
};

const header = (fields: readonly string[] = IRVE_FIELDS): HeaderMap => {
  const result = mapHeader(fields);
  if (!result.ok) throw new Error(result.reason);
  return result.header;
};

const clean = (overrides: Partial<Record<IrveField, string>> = {}): RowOutcome => {
  const values = { ...EXAMPLE, ...overrides };
  return new RowCleaner(header(), '2026-11-23').clean(
    IRVE_FIELDS.map((field) => values[field]),
    2,
  );
};

describe('RowCleaner', () => {
  it('turns the official example row into a staged terminal and its station', () => {
    expect(clean()).toEqual({
      kind: 'accepted',
      corrections: [],
      row: {
        line: 2,
        stationKey: 'FRA68P68021001',
        pdcKey: 'FRA68E680210015',
        updatedOn: '2021-04-05',
        name: 'Picpus',
        operator: 'Société Y',
        brand: 'Réseau de recharge ABC',
        address: '1 avenue de la Paix 75001 Paris',
        inseeCode: '75001',
        lon: 7.487105,
        lat: 48.345345,
        implantation: 'Voirie',
        openingHours: 'Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00,Th 08:00-18:00',
        pmrAccessibility: 'Accessible mais non réservé PMR',
        accessCondition: 'Accès libre',
        pricing: '0.40€ / kwh',
        free: false,
        twoWheelersOnly: false,
        commissionedOn: '2020-01-14',
        network: null,
        openToAllVehicles: true,
        declaredPdcCount: 10,
        powerKw: 22,
        plugs: ['TYPE_2', 'DOMESTIC_EF'],
      },
    });
  });

  it.each<[string, Partial<Record<IrveField, string>>, string[]]>([
    ['power in watts', { puissance_nominale: '7360' }, ['power-in-watts']],
    ['swapped coordinates', { coordonneesXY: '[48.345345, 7.487105]' }, ['swapped-coordinates']],
    ['a French date', { date_maj: '05/04/2021' }, ['date-format']],
    ['a legacy id', { id_pdc_itinerance: 'FR*A68*E680210015' }, ['id-format']],
    ['an enum in capitals', { condition_acces: 'ACCES LIBRE' }, ['enum-spelling']],
    ['a boolean in French', { prise_type_2: 'oui' }, ['boolean-spelling']],
    [
      'an invalid optional INSEE code',
      { code_insee_commune: '20000' },
      ['dropped-invalid-optional'],
    ],
    [
      'an empty descriptive required value',
      { restriction_gabarit: '' },
      ['required-value-missing'],
    ],
    [
      'a non-roaming point with a local id',
      { id_pdc_itinerance: 'Non concerné', id_pdc_local: 'B-12' },
      ['local-id-key'],
    ],
  ])('repairs %s', (_name, overrides, corrections) => {
    const outcome = clean(overrides);
    expect(outcome).toMatchObject({ kind: 'accepted', corrections });
  });

  it('keys a non-roaming point on its producer and local id (FIELDS.md pitfall 2)', () => {
    const outcome = clean({ id_pdc_itinerance: 'Non concerné', id_pdc_local: 'B-12' });
    expect(outcome.kind === 'accepted' && outcome.row.pdcKey).toBe(
      'LOCAL:contact@societe-operateur.com:B-12',
    );
  });

  it.each<[string, Partial<Record<IrveField, string>>, { field: string | null; reason: RegExp }[]]>(
    [
      [
        'no power',
        { puissance_nominale: '0' },
        [{ field: 'puissance_nominale', reason: /above 0 kW/ }],
      ],
      ['(0, 0)', { coordonneesXY: '[0, 0]' }, [{ field: 'coordonneesXY', reason: /\(0, 0\)/ }]],
      ['a zero date', { date_maj: '0000-00-00' }, [{ field: 'date_maj', reason: /zero date/ }]],
      [
        'Non concerné without a local id',
        { id_pdc_itinerance: 'Non concerné' },
        [{ field: 'id_pdc_itinerance', reason: /"Non concerné" and id_pdc_local is empty too/ }],
      ],
      [
        'an empty id without a local id',
        { id_station_itinerance: '' },
        [{ field: 'id_station_itinerance', reason: /is empty and id_station_local is empty too/ }],
      ],
      [
        'an empty required field',
        { nom_station: ' ' },
        [{ field: 'nom_station', reason: /is required/ }],
      ],
      [
        'an unknown enum value',
        { implantation_station: 'Garage' },
        [{ field: 'implantation_station', reason: /must be one of/ }],
      ],
      [
        'two bad fields',
        { prise_type_2: 'peut-être', contact_operateur: 'nobody' },
        [
          { field: 'contact_operateur', reason: /e-mail/ },
          { field: 'prise_type_2', reason: /true or false/ },
        ],
      ],
    ],
  )('rejects a row with %s, naming each field', (_name, overrides, problems) => {
    const outcome = clean(overrides);
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.problems.map(({ field, reason }) => ({ field, reason }))).toEqual(
      problems.map(({ field, reason }) => ({ field, reason: expect.stringMatching(reason) })),
    );
  });

  it('rejects a row with a missing delimiter', () => {
    const outcome = new RowCleaner(header(), '2026-11-23').clean(['a', 'b'], 7);
    expect(outcome).toEqual({
      kind: 'rejected',
      line: 7,
      stationKey: null,
      pdcKey: null,
      problems: [
        {
          field: null,
          value: null,
          reason: expect.stringMatching(/has 2 fields where the header has 40/),
        },
      ],
    });
  });

  it('does not require the values of columns the file does not have', () => {
    const fields = IRVE_FIELDS.filter((field) => field !== 'restriction_gabarit');
    const outcome = new RowCleaner(header(fields), '2026-11-23').clean(
      fields.map((field) => EXAMPLE[field]),
      2,
    );
    expect(outcome.kind).toBe('accepted');
  });

  it('counts the corrections of every row, even when a cell repeats the row before', () => {
    const cleaner = new RowCleaner(header(), '2026-11-23');
    const values = IRVE_FIELDS.map(
      (field) => ({ ...EXAMPLE, condition_acces: 'accès LIBRE' })[field],
    );
    expect(cleaner.clean(values, 2)).toMatchObject({ corrections: ['enum-spelling'] });
    expect(cleaner.clean(values, 3)).toMatchObject({ corrections: ['enum-spelling'] });
  });
});
