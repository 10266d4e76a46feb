import { parseArea } from './provisioning/areas';
import { ScenarioError, dueEvents, parseScenario } from './scenario';

describe('parseScenario', () => {
  it('reads every event kind with its defaults, sorted by time', () => {
    const scenario = parseScenario(
      JSON.stringify({
        name: 'Evening',
        events: [
          { at: '10m', action: 'rush-hour', factor: 4, duration: '1h' },
          { at: 60, action: 'fault', share: 0.05, area: 'toulouse' },
          { at: '90s', action: 'reconnect-all' },
          { at: '2m', action: 'power-cut', share: 0.2, duration: '1.5m' },
          { at: '3m', action: 'disconnect', silent: true },
          { at: '4m', action: 'repair' },
        ],
      }),
    );
    expect(scenario.events).toEqual([
      { at: 60, action: 'fault', share: 0.05, area: parseArea('toulouse') },
      { at: 90, action: 'reconnect-all' },
      { at: 120, action: 'power-cut', share: 0.2, duration: 90 },
      { at: 180, action: 'disconnect', share: 1, silent: true, duration: 60 },
      { at: 240, action: 'repair', share: 1 },
      { at: 600, action: 'rush-hour', factor: 4, duration: 3600 },
    ]);
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['{"events": [{"at": "soon", "action": "fault"}]}', 'events.0.at: "soon" is not a duration'],
    [
      '{"events": [{"at": 1, "action": "fault", "share": 5}]}',
      'events.0.share: share is a fraction',
    ],
    ['{"events": [{"at": 1, "action": "explode"}]}', 'events.0.action'],
    [
      '{"events": [{"at": 1, "action": "fault", "area": "atlantis"}]}',
      'events.0.area: area expects',
    ],
    ['{"events": [{"at": 1, "action": "reconnect-all", "share": 1}]}', 'events.0'],
    ['{"evnts": []}', 'events'],
  ])('refuses %s with a message that says where', (text, message) => {
    expect(() => parseScenario(text, 'my.json')).toThrow(ScenarioError);
    expect(() => parseScenario(text, 'my.json')).toThrow(`my.json: ${message}`);
  });
});

describe('dueEvents', () => {
  it('gives each event once as simulated time passes it', () => {
    const scenario = parseScenario(
      '{"events": [{"at": 0, "action": "reconnect-all"}, {"at": 30, "action": "repair"}]}',
    );
    expect(dueEvents(scenario, -1, 0).map((event) => event.at)).toEqual([0]);
    expect(dueEvents(scenario, 0, 29)).toEqual([]);
    expect(dueEvents(scenario, 29, 60).map((event) => event.at)).toEqual([30]);
  });
});
