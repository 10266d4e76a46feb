/**
 * The OCPP-J messages Watts Up exchanges, as TypeScript types shared by the hub (central system)
 * and the simulator (charge points). Frames are validated against the official JSON schemas by
 * ocpp-rpc's strict mode; these types only describe what both sides read and write.
 */
export const OCPP_PROTOCOLS = ['ocpp1.6', 'ocpp2.0.1'] as const;
export type OcppProtocol = (typeof OCPP_PROTOCOLS)[number];

export * as Ocpp16 from './ocpp16';
export * as Ocpp201 from './ocpp201';
