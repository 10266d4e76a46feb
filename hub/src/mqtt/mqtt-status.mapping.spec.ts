import { mapMqttStatus } from './mqtt-status.mapping';

describe('mapMqttStatus', () => {
  it.each([
    ['AVAILABLE', 'AVAILABLE'],
    ['Available', 'AVAILABLE'],
    ['OCCUPIED', 'OCCUPIED'],
    ['Charging', 'OCCUPIED'],
    ['SuspendedEV', 'OCCUPIED'],
    ['SuspendedEVSE', 'OCCUPIED'],
    ['Preparing', 'OCCUPIED'],
    ['Finishing', 'OCCUPIED'],
    ['Reserved', 'RESERVED'],
    ['unavailable', 'UNAVAILABLE'],
    ['FAULTED', 'FAULTED'],
  ])('%p → %p', (word, status) => {
    expect(mapMqttStatus(word)).toBe(status);
  });

  it.each(['OFFLINE', 'UNKNOWN', 'broken', ''])('refuses %p', (word) => {
    expect(mapMqttStatus(word)).toBeNull();
  });
});
