import { DEMO_AREAS, generateStations } from '../../src/seed/station-generator';
import { writeStations } from '../../src/seed/station-writer';
import { startTestApp } from './test-app';

export interface TestHub {
  url: string;
  stop(): Promise<void>;
}

/** A running hub for browser tests: fresh database, demo stations, the built web app at `/`. */
export async function startTestHub(options: { seedDemo?: boolean } = {}): Promise<TestHub> {
  const hub = await startTestApp();
  if (options.seedDemo ?? true) {
    await writeStations(hub.orm.em.fork(), [...generateStations(DEMO_AREAS)]);
  }
  return { url: hub.url, stop: () => hub.close() };
}
