import { type NetworkClues, recogniseNetwork } from './network-recogniser';

const clues = (overrides: Partial<NetworkClues>): NetworkClues => ({
  brand: null,
  operator: null,
  operatorContact: null,
  stationName: null,
  accessCondition: 'Accès libre',
  observations: null,
  powerKw: 22,
  ...overrides,
});

describe('recogniseNetwork', () => {
  it.each([
    [{ brand: 'Tesla Supercharger', operator: 'Tesla', powerKw: 150 }, 'Tesla Supercharger', true],
    [
      { brand: 'TESLA', stationName: 'Supercharger Albaret', powerKw: 250 },
      'Tesla Supercharger',
      true,
    ],
    [
      {
        brand: 'Tesla',
        operatorContact: 'charging-france@tesla.com',
        powerKw: 150,
        accessCondition: 'Accès réservé',
      },
      'Tesla Supercharger',
      false,
    ],
    [
      { brand: 'Tesla Supercharger', powerKw: 250, observations: 'Réservé aux véhicules Tesla' },
      'Tesla Supercharger',
      false,
    ],
    [{ operator: 'Tesla Motors', powerKw: 11 }, 'Tesla Destination', true],
    [{ brand: 'Ionity', operator: 'IONITY GmbH', powerKw: 350 }, 'Ionity', true],
    [{ brand: 'TotalEnergies Charge Rapide' }, 'TotalEnergies', true],
    [{ brand: 'Carrefour Energies', operator: 'Allego' }, 'Carrefour', true],
    [{ brand: 'SIEML', operator: 'Allego' }, 'Allego', true],
    [{ brand: 'Lidl France' }, 'Lidl', true],
    [{ brand: 'LIDL' }, 'Lidl', true],
    [{ brand: 'Réseau X', operatorContact: 'support@go-electra.com' }, 'Electra', true],
    [{ brand: "Ville d'Annecy", operator: 'NEXTENEO' }, null, true],
  ])('%j → %s (open to all: %s)', (overrides, network, openToAllVehicles) => {
    expect(recogniseNetwork(clues(overrides))).toEqual({ network, openToAllVehicles });
  });
});
