import { useState, type FormEvent } from "react";
import { api, type AssetHit, type EpisodeView, type OnwardView, type PersonRecord } from "../generated/api";
import { ErrorSummary, TextField, errorsFrom, noErrors, type FormErrors } from "../components/Form";
import { Checkboxes, Select, TextArea } from "../components/Inputs";
import { toApiError } from "../lib/errors";
import { formatDateGB, isoToGB } from "../lib/format";
import { labelOf, useLists } from "../lib/lists";
import { useAssetSearch } from "./Directory";

type Update = (p: Promise<PersonRecord>) => Promise<boolean>;

/** Refer or signpost: pick an asset by typing (the directory's own search), then the details. */
function OnwardFormPanel({ episode, update, onDone }: { episode: EpisodeView; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [text, setText] = useState("");
  const [asset, setAsset] = useState<AssetHit | null>(null);
  const [kind, setKind] = useState("signpost");
  const [category, setCategory] = useState("");
  const [date, setDate] = useState(formatDateGB(new Date()));
  const [notes, setNotes] = useState("");
  const [followUp, setFollowUp] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [found] = useAssetSearch(
    asset || !text.trim() ? null : { text, active_only: true, limit: 8, category: null, free_only: false, accessible_only: false, favourites_only: false, verified_within_months: null },
  );
  const hits = found?.hits ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!asset) return setErrors({ fields: { "onward-asset": "Choose the group or service." }, form: null });
    const ok = await update(
      api.add_onward({ episode_id: episode.id, asset_id: asset.id, kind, category: category || null, referred_on: date, notes: notes || null, follow_up_on: followUp || null }).catch((err) => {
        setErrors(errorsFrom(toApiError(err), ["kind", "category", "referred_on", "follow_up_on"]));
        throw err;
      }),
    );
    if (ok) onDone();
  }

  return (
    <form className="app-panel" onSubmit={(e) => void submit(e)} noValidate data-testid="onward-form">
      <h3>Refer or signpost</h3>
      <ErrorSummary errors={errors} />
      {asset ? (
        <p>
          To <strong data-testid="onward-chosen">{asset.name}</strong>{" "}
          <button type="button" className="app-link-button" onClick={() => { setAsset(null); setCategory(""); }}>
            Change
          </button>
        </p>
      ) : (
        <div className={`nhsuk-form-group${errors.fields["onward-asset"] ? " nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label" htmlFor="onward-asset">
            Group or service
          </label>
          <div className="nhsuk-hint" id="onward-asset-hint">
            Type part of its name, category or postcode
          </div>
          {errors.fields["onward-asset"] && <span className="nhsuk-error-message">{errors.fields["onward-asset"]}</span>}
          <input className="nhsuk-input" id="onward-asset" type="search" autoFocus autoComplete="off" value={text} aria-describedby="onward-asset-hint" onChange={(e) => setText(e.target.value)} />
          {hits.length > 0 && (
            <ul className="app-suggestions" aria-label="Matching groups and services">
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" className="app-link-button" data-pick={h.name} onClick={() => { setAsset(h); setCategory(h.categories[0] ?? ""); }}>
                    {h.name}
                  </button>{" "}
                  <span className="app-muted">
                    {[h.organisation, h.postcode, labelOf(lists.cost_kinds, h.cost)].filter(Boolean).join(" · ")}
                    {h.stale && " · details not checked for a year"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Select id="kind" label="Type" choices={lists.onward_kinds} value={kind} onChange={setKind} error={errors.fields.kind} />
      <Select id="category" label="Category" choices={lists.needs} value={category} onChange={setCategory} blank="The group's own category" error={errors.fields.category} />
      <TextField id="referred_on" label="Date" hint="DD/MM/YYYY" value={date} onChange={setDate} error={errors.fields.referred_on} inputClass="nhsuk-input--width-10" />
      <TextArea id="onward-notes" label="Notes (optional)" value={notes} onChange={setNotes} rows={2} />
      <TextField id="follow_up_on" label="Follow up on (optional)" hint="DD/MM/YYYY: when to ask how it went" value={followUp} onChange={setFollowUp} error={errors.fields.follow_up_on} inputClass="nhsuk-input--width-10" />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-onward">
          Save
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function OutcomeForm({ o, update, onDone }: { o: OnwardView; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [outcome, setOutcome] = useState<string>(o.outcome === "pending" ? "attended" : o.outcome);
  const [date, setDate] = useState(o.outcome_on ? isoToGB(o.outcome_on) : formatDateGB(new Date()));
  const [barriers, setBarriers] = useState<string[]>(o.barriers);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await update(
      api.record_onward_outcome({ onward_id: o.id, outcome, outcome_on: date, barriers }).catch((err) => {
        setErrors(errorsFrom(toApiError(err), ["outcome", "outcome_on", "barriers"]));
        throw err;
      }),
    );
    if (ok) onDone();
  }
  return (
    <form className="app-panel" onSubmit={(e) => void submit(e)} noValidate data-testid="onward-outcome-form">
      <h3>What happened with {o.asset_name}?</h3>
      <ErrorSummary errors={errors} />
      <Select id="outcome" label="Outcome" choices={lists.onward_outcomes} value={outcome} onChange={setOutcome} error={errors.fields.outcome} />
      {outcome !== "pending" && <TextField id="outcome_on" label="Date" hint="DD/MM/YYYY" value={date} onChange={setDate} error={errors.fields.outcome_on} inputClass="nhsuk-input--width-10" />}
      <Checkboxes id="barriers" legend="Barriers (any that applied)" choices={lists.barriers} values={barriers} onChange={setBarriers} error={errors.fields.barriers} />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-onward-outcome">
          Save outcome
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The episode's onward referrals, with outcomes and barriers; on an open episode, new ones. */
export function OnwardSection({ episode, update, canAdd }: { episode: EpisodeView; update: Update; canAdd: boolean }) {
  const lists = useLists();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby={`onward-title-${episode.id}`}>
      <h2 id={`onward-title-${episode.id}`}>Onward referrals</h2>
      {canAdd && !adding && (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="add-onward" onClick={() => setAdding(true)}>
          Refer or signpost
        </button>
      )}
      {adding && <OnwardFormPanel episode={episode} update={update} onDone={() => setAdding(false)} />}
      {episode.onward.length === 0 ? (
        <p className="app-muted">None yet.</p>
      ) : (
        <table className="nhsuk-table app-table" data-testid="onward-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">To</th>
              <th scope="col">Type</th>
              <th scope="col">Outcome</th>
              <th scope="col">Barriers</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {episode.onward.map((o) => (
              <tr key={o.id} data-onward={o.asset_name}>
                <td>{isoToGB(o.referred_on)}</td>
                <td>
                  {o.asset_name}
                  <div className="app-muted">{labelOf(lists.needs, o.category)}</div>
                  {o.notes && <div className="app-prewrap">{o.notes}</div>}
                </td>
                <td>{labelOf(lists.onward_kinds, o.kind)}</td>
                <td>
                  {o.outcome === "pending" ? (
                    <strong className="nhsuk-tag nhsuk-tag--grey">Pending{o.follow_up_on ? `: follow up ${isoToGB(o.follow_up_on)}` : ""}</strong>
                  ) : (
                    <>
                      <strong className={`nhsuk-tag ${["attended", "partly_attended"].includes(o.outcome) ? "nhsuk-tag--green" : "nhsuk-tag--orange"}`}>{labelOf(lists.onward_outcomes, o.outcome)}</strong> {isoToGB(o.outcome_on)}
                    </>
                  )}
                </td>
                <td>{o.barriers.map((b) => labelOf(lists.barriers, b)).join("; ") || "–"}</td>
                <td>
                  <button type="button" className="app-link-button" data-record-outcome={o.asset_name} onClick={() => setEditing(o.id)}>
                    {o.outcome === "pending" ? "Record outcome" : "Change outcome"}
                    <span className="nhsuk-u-visually-hidden"> for {o.asset_name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {episode.onward.filter((o) => o.id === editing).map((o) => (
        <OutcomeForm key={o.id} o={o} update={update} onDone={() => setEditing(null)} />
      ))}
    </section>
  );
}
