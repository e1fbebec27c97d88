import { useState } from "react";
import { useCommand } from "../../lib/useCommand";
import { api, type Cell, type JobView, type ReportPreview, type Table } from "../../generated/api";
import { ChartCanvas, SERIES } from "../../components/Charts";
import { ErrorSummary } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { ReplaceQuestion, unlessExists } from "../../components/SaveFile";
import { pickSaveAs, type Chosen } from "../../lib/files";
import { percent, runJob } from "../../lib/jobs";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";
import { NewPassphrase } from "../../components/NewPassphrase";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** This month and the eleven before it, newest first: "2026-10" → "October 2026". */
function recentMonths(today: Date): { value: string; label: string }[] {
  const out = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(today.getFullYear(), today.getMonth() - i, 1);
    out.push({
      value: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`,
      label: `${MONTHS[d.getMonth()]} ${d.getFullYear()}${i === 0 ? " (so far)" : ""}`,
    });
  }
  return out;
}

/** An id from a section title ("Onward referrals" → "onward-referrals"). */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export function shown(c: Cell): string {
  switch (c.kind) {
    case "text":
      return c.value;
    case "count":
      return c.value.toLocaleString("en-GB");
    case "percent":
      return `${c.value.toFixed(1)}%`;
    case "decimal":
      return c.value.toFixed(1);
    case "suppressed":
      return "<5";
    case "too_few":
    case "withheld":
    case "blank":
      return "–";
  }
}

/** Why a value is not shown, where "–" alone could read as "nothing recorded" (the core's notes). */
export function note(c: Cell): string | null {
  switch (c.kind) {
    case "too_few":
      return "fewer than 5 people";
    case "withheld":
      return "hidden to protect a small number";
    default:
      return null;
  }
}

function number(c: Cell): number {
  return c.kind === "count" || c.kind === "percent" || c.kind === "decimal" ? c.value : 0;
}

/** Columns worth showing: the code column goes when a label sits beside it; all-zero counts go in wide tables. */
function columnsShown(t: Table): number[] {
  const hideCode = t.columns.length > 1 && t.columns[1].name === "label";
  const allZero = (i: number) => t.rows.every((r) => r[i].kind === "count" && r[i].value === 0);
  return t.columns.map((_, i) => i).filter((i) => !(hideCode && i === 0) && !(t.columns.length > 4 && allZero(i)));
}

function ReportTable({ t }: { t: Table }) {
  const spec = t.chart;
  const drawable = spec && t.rows.some((r) => spec.value_columns.some((c) => number(r[c]) > 0));
  const cols = columnsShown(t);
  return (
    <section className="app-report-table" aria-labelledby={`rt-${t.name}`} data-table={t.name}>
      {/* The section's first table often shares its title ("Caseload"): one visible heading is enough. */}
      <h3 id={`rt-${t.name}`} className={t.title === t.section ? "nhsuk-u-visually-hidden" : undefined}>
        {t.title}
      </h3>
      {spec && drawable && (
        <ChartCanvas
          testId={`chart-${t.name}`}
          label={`${spec.title}: chart. The table below has the figures.`}
          height={Math.max(120, 40 + t.rows.length * 30)}
          config={{
            type: "bar",
            data: {
              labels: t.rows.map((r) => shown(r[spec.label_column])),
              datasets: spec.value_columns
                .filter((c) => t.rows.some((r) => number(r[c]) > 0))
                .map((c, i) => ({ label: t.columns[c].label, data: t.rows.map((r) => number(r[c])), backgroundColor: SERIES[i % SERIES.length].color })),
            },
            options: {
              indexAxis: "y",
              scales: { x: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: spec.stacked } },
              plugins: { legend: { display: spec.value_columns.length > 1 } },
            },
          }}
        />
      )}
      {t.rows.length === 0 ? (
        <p className="nhsuk-hint">{t.empty}</p>
      ) : (
        <TableRegion>
          <table className="nhsuk-table app-report-grid">
            <thead>
              <tr>
                {cols.map((c) => (
                  <th key={c} scope="col" className={t.rows.some((r) => r[c].kind !== "text") ? "app-num" : undefined}>
                    {t.columns[c].label || t.columns[c].name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, i) => (
                <tr key={i}>
                  {cols.map((c) => (
                    <td key={c} className={r[c].kind !== "text" ? "app-num" : undefined}>
                      {shown(r[c])}
                      {note(r[c]) && <span className="app-cell-note">{note(r[c])}</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

function ExportPanel({ preview, month, onDone, onSettings }: { preview: ReportPreview; month: string; onDone: () => void; onSettings: () => void }) {
  const keys = preview.supervisor_keys;
  const [how, setHow] = useState<"keys" | "passphrase">(keys.length > 0 ? "keys" : "passphrase");
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [plain, setPlain] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const [asking, setAsking] = useState<{ file: Chosen; plain: Chosen | null } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["passphrase", "passphrase_confirm", "plain_copy_understood"], {
    passphrase: "report-passphrase",
    passphrase_confirm: "report-passphrase-confirm",
    plain_copy_understood: "plain-understood",
  });

  async function write(file: Chosen, overwrite: boolean, plainFile: Chosen | null) {
    setAsking(null);
    setDone(null);
    const view = await submit(() =>
      unlessExists(async () => {
        const v = await runJob(
          () =>
            api.export_report({
              month,
              from: null,
              to: null,
              path: file.handle,
              overwrite,
              passphrase: how === "passphrase" ? passphrase : null,
              passphrase_confirm: how === "passphrase" ? confirm : null,
              plain_copy_path: plainFile?.handle ?? null,
              plain_copy_overwrite: overwrite,
              plain_copy_understood: understood,
              // The keys saved in Settings, every file, the settings' suppression.
              supervisor_keys: [],
              files: "all",
              no_suppression: false,
            }),
          setJob,
        );
        if (v.state === "failed" && v.error) throw v.error;
        return v;
      }),
    );
    setJob(null);
    if (view === "exists") return setAsking({ file, plain: plainFile });
    if (view?.output?.kind === "report") {
      const r = view.output.report;
      setDone(
        `The report for ${r.period_label} is saved in ${r.path}, encrypted to ${r.encrypted_to}.${r.plain_copy_path ? ` Unencrypted copy: ${r.plain_copy_path}.` : ""}`,
      );
      setPassphrase("");
      setConfirm("");
      onDone();
    } else if (view) setDone(view.error?.message ?? "The export stopped before it finished.");
  }

  async function choose() {
    const picked = await pickSaveAs("Export the report for your supervisor", preview.file_name, [{ name: "age encrypted file", extensions: ["age"] }]);
    if (!picked) return;
    let plainFile: Chosen | null = null;
    if (plain) {
      plainFile = await pickSaveAs("Save the unencrypted copy", preview.file_name.replace(/\.age$/, ".zip"), [{ name: "Zip", extensions: ["zip"] }]);
      if (!plainFile) return;
    }
    await write(picked, false, plainFile);
  }

  return (
    <section className="app-report-export" aria-labelledby="export-title">
      <h2 id="export-title">Export for supervisor</h2>
      <ErrorSummary errors={errors} />
      <p className="nhsuk-body-s">One file, encrypted with age: the report, CSV files, a workbook and the figures for the team report.</p>
      {(preview.case_studies.length > 0 || preview.case_studies_left_out.length > 0) && (
        <div className="nhsuk-body-s" data-testid="report-case-studies">
          {preview.case_studies.length > 0 && <p>With the case studies chosen: {preview.case_studies.map((t) => `“${t}”`).join(", ")}.</p>}
          {preview.case_studies_left_out.map((c) => (
            <p key={c.title}>
              Left out: “{c.title}”, {c.why}.
            </p>
          ))}
        </div>
      )}
      {preview.needs_name && (
        <p className="app-reminder" data-testid="report-needs-name">
          Add your name in Settings first, so your supervisor can tell whose report it is.{" "}
          <button type="button" className="app-link-button" id="report-go-settings" onClick={onSettings}>
            Go to Settings
          </button>
        </p>
      )}
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Encrypt to</legend>
        <div className="nhsuk-radios nhsuk-radios--small">
          <div className="nhsuk-radios__item">
            <input
              className="nhsuk-radios__input"
              id="seal-keys"
              type="radio"
              name="seal"
              checked={how === "keys"}
              disabled={keys.length === 0}
              aria-describedby={keys.length === 0 ? "seal-keys-hint" : undefined}
              onChange={() => setHow("keys")}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor="seal-keys">
              {keys.length > 1 ? `${keys.length} supervisor keys` : "Your supervisor's key"}
            </label>
            {keys.length === 0 && (
              <div className="nhsuk-hint nhsuk-radios__hint" id="seal-keys-hint">
                None saved yet: add it in Settings.
              </div>
            )}
          </div>
          <div className="nhsuk-radios__item">
            <input
              className="nhsuk-radios__input"
              id="seal-passphrase"
              type="radio"
              name="seal"
              checked={how === "passphrase"}
              aria-describedby="seal-passphrase-hint"
              onChange={() => setHow("passphrase")}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor="seal-passphrase">
              A passphrase
            </label>
            <div className="nhsuk-hint nhsuk-radios__hint" id="seal-passphrase-hint">
              Tell it to your supervisor another way, not by email.
            </div>
          </div>
        </div>
      </fieldset>
      {how === "passphrase" && (
        <>
          <NewPassphrase
            id="report-passphrase"
            confirmId="report-passphrase-confirm"
            label="Passphrase"
            hint="Tell it to your supervisor another way, not with the file."
            value={passphrase}
            again={confirm}
            onChange={setPassphrase}
            onAgain={setConfirm}
            errors={errors.fields}
          />
        </>
      )}
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id="plain-copy" type="checkbox" checked={plain} onChange={(e) => setPlain(e.target.checked)} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="plain-copy">
            Also save an unencrypted copy
          </label>
        </div>
      </div>
      {plain && (
        <div className={`nhsuk-warning-callout${errors.fields["plain-understood"] ? " nhsuk-form-group--error" : ""}`}>
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Not encrypted
            </span>
          </h3>
          <p>Anyone who gets the copy can read it. Keep it on an encrypted drive and delete it when it has been used.</p>
          {errors.fields["plain-understood"] && <span className="nhsuk-error-message">{errors.fields["plain-understood"]}</span>}
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="plain-understood"
              type="checkbox"
              checked={understood}
              onChange={(e) => setUnderstood(e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="plain-understood">
              I understand the copy is not encrypted
            </label>
          </div>
        </div>
      )}
      <button className="nhsuk-button" type="button" id="export-report" aria-disabled={busy} onClick={() => void (busy || choose())}>
        Export for supervisor…
      </button>
      {job && (
        <p>
          <label htmlFor="report-progress">Making the report: {percent(job)}%</label> <progress id="report-progress" max={100} value={percent(job)} />
        </p>
      )}
      {asking && <ReplaceQuestion path={asking.file.name} onReplace={() => void write(asking.file, true, asking.plain)} onCancel={() => setAsking(null)} />}
      <p role="status" id="report-done">
        {done}
      </p>
    </section>
  );
}

/** The monthly report: choose a month, look at every table and chart, export it encrypted for the supervisor. */
export function Report({ onSettings }: { onSettings: () => void }) {
  const months = recentMonths(new Date());
  const [month, setMonth] = useState(months[1].value);
  // A month with nothing to report is an answer, said in place of the tables (not a failure to retry).
  const loaded = useCommand(() => api.report_preview({ month, from: null, to: null }), [month]);
  const error = loaded.error;
  const preview = error ? null : loaded.data;

  const sections = preview ? [...new Set(preview.tables.map((t) => t.section))] : [];
  return (
    <main className="nhsuk-main-wrapper app-report" id="maincontent" data-screen="report">
      <h1>Monthly report for your supervisor</h1>
      <div className="app-report__bar">
        <Select id="report-month" label="Month" choices={months} value={month} onChange={setMonth} />
        {preview && (
          <p className="nhsuk-body-s app-report__meta" data-testid="report-meta">
            {preview.period_label} · {preview.worker}
            {preview.exported && <strong className="nhsuk-tag nhsuk-tag--green app-report__tag">Exported</strong>}
          </p>
        )}
      </div>
      {error && (
        <div className="nhsuk-inset-text" role="status" data-testid="report-empty">
          <p>{error.message}</p>
        </div>
      )}
      {preview && (
        <div className="app-report__body">
          <div className="app-report__tables">
            {preview.suppression === "on" ? (
              <p className="nhsuk-hint">
                So no one can be recognised, counts from 1 to 4 show as &lt;5, a percentage, mean or median of fewer than 5 people as &ndash;, and a figure that
                would let one of those be worked out from the others is hidden too. The export keeps it that way.
              </p>
            ) : (
              <div className="nhsuk-warning-callout">
                <h3 className="nhsuk-warning-callout__label">
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>For internal use only
                  </span>
                </h3>
                <p>Small numbers are not suppressed (Settings). Counts from 1 to 4 could let someone be recognised.</p>
              </div>
            )}
            {sections.map((s) => (
              <section key={s} aria-labelledby={`rs-${slug(s)}`}>
                <h2 id={`rs-${slug(s)}`}>{s}</h2>
                {preview.tables
                  .filter((t) => t.section === s)
                  .map((t) => (
                    <ReportTable key={t.name} t={t} />
                  ))}
              </section>
            ))}
          </div>
          <ExportPanel preview={preview} month={month} onDone={loaded.retry} onSettings={onSettings} />
        </div>
      )}
    </main>
  );
}
