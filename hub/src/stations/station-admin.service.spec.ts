import type { AdminStationView } from '@wattsup/contracts';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import type { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import type { StationAdminRepository } from './station-admin.repository';
import { hubIrveId, StationAdminService } from './station-admin.service';

const STATION: AdminStationView = {
  id: 'station-1',
  irveId: 'FR*WUP*P1',
  name: 'Parking',
  operator: null,
  brand: null,
  address: null,
  inseeCode: null,
  lon: 1.44,
  lat: 43.6,
  implantation: null,
  openingHours: null,
  pmrAccessibility: null,
  accessCondition: null,
  pricing: null,
  free: null,
  origin: 'HUB',
  retiredAt: null,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  terminals: [
    {
      id: 'terminal-1',
      pdcId: 'FR*WUP*E1',
      powerKw: 22,
      plugs: ['TYPE_2'],
      status: 'AVAILABLE',
      statusSource: 'OCPP',
      chargerIdentity: null,
      connectorId: null,
      origin: 'HUB',
      retiredAt: null,
      liveReservation: null,
    },
  ],
};

function setUp(station: AdminStationView | null = STATION) {
  const repository = {
    view: jest.fn().mockResolvedValue(station),
    irveIdOwner: jest.fn().mockResolvedValue(null),
    pdcOwners: jest.fn().mockResolvedValue([]),
    insertStation: jest.fn(),
    updateStation: jest.fn().mockResolvedValue(true),
    retire: jest.fn().mockResolvedValue({ holds: [], retired: ['terminal-1'] }),
  };
  const recorder = { announce: jest.fn() };
  const service = new StationAdminService(
    repository as unknown as StationAdminRepository,
    recorder as unknown as TerminalStatusRecorder,
  );
  return { service, repository, recorder };
}

describe('StationAdminService', () => {
  it('gives a station created without IRVE id one of the hub, from its uuid', () => {
    expect(hubIrveId('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')).toBe('FR*WUP*P0A1B2C3D4E5F');
  });

  it('creates the station and announces its new charge points', async () => {
    const { service, repository, recorder } = setUp();
    await service.create({
      ...STATION,
      irveId: undefined,
      terminals: [{ pdcId: 'FR*WUP*E9', powerKw: 50, plugs: ['CCS_COMBO'] }],
    });
    const [id, fields, terminals] = repository.insertStation.mock.calls[0] as [
      string,
      { irveId: string },
      { id: string }[],
    ];
    expect(fields.irveId).toBe(hubIrveId(id));
    expect(recorder.announce).toHaveBeenCalledWith([terminals[0].id]);
  });

  it('names the station that already has a PDC id, and writes nothing', async () => {
    const { service, repository } = setUp();
    repository.pdcOwners.mockResolvedValue([
      { pdcId: 'FR*WUP*E1', stationName: 'Gare', retired: true },
    ]);
    await expect(
      service.addTerminal('station-1', { pdcId: 'FR*WUP*E1', powerKw: 7, plugs: ['OTHER'] }),
    ).rejects.toThrow(
      'PDC id FR*WUP*E1 is already used by a retired charge point of station Gare.',
    );
  });

  it('announces a move at the old place and the new one; an edit in place only there', async () => {
    const { service, recorder } = setUp();
    await service.update('station-1', { lon: 2, lat: 44 });
    expect(recorder.announce).toHaveBeenLastCalledWith(['terminal-1'], { lon: 1.44, lat: 43.6 });
    await service.update('station-1', { name: 'Parking (P2)' });
    expect(recorder.announce).toHaveBeenLastCalledWith(['terminal-1'], null);
  });

  it('refuses to retire while reservations hold charge points, saying which', async () => {
    const { service, repository, recorder } = setUp();
    repository.retire.mockResolvedValue({
      holds: [
        { pdcId: 'FR*WUP*E1', reservationId: 'r1', status: 'IN_USE' },
        { pdcId: 'FR*WUP*E2', reservationId: 'r2', status: 'ACTIVE' },
      ],
      retired: [],
    });
    await expect(service.retire('station-1')).rejects.toThrow(
      'Charge point FR*WUP*E1 has a live reservation (IN_USE) (and 1 more). Cancel it, or wait for it to end, before retiring.',
    );
    expect(recorder.announce).not.toHaveBeenCalled();
  });

  it('refuses changes to a retired station, and answers not found for an unknown one', async () => {
    const retired = setUp({ ...STATION, retiredAt: '2026-11-22T11:00:00.000Z' });
    await expect(retired.service.update('station-1', { name: 'x' })).rejects.toThrow(ConflictError);
    await expect(setUp(null).service.detail('nope')).rejects.toThrow(NotFoundError);
  });
});
