import type { GeneratedStation, GeneratedTerminal } from '../../../hub/src/seed/station-generator';

export interface TestStation {
  /** Marks the test's IRVE ids: `FR*{tag}*P{code}`, its terminals `FR*{tag}*E{code}{index}`. */
  tag: string;
  code: string;
  name: string;
  lon: number;
  lat: number;
  network?: string | null;
  terminals: Omit<GeneratedTerminal, 'pdcId'>[];
}

/** A station to write with `writeStations`, its IRVE fields plain unless a test needs them. */
export function testStation({ tag, code, terminals, ...rest }: TestStation): GeneratedStation {
  return {
    irveId: `FR*${tag}*P${code}`,
    operator: 'Op',
    brand: 'Brand',
    address: 'Somewhere',
    inseeCode: '29019',
    implantation: 'Voirie',
    openingHours: '24/7',
    pmrAccessibility: 'Accessibilité inconnue',
    accessCondition: 'Accès libre',
    pricing: null,
    free: false,
    ...rest,
    terminals: terminals.map((terminal, index) => ({
      pdcId: `FR*${tag}*E${code}${index}`,
      ...terminal,
    })),
  };
}
