import { parseTopic, topics } from '@wattsup/contracts';
import { createFleet, tickFleet } from './fleet';
import { createRandom } from '@wattsup/contracts';

describe('createFleet', () => {
  it('gives each charger one or two connectors numbered from 1, with contract-valid ids', () => {
    const fleet = createFleet(createRandom(1), 50);
    const connectorIds = new Map<string, number[]>();
    for (const { chargerId, connectorId } of fleet) {
      connectorIds.set(chargerId, [...(connectorIds.get(chargerId) ?? []), connectorId]);
    }

    expect(connectorIds.size).toBe(50);
    for (const ids of connectorIds.values()) expect([[1], [1, 2]]).toContainEqual(ids);
    const topic = topics.connectorStatus(fleet[0].chargerId, fleet[0].connectorId);
    expect(parseTopic(topic)).toMatchObject({ kind: 'connectorStatus', chargerId: 'SIM-00001' });
  });

  it('is the same fleet for the same seed', () => {
    expect(createFleet(createRandom(5), 20)).toEqual(createFleet(createRandom(5), 20));
  });
});

describe('tickFleet', () => {
  it('changes a few connectors per tick and returns exactly those', () => {
    const random = createRandom(11);
    const fleet = createFleet(random, 1000);
    const before = fleet.map((connector) => connector.status);

    const changed = tickFleet(random, fleet);

    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(fleet.length * 0.1);
    const unchanged = fleet.filter((connector) => !changed.includes(connector));
    for (const connector of unchanged) {
      expect(connector.status).toBe(before[fleet.indexOf(connector)]);
    }
  });

  it('replays the same changes for the same seed', () => {
    const run = () => {
      const random = createRandom(2);
      const fleet = createFleet(random, 200);
      return Array.from({ length: 20 }, () => tickFleet(random, fleet).map((c) => ({ ...c })));
    };
    expect(run()).toEqual(run());
  });
});
