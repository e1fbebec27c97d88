import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, type AssetHit, type AssetRecord, type AssetSearchArgs, type AssetForm as AssetFormArgs, type ImportReport, type ImportProgress } from "../generated/api";
import { ErrorSummary, TextField, errorsFrom, noErrors, type FormErrors } from "../components/Form";
import { Checkboxes, Select, TextArea } from "../components/Inputs";
import { toApiError } from "../lib/errors";
import { isoToGB } from "../lib/format";
import { labelOf, useLists } from "../lib/lists";

/** Typing pauses this long before the search runs: instant to the eye, not one query per key. */
const SEARCH_DEBOUNCE_MS = 120;

/** Searches the directory a moment after the last change of `args`; `null` searches nothing. */
export function useAssetSearch(args: AssetSearchArgs | null) {
  const [result, setResult] = useState<{ hits: AssetHit[]; total: number } | null>(null);
  const key = args && JSON.stringify(args);
  useEffect(() => {
    if (!key) return setResult(null);
    let live = true;
    const t = setTimeout(() => {
      api.search_assets(JSON.parse(key) as AssetSearchArgs).then((r) => live && setResult(r), () => undefined);
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);
  return [result, setResult] as const;
}

export function VerifiedTag({ stale, on }: { stale: boolean; on: string | null }) {
  if (!on) return <strong className="nhsuk-tag nhsuk-tag--grey" data-stale="true">Not verified yet</strong>;
  if (stale)
    return (
      <strong className="nhsuk-tag nhsuk-tag--orange" data-stale="true">
        Stale: checked {isoToGB(on)}
      </strong>
    );
  return <span>Checked {isoToGB(on)}</span>;
}

function Star({ on, name, onToggle }: { on: boolean; name: string; onToggle: () => void }) {
  return (
    <button type="button" className="app-star" aria-pressed={on} onClick={onToggle} title={on ? "Remove from favourites" : "Add to favourites"} data-favourite={name}>
      <span aria-hidden="true">{on ? "★" : "☆"}</span>
      <span className="nhsuk-u-visually-hidden">{on ? `Remove ${name} from favourites` : `Add ${name} to favourites`}</span>
    </button>
  );
}

export function Directory({ onOpen, onAdd, onImport }: { onOpen: (id: string) => void; onAdd: () => void; onImport: () => void }) {
  const lists = useLists();
  const [text, setText] = useState("");
  const [category, setCategory] = useState("");
  const [filters, setFilters] = useState<string[]>(["active_only"]);
  const [within, setWithin] = useState("");
  const args: AssetSearchArgs = {
    text: text || null,
    category: category || null,
    free_only: filters.includes("free_only"),
    accessible_only: filters.includes("accessible_only"),
    active_only: filters.includes("active_only"),
    favourites_only: filters.includes("favourites_only"),
    verified_within_months: within ? Number(within) : null,
    limit: 100,
  };
  const [result, setResult] = useAssetSearch(args);
  const toggle = async (h: AssetHit) => {
    const rec = await api.set_asset_favourite({ asset_id: h.id, favourite: !h.favourite });
    setResult((r) => r && { ...r, hits: r.hits.map((x) => (x.id === h.id ? { ...x, favourite: rec.favourite } : x)) });
  };
  const filterChoices = [
    { value: "free_only", label: "Free only" },
    { value: "accessible_only", label: "Wheelchair accessible" },
    { value: "active_only", label: "Active only" },
    { value: "favourites_only", label: "Favourites only" },
  ];

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="directory">
      <div className="app-title-row">
        <h1>Community directory</h1>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="button" onClick={onAdd} id="add-asset">
            Add a group or service
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onImport} id="import-export">
            Import or export
          </button>
        </div>
      </div>
      <div className="app-directory">
        <div className="app-directory__filters">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="asset-search">
              Search
            </label>
            <div className="nhsuk-hint" id="asset-search-hint">
              Name, organisation, description, category or postcode
            </div>
            <input className="nhsuk-input" id="asset-search" type="search" value={text} autoFocus autoComplete="off" spellCheck={false} aria-describedby="asset-search-hint" onChange={(e) => setText(e.target.value)} />
          </div>
          <Select id="asset-category" label="Category" choices={lists.needs} value={category} onChange={setCategory} blank="Any category" />
          <Checkboxes id="asset-filters" legend="Show" choices={filterChoices} values={filters} onChange={setFilters} />
          <Select
            id="asset-verified"
            label="Checked with the provider"
            choices={[
              { value: "3", label: "In the last 3 months" },
              { value: "6", label: "In the last 6 months" },
              { value: "12", label: "In the last 12 months" },
            ]}
            value={within}
            onChange={setWithin}
            blank="Any time, or never"
          />
        </div>
        <div className="app-directory__results">
          <p aria-live="polite" data-testid="asset-count">
            {result ? `${result.hits.length === 100 ? "First 100" : result.hits.length} of ${result.total} groups and services` : "Searching…"}
          </p>
          {result && result.hits.length > 0 && (
            <table className="nhsuk-table app-table" data-testid="asset-results">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="nhsuk-u-visually-hidden">Favourite</span>
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Categories</th>
                  <th scope="col">Cost</th>
                  <th scope="col">Postcode</th>
                  <th scope="col">Details checked</th>
                </tr>
              </thead>
              <tbody>
                {result.hits.map((h) => (
                  <tr key={h.id} data-asset={h.name}>
                    <td>
                      <Star on={h.favourite} name={h.name} onToggle={() => void toggle(h)} />
                    </td>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => onOpen(h.id)}>
                        {h.name}
                      </button>
                      {h.organisation && <div className="app-muted">{h.organisation}</div>}
                      {h.status !== "active" && <strong className="nhsuk-tag nhsuk-tag--red">{labelOf(lists.asset_statuses, h.status)}</strong>}
                    </td>
                    <td>{h.categories.map((c) => labelOf(lists.needs, c)).join(", ")}</td>
                    <td>{labelOf(lists.cost_kinds, h.cost)}</td>
                    <td>{h.postcode ?? "–"}</td>
                    <td>
                      <VerifiedTag stale={h.stale} on={h.last_verified_on} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </main>
  );
}

export function AssetPage({ assetId, onEdit }: { assetId: string; onEdit: () => void }) {
  const lists = useLists();
  const [rec, setRec] = useState<AssetRecord | null>(null);
  const [notes, setNotes] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    api.asset({ asset_id: assetId }).then((r) => {
      setRec(r);
      setNotes(r.private_notes ?? "");
    });
  }, [assetId]);
  if (!rec) return <main className="nhsuk-main-wrapper" id="maincontent" aria-busy="true" />;
  const a = rec.asset;
  const act = async (p: Promise<AssetRecord>, message: string) => {
    setRec(await p);
    setSaved(message);
  };
  const access = [a.wheelchair_access && "Wheelchair accessible", a.hearing_loop && "Hearing loop", a.transport && "Transport can be arranged", a.access_notes].filter(Boolean).join(". ");
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
      <div className="app-title-row">
        <h1>
          {a.name} <Star on={rec.favourite} name={a.name} onToggle={() => void act(api.set_asset_favourite({ asset_id: rec.id, favourite: !rec.favourite }), rec.favourite ? "Removed from favourites." : "Added to favourites.")} />
        </h1>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="button" id="verify-asset" onClick={() => void act(api.verify_asset({ asset_id: rec.id }), "Marked as checked with the provider today.")}>
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
      <h2>People referred here</h2>
      <p data-testid="asset-usage">
        {u.referred === 0
          ? "No one has been referred or signposted here yet."
          : `${u.referred} referred or signposted. ${u.with_outcome === 0 ? "No outcomes recorded yet." : `Attended: ${u.attended} of ${u.with_outcome} with a known outcome (${rec.attendance_percent}%).`}`}
      </p>
      {u.barriers.length > 0 && (
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

const ASSET_FIELDS = ["name", "organisation", "description", "categories", "delivery", "days_and_times", "schedule_text", "cost", "cost_description", "min_age", "max_age", "eligibility", "postcode", "address", "phone", "email", "website", "status", "referral_route", "referral_how", "lga_service_type", "access_notes"];

function blankForm(): AssetFormArgs {
  return {
    asset_id: null, name: "", organisation: "", description: "", categories: [], lga_service_type: "", phone: "", email: "", website: "", address: "", postcode: "",
    delivery: "in_person", schedule_text: "", days_and_times: "", cost: "free", cost_description: "", min_age: "", max_age: "", eligibility: "",
    wheelchair_access: false, hearing_loop: false, transport: false, access_notes: "", referral_route: "", referral_how: "", status: "active",
  };
}

export function AssetEditor({ assetId, onSaved, onCancel }: { assetId: string | null; onSaved: (id: string) => void; onCancel: () => void }) {
  const lists = useLists();
  const [f, setF] = useState<AssetFormArgs | null>(assetId ? null : blankForm());
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  useEffect(() => {
    if (!assetId) return;
    api.asset({ asset_id: assetId }).then((r) => {
      const a = r.asset;
      setF({ ...blankForm(), ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v ?? ""])), asset_id: r.id, categories: a.categories, min_age: a.min_age?.toString() ?? "", max_age: a.max_age?.toString() ?? "", days_and_times: r.days_and_times, delivery: a.delivery ?? "in_person", cost: a.cost ?? "unknown", status: a.status ?? "active", referral_route: a.referral_route ?? "" } as AssetFormArgs);
    });
  }, [assetId]);
  if (!f) return <main className="nhsuk-main-wrapper" id="maincontent" aria-busy="true" />;
  const set = (k: keyof AssetFormArgs) => (v: string) => setF({ ...f, [k]: v });
  const text = (k: keyof AssetFormArgs, label: string, hint?: string) => <TextField id={k} label={label} hint={hint} value={(f[k] as string | null) ?? ""} onChange={set(k)} error={errors.fields[k]} />;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await api.save_asset(f!);
      onSaved(r.id);
    } catch (err) {
      setErrors(errorsFrom(toApiError(err), ASSET_FIELDS));
    }
  }
  const flags = [
    { value: "wheelchair_access", label: "Wheelchair accessible" },
    { value: "hearing_loop", label: "Hearing loop" },
    { value: "transport", label: "Transport can be arranged" },
  ];
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="asset-editor">
      <h1>{assetId ? `Edit ${f.name}` : "Add a group or service"}</h1>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {text("name", "Name")}
        {text("organisation", "Organisation that runs it")}
        <TextArea id="description" label="What it is" value={f.description ?? ""} onChange={set("description")} rows={3} />
        <Checkboxes id="categories" legend="Categories" choices={lists.needs} values={f.categories} onChange={(v) => setF({ ...f, categories: v })} error={errors.fields.categories} />
        <Select id="status" label="Status" choices={lists.asset_statuses} value={f.status} onChange={set("status")} />
        <Select id="delivery" label="How it runs" choices={lists.deliveries} value={f.delivery} onChange={set("delivery")} />
        {text("schedule_text", "When it runs, in words", "For example: every Tuesday in term time")}
        {text("days_and_times", "Days and times", "For example: Mon 10:00-12:00; Thu 18:30-20:00")}
        {text("address", "Address")}
        {text("postcode", "Postcode")}
        <Select id="cost" label="Cost" choices={lists.cost_kinds} value={f.cost} onChange={set("cost")} />
        {text("cost_description", "Cost details", "For example: £3 a session, first one free")}
        {text("eligibility", "Who it is for")}
        {text("min_age", "Youngest age")}
        {text("max_age", "Oldest age")}
        <Checkboxes id="access" legend="Access" choices={flags} values={flags.map((x) => x.value).filter((k) => f[k as "transport"])} onChange={(v) => setF({ ...f, wheelchair_access: v.includes("wheelchair_access"), hearing_loop: v.includes("hearing_loop"), transport: v.includes("transport") })} />
        {text("access_notes", "Access notes")}
        <Select id="referral_route" label="How people get there" choices={lists.referral_routes} value={f.referral_route ?? ""} onChange={set("referral_route")} blank="Not known" />
        {text("referral_how", "How to refer", "For example: email the coordinator with the person's consent")}
        {text("phone", "Phone")}
        {text("email", "Email")}
        {text("website", "Website")}
        {text("lga_service_type", "LGA service type (optional)", "The esd code, for example esdServiceType:836")}
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="submit" id="save-asset">
            Save
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </main>
  );
}

