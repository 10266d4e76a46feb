/**
 * The charger's configuration keys (OCPP 1.6 §9.1, Core profile and Reservation), answered to
 * GetConfiguration and changed by ChangeConfiguration.
 */
interface KeyRule {
  readonly readonly: boolean;
  /** Returns false for a value the charger refuses (ChangeConfiguration → Rejected). */
  readonly valid: (value: string) => boolean;
}

/** A whole number of seconds (or of attempts). */
const seconds = (value: string) => /^\d{1,6}$/.test(value);
const flag = (value: string) => value === 'true' || value === 'false';
const anything = () => true;

const RULES = {
  HeartbeatInterval: { readonly: false, valid: seconds },
  MeterValueSampleInterval: { readonly: false, valid: seconds },
  ConnectionTimeOut: { readonly: false, valid: seconds },
  StopTransactionOnInvalidId: { readonly: false, valid: flag },
  AuthorizeRemoteTxRequests: { readonly: false, valid: flag },
  MeterValuesSampledData: { readonly: false, valid: anything },
  TransactionMessageAttempts: { readonly: false, valid: seconds },
  TransactionMessageRetryInterval: { readonly: false, valid: seconds },
  NumberOfConnectors: { readonly: true, valid: anything },
  ReserveConnectorZeroSupported: { readonly: true, valid: anything },
  SupportedFeatureProfiles: { readonly: true, valid: anything },
} satisfies Record<string, KeyRule>;
const ruleOf = (key: string): KeyRule | undefined => (RULES as Record<string, KeyRule>)[key];

export type ConfigurationKey = keyof typeof RULES;

export type Configuration = Map<string, string>;

export function defaultConfiguration(
  connectorCount: number,
  overrides: Partial<Record<ConfigurationKey, string>> = {},
): Configuration {
  return new Map(
    Object.entries({
      HeartbeatInterval: '300',
      MeterValueSampleInterval: '60',
      ConnectionTimeOut: '90',
      // Public chargers that also take bank cards keep charging when the hub does not know the tag.
      StopTransactionOnInvalidId: 'false',
      AuthorizeRemoteTxRequests: 'false',
      MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Active.Import,SoC',
      TransactionMessageAttempts: '3',
      TransactionMessageRetryInterval: '5',
      NumberOfConnectors: String(connectorCount),
      ReserveConnectorZeroSupported: 'true',
      SupportedFeatureProfiles: 'Core,RemoteTrigger,Reservation',
      ...overrides,
    }),
  );
}

export interface ConfigurationEntry {
  key: string;
  readonly: boolean;
  value: string;
}

/** GetConfiguration: every key when none is asked for; unknown keys are listed apart (§5.8). */
export function getConfiguration(
  configuration: Configuration,
  keys: readonly string[] | undefined,
): { configurationKey: ConfigurationEntry[]; unknownKey: string[] } {
  const wanted = keys && keys.length > 0 ? keys : [...configuration.keys()];
  const entry = (key: string): ConfigurationEntry => ({
    key,
    readonly: ruleOf(key)?.readonly ?? true,
    value: configuration.get(key)!,
  });
  return {
    configurationKey: wanted.filter((key) => configuration.has(key)).map(entry),
    unknownKey: wanted.filter((key) => !configuration.has(key)),
  };
}

export type ChangeConfigurationStatus = 'Accepted' | 'Rejected' | 'NotSupported';

/** ChangeConfiguration (§5.3): unknown keys are NotSupported; read-only keys and bad values Rejected. */
export function changeConfiguration(
  configuration: Configuration,
  key: string,
  value: string,
): ChangeConfigurationStatus {
  const rule = ruleOf(key);
  if (!rule || !configuration.has(key)) return 'NotSupported';
  if (rule.readonly || !rule.valid(value)) return 'Rejected';
  configuration.set(key, value);
  return 'Accepted';
}

export function configuredSeconds(configuration: Configuration, key: ConfigurationKey): number {
  return Number(configuration.get(key));
}
