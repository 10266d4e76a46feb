import { Migration } from '@mikro-orm/migrations';
import { OFFER_QUERY_MASK_ANY_V1 } from './Migration20261122180000StationFilters';

/**
 * The wanted-offer mask in PL/pgSQL: the SQL version planned its query on every call, a tenth of
 * a millisecond of every `nearest` (five times what the loop over the plugs takes).
 */
const OFFER_QUERY_MASK_ANY_V2 = `
  create or replace function offer_query_mask_any(min_power_kw numeric, plugs text[]) returns bigint
  language plpgsql immutable parallel safe as $$
  declare
    v_mask bigint := 0;
    v_plug text;
  begin
    if plugs is null then
      return offer_query_mask(min_power_kw, null);
    end if;
    foreach v_plug in array plugs loop
      v_mask := v_mask | offer_query_mask(min_power_kw, v_plug);
    end loop;
    return v_mask;
  end $$;`;

export class Migration20261122220000OfferMaskPlpgsql extends Migration {
  override up(): void {
    this.addSql(OFFER_QUERY_MASK_ANY_V2);
  }

  override down(): void {
    this.addSql(OFFER_QUERY_MASK_ANY_V1);
  }
}
