import { mapHeader } from './header-mapper';
import { IRVE_FIELDS } from './irve-schema';

describe('mapHeader', () => {
  it('maps the 40 schema columns in any order and case, and lists extra columns', () => {
    const names = ['', 'index', ...[...IRVE_FIELDS].reverse(), 'consolidated_longitude'];
    names[names.indexOf('coordonneesXY')] = ' COORDONNEESxy ';
    const result = mapHeader(names);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.header.columns.get('coordonneesXY')).toBe(names.indexOf(' COORDONNEESxy '));
    expect(result.header.columns.get('nom_amenageur')).toBe(names.length - 2);
    expect(result.header.width).toBe(names.length);
    expect(result.header.missingColumns).toEqual([]);
    expect(result.header.unknownColumns).toEqual([
      '(unnamed column 1)',
      'index',
      'consolidated_longitude',
    ]);
  });

  it('reports missing optional columns and keeps going', () => {
    const result = mapHeader(IRVE_FIELDS.filter((field) => field !== 'cable_t2_attache'));
    expect(result.ok && result.header.missingColumns).toEqual(['cable_t2_attache']);
  });

  it('refuses a file without a column it cannot do without, naming them all', () => {
    const result = mapHeader(['contact_operateur', 'id_station_itinerance', 'coordonneesXY']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(
      /cannot do without: id_pdc_itinerance, nom_station, puissance_nominale, date_maj\./,
    );
    expect(result.reason).toMatch(/Also missing: nom_amenageur/);
  });

  it('recognises the legacy v1 schema', () => {
    const result = mapHeader(['n_station', 'Xlongitude', 'Ylatitude', 'puiss_max']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/legacy IRVE schema v1/);
  });
});
