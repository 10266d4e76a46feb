import { spellingKey } from './irve-values';

export interface NetworkClues {
  brand: string | null;
  operator: string | null;
  operatorContact: string | null;
  stationName: string | null;
  accessCondition: string | null;
  observations: string | null;
  powerKw: number;
}

export interface RecognisedNetwork {
  /** Canonical network name drivers filter on, or null for the many small ones. */
  network: string | null;
  /** False only for Tesla Superchargers reserved to Teslas. */
  openToAllVehicles: boolean;
}

interface NetworkRule {
  network: string;
  /** Matched against the spelling keys of brand, operator and the operator's e-mail domain. */
  keys: readonly string[];
}

/**
 * The big French networks, by brand first, then operator, then e-mail domain: brand spellings vary
 * ("Tesla" / "TESLA SUPERCHARGER", "LIDL" / "Lidl France", FIELDS.md §2 and pitfall 6).
 */
const NETWORK_RULES: readonly NetworkRule[] = [
  { network: 'Ionity', keys: ['ionity'] },
  { network: 'TotalEnergies', keys: ['totalenergies', 'total'] },
  { network: 'Electra', keys: ['electra', 'goelectra'] },
  { network: 'Fastned', keys: ['fastned'] },
  { network: 'Allego', keys: ['allego'] },
  { network: 'Izivia', keys: ['izivia', 'sodetrel', 'corridoor'] },
  { network: 'Power Dot', keys: ['powerdot'] },
  { network: 'Freshmile', keys: ['freshmile'] },
  { network: 'Engie Vianeo', keys: ['vianeo', 'engievianeo'] },
  { network: 'Shell Recharge', keys: ['shellrecharge', 'newmotion'] },
  { network: 'Atlante', keys: ['atlante'] },
  { network: 'Zunder', keys: ['zunder'] },
  { network: 'Lidl', keys: ['lidl'] },
  { network: 'Carrefour', keys: ['carrefour'] },
  { network: 'E.Leclerc', keys: ['eleclerc', 'leclerc'] },
  { network: 'Auchan', keys: ['auchan'] },
  { network: 'Intermarché', keys: ['intermarche'] },
  { network: 'Beev', keys: ['beev'] },
  { network: 'Driveco', keys: ['driveco'] },
  { network: 'Bump', keys: ['bump'] },
  { network: "Belib'", keys: ['belib'] },
  { network: 'ChargePoint', keys: ['chargepoint'] },
  { network: 'EVBox', keys: ['evbox'] },
  { network: 'Zeplug', keys: ['zeplug'] },
];

const TESLA_ONLY =
  /(réservé|reserve|réservée|uniquement|exclusivement)[^.]{0,30}tesla|tesla[^.]{0,20}(uniquement|only|seulement)/i;

function keysOf(clues: NetworkClues): string[] {
  const domain = clues.operatorContact?.split('@')[1]?.split('.').slice(-2, -1)[0] ?? null;
  return [clues.brand, clues.operator, domain]
    .filter((value): value is string => value !== null)
    .map(spellingKey);
}

/**
 * Tesla Superchargers are recognised from brand, operator or tesla.com contact plus the station
 * name or a fast power; they are open to other cars unless the access is reserved or the
 * observations say Tesla only. Slower Tesla points are Destination chargers.
 */
export function recogniseNetwork(clues: NetworkClues): RecognisedNetwork {
  const keys = keysOf(clues);
  if (keys.some((key) => key.includes('tesla'))) {
    const supercharger =
      keys.some((key) => key.includes('supercharger')) ||
      spellingKey(clues.stationName ?? '').includes('supercharger') ||
      clues.powerKw >= 50;
    if (!supercharger) return { network: 'Tesla Destination', openToAllVehicles: true };
    const teslaOnly =
      clues.accessCondition === 'Accès réservé' || TESLA_ONLY.test(clues.observations ?? '');
    return { network: 'Tesla Supercharger', openToAllVehicles: !teslaOnly };
  }
  for (const key of keys) {
    const rule = NETWORK_RULES.find((candidate) =>
      candidate.keys.some((ruleKey) => key.startsWith(ruleKey)),
    );
    if (rule) return { network: rule.network, openToAllVehicles: true };
  }
  return { network: null, openToAllVehicles: true };
}
