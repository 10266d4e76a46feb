// ocpp-rpc ships CommonJS with its own typings; re-exported here so the rest of the hub imports
// OCPP transport types from one place.
import { RPCServer, createRPCError, RPCError, TimeoutError } from 'ocpp-rpc';
import type RPCServerClient from 'ocpp-rpc/lib/server-client';
import type { IHandshakeInterface } from 'ocpp-rpc/lib/server-client';

export { RPCServer, createRPCError, RPCError, TimeoutError };
export type { RPCServerClient, IHandshakeInterface };
