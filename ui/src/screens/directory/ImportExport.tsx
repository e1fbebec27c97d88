import { useEffect, useRef, useState } from "react";
import { api, type ExportFormat, type ImportReport, type JobView } from "../../generated/api";
import { ErrorSummary } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { pickFile, pickFolder, pickSaveAs, type Chosen } from "../../lib/files";
import { cancelJob, percent, runJob } from "../../lib/jobs";
import { useForm } from "../../lib/useForm";
import { Report } from "./ImportReport";
import { ReplaceQuestion, unlessExists } from "../../components/SaveFile";

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: "oruk-json", label: "Open Referral UK JSON (for councils and other directories)" },
  { value: "csv", label: "Linkwork CSV template (for spreadsheets)" },
];
const FEEDS = [{ name: "Open Referral UK JSON or the Linkwork CSV template", extensions: ["json", "csv"] }];

function ImportPanel() {
  const [source, setSource] = useState<Chosen | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { errors, submit, setErrors, clear } = useForm(["path"]);
  const next = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLDivElement>(null);
  // After a preview, focus goes to the next step: the Import button, or the report of what is wrong.
  useEffect(() => {
    if (report) (next.current ?? result.current)?.focus();
  }, [report]);

  async function choose(folder: boolean) {
    const picked = folder
      ? await pickFolder("Choose a folder of Open Referral UK CSV files")
      : await pickFile("Choose a feed or the Linkwork CSV template", FEEDS);
    if (picked) {
      setSource(picked);
      setReport(null);
      setNotice(null);
      clear();
    }
  }

  async function run(dryRun: boolean) {
    if (job) return;
    if (!source) return setErrors({ fields: { path: "Choose a file or a folder to import." }, form: null });
    setReport(null);
    setNotice(null);
    const view = await submit(() => runJob(() => api.import_assets({ path: source.handle, dry_run: dryRun }), setJob));
    setJob(null);
    if (!view) return;
    if (view.state === "done" && view.output?.kind === "import") setReport(view.output.report);
    else if (view.state === "cancelled") setNotice("The import was cancelled. Nothing was changed.");
    else setErrors({ fields: {}, form: view.error?.message ?? "The import stopped before it finished. Nothing was changed." });
  }

  const canImport = report && !report.committed && report.problems.length === 0 && report.added + report.updated > 0;
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p>
        Open Referral UK JSON (a service list page, a full service or a full organisation), a folder of Open Referral UK CSV files (services.csv and the files
        linked to it), or the Linkwork CSV template. Linkwork checks the whole feed first; nothing is imported unless all of it is correct. Your favourites,
        private notes and checked dates are kept.
      </p>
      <ErrorSummary errors={errors} />
      <div className={`nhsuk-form-group${errors.fields.path ? " nhsuk-form-group--error" : ""}`} id="path">
        <p className="nhsuk-label">File or folder</p>
        {errors.fields.path && <span className="nhsuk-error-message">{errors.fields.path}</span>}
        <p data-testid="import-source">{source?.shown ?? "Nothing chosen yet."}</p>
        <div className="nhsuk-button-group">
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            id="choose-file"
            onClick={() => void (job || choose(false))}
            aria-disabled={!!job}
          >
            Choose a file…
          </button>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            id="choose-folder"
            onClick={() => void (job || choose(true))}
            aria-disabled={!!job}
          >
            Choose a folder…
          </button>
        </div>
      </div>
      <div className="nhsuk-button-group">
        {/* Busy buttons stay focusable (aria-disabled): a disabled one would drop focus to the page. */}
        <button className="nhsuk-button" type="button" id="preview-import" aria-disabled={!!job || !source} onClick={() => void run(true)}>
          Check and preview
        </button>
        {canImport && (
          <button className="nhsuk-button" type="button" id="run-import" ref={next} onClick={() => void run(false)}>
            Import {report.added + report.updated} {report.added + report.updated === 1 ? "change" : "changes"}
          </button>
        )}
      </div>
      {job && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="import-progress">
            Reading the feed: {percent(job)}%
          </label>
          <progress id="import-progress" max={100} value={percent(job)} />
          <p>
            <button className="app-link-button" type="button" id="cancel-import" onClick={() => void cancelJob(job.job_id)}>
              Cancel the import
            </button>
          </p>
        </div>
      )}
      <p role="status">{notice}</p>
      <div ref={result} tabIndex={-1}>
        {report && <Report r={report} />}
      </div>
    </section>
  );
}

function ExportPanel() {
  const [format, setFormat] = useState<ExportFormat>("oruk-json");
  const [asking, setAsking] = useState<Chosen | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["format"]);

  async function write(file: Chosen, overwrite: boolean) {
    setAsking(null);
    setDone(null);
    const view = await submit(() =>
      unlessExists(() =>
        runJob(
          () => api.export_assets({ path: file.handle, format, overwrite }),
          () => undefined,
        ),
      ),
    );
    if (view === "exists") return setAsking(file);
    if (view?.output?.kind === "export") setDone(`Exported ${view.output.report.assets} groups and services to ${view.output.report.path}.`);
    else if (view) setDone(view.error?.message ?? "The export stopped before it finished.");
  }

  async function choose() {
    const ext = format === "csv" ? "csv" : "json";
    const picked = await pickSaveAs("Export the directory", `directory.${ext}`, [{ name: format === "csv" ? "CSV" : "JSON", extensions: [ext] }]);
    if (picked) await write(picked, false);
  }

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <ErrorSummary errors={errors} />
      <Select id="export-format" label="Format" choices={FORMATS} value={format} onChange={setFormat} />
      <p className="nhsuk-hint">Private notes are never exported. Linkwork will not save inside its own data folder.</p>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id="run-export" aria-disabled={busy} onClick={() => void (busy || choose())}>
        Export…
      </button>
      {asking && <ReplaceQuestion path={asking.name} onReplace={() => void write(asking, true)} onCancel={() => setAsking(null)} />}
      <p role="status">{done}</p>
    </section>
  );
}

function TemplatePanel() {
  const [asking, setAsking] = useState<Chosen | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, busy, submit } = useForm([]);

  async function write(file: Chosen, overwrite: boolean) {
    setAsking(null);
    setSaved(null);
    const v = await submit(() => unlessExists(() => api.save_asset_template({ path: file.handle, overwrite })));
    if (v === "exists") setAsking(file);
    else if (v) setSaved(`Saved the template to ${v.path}.`);
  }

  async function choose() {
    const picked = await pickSaveAs("Save the Linkwork CSV template", "directory-template.csv", [{ name: "CSV", extensions: ["csv"] }]);
    if (picked) await write(picked, false);
  }

  return (
    <section aria-labelledby="template-title">
      <h2 id="template-title">No feed? Start from the template</h2>
      <p>
        A spreadsheet with one row per group or service, and an example row to copy. Fill it in, save it as CSV UTF-8, and import it above; importing it again
        updates the same rows.
      </p>
      <ErrorSummary errors={errors} />
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id="save-template" aria-disabled={busy} onClick={() => void (busy || choose())}>
        Save the template…
      </button>
      {asking && <ReplaceQuestion path={asking.name} onReplace={() => void write(asking, true)} onCancel={() => setAsking(null)} />}
      <p role="status">{saved}</p>
    </section>
  );
}

export function ImportExport() {
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="import">
      <h1>Import or export the directory</h1>
      <ImportPanel />
      <ExportPanel />
      <TemplatePanel />
    </main>
  );
}