function Report({ r }: { r: ImportReport }) {
  const bad = r.problems.length > 0;
  return (
    <div data-testid="import-report">
      {r.committed ? (
        <div className="nhsuk-inset-text">
          <p>
            Imported: {r.added} added, {r.updated} updated, {r.unchanged} unchanged.
          </p>
        </div>
      ) : bad ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">Nothing was imported</h2>
          <p>
            The feed has {r.problems.length + r.more_problems} problem{r.problems.length + r.more_problems === 1 ? "" : "s"}. Without them it would add {r.added}, update {r.updated} and leave {r.unchanged} unchanged. Ask the feed's publisher to correct them, or correct the file, and try again.
          </p>
        </div>
      ) : (
        <div className="nhsuk-inset-text">
          <p>
            Preview: {r.added} to add, {r.updated} to update, {r.unchanged} unchanged. No problems found.
          </p>
        </div>
      )}
      {r.ignored_files.length > 0 && <p className="app-muted">Not read (Linkwork does not use them): {r.ignored_files.join(", ")}.</p>}
      {bad && (
        <table className="nhsuk-table app-table" data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Row or place</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {r.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.file}</td>
                <td>{p.place}</td>
                <td>{p.field ?? "–"}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.more_problems > 0 && <p>…and {r.more_problems} more.</p>}
    </div>
  );
}

