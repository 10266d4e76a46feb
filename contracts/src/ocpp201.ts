/** OCPP 2.0.1 messages (see ocpp.ts). */
export type ConnectorStatus = 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted';
export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected';
export type AuthorizationStatus =
  | 'Accepted'
  | 'Blocked'
  | 'ConcurrentTx'
  | 'Expired'
  | 'Invalid'
  | 'NoCredit'
  | 'NotAllowedTypeEVSE'
  | 'NotAtThisLocation'
  | 'NotAtThisTime'
  | 'Unknown';
export interface IdToken {
  idToken: string;
  type: string;
}
export interface SampledValue {
  value: number;
  context?: string;
  measurand?: string;
  phase?: string;
  location?: string;
  unitOfMeasure?: { unit?: string; multiplier?: number };
}
export interface MeterValue {
  timestamp: string;
  sampledValue: SampledValue[];
}
export interface BootNotificationRequest {
  reason: string;
  chargingStation: {
    model: string;
    vendorName: string;
    serialNumber?: string;
    firmwareVersion?: string;
  };
}
export interface BootNotificationResponse {
  currentTime: string;
  interval: number;
  status: RegistrationStatus;
}
export interface StatusNotificationRequest {
  timestamp: string;
  connectorStatus: ConnectorStatus;
  evseId: number;
  connectorId: number;
}
export interface TransactionEventRequest {
  eventType: 'Started' | 'Updated' | 'Ended';
  timestamp: string;
  triggerReason: string;
  seqNo: number;
  offline?: boolean;
  transactionInfo: {
    transactionId: string;
    chargingState?: string;
    stoppedReason?: string;
    remoteStartId?: number;
  };
  idToken?: IdToken;
  evse?: { id: number; connectorId?: number };
  meterValue?: MeterValue[];
  reservationId?: number;
}
export interface TransactionEventResponse {
  idTokenInfo?: { status: AuthorizationStatus };
}
export interface MeterValuesRequest {
  evseId: number;
  meterValue: MeterValue[];
}
/** The station ended a reservation on its own: it expired there, or was removed (H04). */
export interface ReservationStatusUpdateRequest {
  reservationId: number;
  reservationUpdateStatus: 'Expired' | 'Removed';
}
export interface NotifyEventRequest {
  generatedAt: string;
  seqNo: number;
  tbc?: boolean;
  eventData: Record<string, unknown>[];
}
