/**
 * The IRVE static schema 2.x (`schema-irve-statique` v2.3.1, see shared/data/irve/FIELDS.md §2):
 * its 40 columns in CSV order, which are required, and the enums the hub checks.
 */
export const IRVE_FIELDS = [
  'nom_amenageur',
  'siren_amenageur',
  'contact_amenageur',
  'nom_operateur',
  'contact_operateur',
  'telephone_operateur',
  'nom_enseigne',
  'id_station_itinerance',
  'id_station_local',
  'nom_station',
  'implantation_station',
  'adresse_station',
  'code_insee_commune',
  'coordonneesXY',
  'nbre_pdc',
  'id_pdc_itinerance',
  'id_pdc_local',
  'puissance_nominale',
  'prise_type_ef',
  'prise_type_2',
  'prise_type_combo_ccs',
  'prise_type_chademo',
  'prise_type_autre',
  'gratuit',
  'paiement_acte',
  'paiement_cb',
  'paiement_autre',
  'tarification',
  'condition_acces',
  'reservation',
  'horaires',
  'accessibilite_pmr',
  'restriction_gabarit',
  'station_deux_roues',
  'raccordement',
  'num_pdl',
  'date_mise_en_service',
  'observations',
  'date_maj',
  'cable_t2_attache',
] as const;
export type IrveField = (typeof IRVE_FIELDS)[number];

export const REQUIRED_FIELDS: ReadonlySet<IrveField> = new Set<IrveField>([
  'contact_operateur',
  'nom_enseigne',
  'id_station_itinerance',
  'nom_station',
  'implantation_station',
  'adresse_station',
  'coordonneesXY',
  'nbre_pdc',
  'id_pdc_itinerance',
  'puissance_nominale',
  'prise_type_ef',
  'prise_type_2',
  'prise_type_combo_ccs',
  'prise_type_chademo',
  'prise_type_autre',
  'paiement_acte',
  'condition_acces',
  'reservation',
  'horaires',
  'accessibilite_pmr',
  'restriction_gabarit',
  'station_deux_roues',
  'date_maj',
]);

/**
 * Without these the hub cannot identify, place or date a charge point: a file that lacks one of the
 * columns is refused as a whole, a row with one of them empty is rejected. Other missing columns
 * are reported and read as empty.
 */
export const ESSENTIAL_FIELDS: readonly IrveField[] = [
  'id_station_itinerance',
  'id_pdc_itinerance',
  'nom_station',
  'coordonneesXY',
  'puissance_nominale',
  'date_maj',
];

export const IMPLANTATIONS = [
  'Voirie',
  'Parking public',
  'Parking privé à usage public',
  'Parking privé réservé à la clientèle',
  'Station dédiée à la recharge rapide',
] as const;

export const ACCESS_CONDITIONS = ['Accès libre', 'Accès réservé'] as const;

export const PMR_ACCESSIBILITIES = [
  'Réservé PMR',
  'Accessible mais non réservé PMR',
  'Non accessible',
  'Accessibilité inconnue',
] as const;

export const CONNECTIONS = ['Direct', 'Indirect'] as const;

/** Non-roaming points and stations all carry this literal id (FIELDS.md pitfall 2). */
export const NOT_IN_ROAMING = 'Non concerné';

/** Columns of the legacy v1 schema, no longer consolidated (FIELDS.md pitfall 11). */
export const LEGACY_V1_FIELDS = ['Xlongitude', 'Ylatitude', 'puiss_max'] as const;