export function ImportExport() {
  const [path, setPath] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outPath, setOutPath] = useState("");
  const [format, setFormat] = useState("oruk-json");
  const [exported, setExported] = useState<string | null>(null);
  const [templatePath, setTemplatePath] = useState("");
  const [templateSaved, setTemplateSaved] = useState<string | null>(null);
  const busy = useRef(false);

  async function run(dryRun: boolean) {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    setReport(null);
    setProgress({ running: true, done_bytes: 0, total_bytes: 0 });
    const poll = setInterval(() => {
      api.import_progress().then((p) => p.running && setProgress(p), () => undefined);
    }, 150);
    try {
      setReport(await api.import_assets({ path, dry_run: dryRun }));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      clearInterval(poll);
      setProgress(null);
      busy.current = false;
    }
  }
  const pct = progress && progress.total_bytes > 0 ? Math.round((progress.done_bytes * 100) / progress.total_bytes) : 0;
  const canImport = report && !report.committed && report.problems.length === 0 && report.added + report.updated > 0;

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="import">
      <h1>Import or export the directory</h1>
      <h2>Import</h2>
      <p>
        Open Referral UK JSON (a service list page, a full service or a full organisation), a folder of Open Referral UK CSV files (services.csv and the files linked to it), or the Linkwork CSV template. Linkwork checks the whole feed first; nothing is imported unless all of it is correct. Your favourites, private notes and checked dates are kept.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <TextField id="import-path" label="File or folder" hint="The full path, for example /home/me/Downloads/services.json" value={path} onChange={(v) => { setPath(v); setReport(null); }} inputClass="app-input--wide" />
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="submit" id="preview-import" disabled={!!progress}>
            Check and preview
          </button>
          {canImport && (
            <button className="nhsuk-button" type="button" id="run-import" onClick={() => void run(false)}>
              Import {report!.added + report!.updated} changes
            </button>
          )}
        </div>
      </form>
      {progress && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="import-progress">
            Reading the feed: {pct}%
          </label>
          <progress id="import-progress" max={100} value={pct} />
        </div>
      )}
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      {report && <Report r={report} />}

      <h2>Export</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setExported(null);
          api.export_assets({ path: outPath, format }).then(
            (v) => setExported(`Exported ${v.assets} groups and services to ${v.path}.`),
            (err) => setExported(toApiError(err).message),
          );
        }}
      >
        <Select
          id="export-format"
          label="Format"
          choices={[
            { value: "oruk-json", label: "Open Referral UK JSON (for councils and other directories)" },
            { value: "csv", label: "Linkwork CSV template (for spreadsheets)" },
          ]}
          value={format}
          onChange={setFormat}
        />
        <TextField id="export-path" label="Save as" hint="The full path of the new file. Private notes are never exported." value={outPath} onChange={setOutPath} inputClass="app-input--wide" />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="run-export">
          Export
        </button>
        <p role="status">{exported}</p>
      </form>

      <h2>No feed? Start from the template</h2>
      <p>A spreadsheet with one row per group or service, and an example row to copy. Fill it in, save it as CSV UTF-8, and import it above; importing it again updates the same rows.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTemplateSaved(null);
          api.save_asset_template({ path: templatePath }).then(
            (v) => setTemplateSaved(`Saved the template to ${v.path}.`),
            (err) => setTemplateSaved(toApiError(err).message),
          );
        }}
      >
        <TextField id="template-path" label="Save the template as" hint="The full path, for example /home/me/Documents/directory.csv" value={templatePath} onChange={setTemplatePath} inputClass="app-input--wide" />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-template">
          Save the template
        </button>
        <p role="status">{templateSaved}</p>
      </form>
    </main>
  );
}
