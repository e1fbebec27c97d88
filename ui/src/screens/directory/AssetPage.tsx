import { useState } from "react";
import { api, type AssetId, type AssetRecord, type ServiceType } from "../../generated/api";
import { Select, TextArea } from "../../components/Inputs";
import { toApiError } from "../../lib/errors";
import { labelOf, useLists } from "../../lib/lists";
import { Star, VerifiedTag } from "./Parts";
import { TableRegion } from "../../components/TableRegion";
import { Loading } from "../../components/Loading";
import { useCommand } from "../../lib/useCommand";

/** One group or service: use, barriers, every detail, verify, favourite and private notes. */
export function AssetPage({ assetId, onEdit, onBack }: { assetId: AssetId; onEdit: () => void; onBack: () => void }) {
  const lists = useLists();
  const [notes, setNotes] = useState("");
  const [service, setService] = useState<ServiceType | "">("");
  const loaded = useCommand(
    () =>
      api.asset({ asset_id: assetId }).then((r) => {
        setNotes(r.private_notes ?? "");
        setService(r.service_type ?? "");
        return r;
      }),
    [assetId],
  );
  const rec = loaded.data;
  const setRec = loaded.set;
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!rec)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent">
        <Loading loaded={loaded} what="this entry" />
      </main>
    );
  const a = rec.asset;
  const act = (p: Promise<AssetRecord>, message: string) =>
    p.then(
      (r) => {
        setRec(r);
        setSaved(message);
        setError(null);
      },
      (e) => setError(toApiError(e).message),
    );
  const access = [a.wheelchair_access && "Wheelchair accessible", a.hearing_loop && "Hearing loop", a.transport && "Transport can be arranged", a.access_notes]
    .filter(Boolean)
    .join(". ");
  const ages = a.min_age !== null || a.max_age !== null ? `Ages ${a.min_age ?? 0} to ${a.max_age ?? "any"}` : "";
  const rows: [string, string][] = [
    ["Organisation", a.organisation ?? ""],
    ["Categories", a.categories.map((c) => labelOf(lists.needs, c)).join(", ")],
    ["What it is", a.description ?? ""],
    ["Status", labelOf(lists.asset_statuses, a.status ?? "active")],
    ["How it runs", labelOf(lists.deliveries, a.delivery ?? "in_person")],
    ["When", [a.schedule_text, rec.days_and_times].filter(Boolean).join(". ")],
    ["Where", [a.address, a.postcode].filter(Boolean).join(", ")],
    ["Cost", [labelOf(lists.cost_kinds, a.cost ?? "unknown"), a.cost_description].filter(Boolean).join(": ")],
    ["Who it is for", [a.eligibility, ages].filter(Boolean).join(". ")],
    ["Access", access],
    ["How to refer", [a.referral_route ? labelOf(lists.referral_routes, a.referral_route) : "", a.referral_how].filter(Boolean).join(": ")],
    ["Phone", a.phone ?? ""],
    ["Email", a.email ?? ""],
    ["Website", a.website ?? ""],
    ["LGA service type", a.lga_service_type ?? ""],
  ];
  const u = rec.usage;
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="asset">
      <div className="nhsuk-back-link">
        <button type="button" className="nhsuk-back-link__link app-link-button" id="back-to-directory" onClick={onBack}>
          Back to the directory
        </button>
      </div>
      <div className="app-title-row">
        <h1>
          {a.name}{" "}
          <Star
            on={rec.favourite}
            name={a.name}
            onToggle={() =>
              void act(
                api.set_asset_favourite({ asset_id: rec.id, favourite: !rec.favourite }),
                rec.favourite ? "Removed from favourites." : "Added to favourites.",
              )
            }
          />
        </h1>
        <div className="nhsuk-button-group">
          <button
            className="nhsuk-button"
            type="button"
            id="verify-asset"
            onClick={() => void act(api.verify_asset({ asset_id: rec.id }), "Marked as checked with the provider today.")}
          >
            Verify now
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onEdit} id="edit-asset">
            Edit details
          </button>
        </div>
      </div>
      <p data-testid="asset-verified">
        <VerifiedTag stale={rec.stale} on={rec.last_verified_on} />
        {a.oruk_id && <span className="app-muted"> · From an Open Referral UK feed</span>}
      </p>
      <p role="status" className="app-saved">
        {saved}
      </p>
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <h2>People referred here</h2>
      <p data-testid="asset-usage">
        {u.referred === 0
          ? "No one has been referred or signposted here yet."
          : `${u.referred} referred or signposted. ${u.with_outcome === 0 ? "No outcomes recorded yet." : `Attended: ${u.attended} of ${u.with_outcome} with a known outcome (${rec.attendance_percent}%).`}`}
      </p>
      {u.barriers.length > 0 && (
        <TableRegion>
          <table className="nhsuk-table app-table" data-testid="asset-barriers">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Barriers recorded</caption>
            <thead>
              <tr>
                <th scope="col">Barrier</th>
                <th scope="col">Times</th>
              </tr>
            </thead>
            <tbody>
              {u.barriers.map((b) => (
                <tr key={b.barrier}>
                  <td>{labelOf(lists.barriers, b.barrier)}</td>
                  <td>{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <dl className="nhsuk-summary-list">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div className="nhsuk-summary-list__row" key={k}>
              <dt className="nhsuk-summary-list__key">{k}</dt>
              <dd className="nhsuk-summary-list__value app-prewrap">{v}</dd>
            </div>
          ))}
      </dl>
      <h2>Service type for GP coding</h2>
      <form
        className="app-inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void act(api.set_asset_service_type({ asset_id: rec.id, service_type: service || null }), "Service type saved.");
        }}
      >
        <Select<ServiceType>
          id="asset-service-type"
          label="A finer type picks a more exact SNOMED code for referrals here (only on this laptop)"
          choices={lists.service_types}
          value={service}
          onChange={setService}
          blank="Not set: the referral's category decides"
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-service-type">
          Save service type
        </button>
      </form>
      <h2>Private notes</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(api.set_asset_notes({ asset_id: rec.id, notes }), "Notes saved.");
        }}
      >
        <TextArea id="asset-notes" label="Only on this laptop; never exported" value={notes} onChange={setNotes} rows={3} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-asset-notes">
          Save notes
        </button>
      </form>
    </main>
  );
}
