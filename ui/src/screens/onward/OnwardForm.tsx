import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, type AssetHit, type EpisodeView, type NeedCategory, type OnwardKind } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select, TextArea } from "../../components/Inputs";
import { formatDateGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import { useAssetSearch } from "../directory/search";
import type { Update } from "../person/update";

/** Refer or signpost: pick an asset by typing (the directory's own search), then the details. */
/** `onDone` gets what was saved, to say so, or nothing when cancelled. */
export function OnwardFormPanel({ episode, update, onDone }: { episode: EpisodeView; update: Update; onDone: (saved?: string) => void }) {
  const lists = useLists();
  const [text, setText] = useState("");
  const [asset, setAsset] = useState<AssetHit | null>(null);
  const [kind, setKind] = useState<OnwardKind>("signpost");
  const [category, setCategory] = useState<NeedCategory | "">("");
  const [date, setDate] = useState(formatDateGB(new Date()));
  const [notes, setNotes] = useState("");
  const [followUp, setFollowUp] = useState("");
  const { errors, submit, setErrors } = useForm(["kind", "category", "referred_on", "follow_up_on"]);
  const [found, , searchFailed, searchAgain] = useAssetSearch(
    asset || !text.trim()
      ? null
      : { text, active_only: true, limit: 8, category: null, free_only: false, accessible_only: false, favourites_only: false, verified_within_months: null },
  );
  const hits = found?.hits ?? [];
  // Picking a service removes the search box that had focus: carry focus on to the next field.
  const form = useRef<HTMLFormElement>(null);
  const picked = useRef(false);
  useEffect(() => {
    if (asset && picked.current) form.current?.querySelector<HTMLElement>("#kind")?.focus();
    picked.current = false;
  }, [asset]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!asset) return setErrors({ fields: { "onward-asset": "Choose the group or service." }, form: null });
    const saved = await submit(() =>
      update(
        api.add_onward({
          episode_id: episode.id,
          asset_id: asset.id,
          kind,
          category: category || null,
          referred_on: date,
          notes: notes || null,
          follow_up_on: followUp || null,
        }),
      ),
    );
    if (saved) onDone(`${labelOf(lists.onward_kinds, kind)} to ${asset.name} saved, dated ${date}.`);
  }

  return (
    <form className="app-panel" ref={form} onSubmit={(e) => void save(e)} noValidate data-testid="onward-form">
      <h3>Refer or signpost</h3>
      <ErrorSummary errors={errors} />
      {asset ? (
        <p>
          To <strong data-testid="onward-chosen">{asset.name}</strong>{" "}
          <button type="button" className="app-link-button" onClick={() => setAsset(null)}>
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
          <input
            className="nhsuk-input"
            id="onward-asset"
            type="search"
            autoFocus
            autoComplete="off"
            value={text}
            aria-describedby="onward-asset-hint"
            onChange={(e) => setText(e.target.value)}
          />
          {searchFailed && (
            <p className="app-warning-text" role="alert" data-testid="onward-search-failed">
              Could not search the directory: {searchFailed}{" "}
              <button type="button" className="app-link-button" onClick={searchAgain}>
                Try again
              </button>
            </p>
          )}
          {hits.length > 0 && (
            <ul className="app-suggestions" aria-label="Matching groups and services">
              {hits.map((h) => (
                <li key={h.id}>
                  <button
                    type="button"
                    className="app-link-button"
                    data-pick={h.name}
                    onClick={() => {
                      picked.current = true;
                      setAsset(h);
                    }}
                  >
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
      <Select
        id="category"
        label="Category"
        hint={
          asset && asset.categories.length > 0
            ? `What this referral is for: it decides the GP code. ${asset.name} is listed under ${asset.categories.map((c) => labelOf(lists.needs, c)).join("; ")}.`
            : "What this referral is for: it decides the GP code."
        }
        choices={lists.needs}
        value={category}
        onChange={setCategory}
        blank="Choose a category"
        error={errors.fields.category}
      />
      <TextField
        id="referred_on"
        label="Date"
        hint="DD/MM/YYYY"
        value={date}
        onChange={setDate}
        error={errors.fields.referred_on}
        inputClass="nhsuk-input--width-10"
      />
      <TextArea id="onward-notes" label="Notes (optional)" value={notes} onChange={setNotes} rows={2} />
      <TextField
        id="follow_up_on"
        label="Follow up on (optional)"
        hint="DD/MM/YYYY: when to ask how it went"
        value={followUp}
        onChange={setFollowUp}
        error={errors.fields.follow_up_on}
        inputClass="nhsuk-input--width-10"
      />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-onward">
          Save
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
