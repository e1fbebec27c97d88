import { useState, type FormEvent } from "react";
import { api, type AuditCompared, type AuditPage } from "../../generated/api";
import { NONE_CHOSEN, pickFile, type Chosen } from "../../lib/files";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";
import { Saved } from "../../components/Saved";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

/** How long closed episodes are kept, what is past it, and removing it after confirmation. */
export function Retention() {
  const loaded = useCommand(() => api.retention(), []);
  const view = loaded.data;
  const setView = loaded.set;
  // What is typed, once something is; until then the stored years.
  const [typed, setYears] = useState<string | null>(null);
  const years = typed ?? (view ? String(view.years) : "");
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["years"], { years: "retention-years" });

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const v = await submit(() => api.set_retention({ years }));
    if (v) {
      setView(v);
      setSaved(`Saved. Closed episodes are kept ${v.years} years after closing.`);
    }
  }

  async function purge() {
    if (!view) return;
    const r = await submit(() => api.purge_retention({ episode_ids: view.due.map((d) => d.episode_id) }));
    if (!r) return;
    setConfirming(false);
    setSaved(`Removed ${r.episodes} episode(s) and ${r.people} whole record(s).`);
    const v = await submit(() => api.retention());
    if (v) setView(v);
  }

  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">How long records are kept</h2>
      <p>The NHS Records Management Code of Practice keeps adult records for 8 years after care ends. Check your practice's policy before changing this.</p>
      {!view && <Loading loaded={loaded} what="how long records are kept" />}
      <ErrorSummary errors={errors} />
      {view && (
        <form onSubmit={(e) => void save(e)} noValidate id="retention-form">
          <TextField
            id="retention-years"
            label="Keep closed episodes for (years after closing)"
            inputClass="nhsuk-input--width-4"
            inputMode="numeric"
            value={years}
            onChange={setYears}
            error={errors.fields.years}
          />
          <SubmitButton busy={busy} busyText="Saving…">
            Save
          </SubmitButton>
        </form>
      )}
      {view &&
        (view.due.length === 0 ? (
          <p data-testid="retention-none">No closed episode is past the retention period (closed before {view.cutoff}).</p>
        ) : (
          <>
            <TableRegion>
              <table className="nhsuk-table" data-testid="retention-due">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                  {view.due.length} closed episode(s) past the retention period (closed before {view.cutoff})
                </caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Referred</th>
                    <th scope="col">Closed</th>
                    <th scope="col">What goes</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {view.due.map((d) => (
                    <tr key={d.episode_id}>
                      <td>{d.name}</td>
                      <td>{d.received_on}</td>
                      <td>{d.closed_on}</td>
                      <td>{d.whole_record ? "Their whole record" : "This episode (they have a later one)"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            {confirming ? (
              <div className="nhsuk-warning-callout">
                <h3 className="nhsuk-warning-callout__label">
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>
                    Remove these {view.due.length} episode(s) for good?
                  </span>
                </h3>
                <p>Contacts, notes, plans, outcomes and onward referrals in them go too. The audit trail keeps only that they were removed.</p>
                <div className="nhsuk-button-group">
                  <button
                    className="nhsuk-button nhsuk-button--warning"
                    type="button"
                    id="retention-purge-confirm"
                    disabled={busy}
                    onClick={() => void purge()}
                  >
                    Remove them
                  </button>
                  <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setConfirming(false)}>
                    Keep them
                  </button>
                </div>
              </div>
            ) : (
              <button className="nhsuk-button nhsuk-button--secondary" type="button" id="retention-purge" onClick={() => setConfirming(true)}>
                Remove these episodes…
              </button>
            )}
          </>
        ))}
      <p className="app-saved" role="status" aria-live="polite">
        {saved}
      </p>
    </section>
  );
}

/** The trail beside a backup's record of where it ended: rows deleted since show, as the chain alone cannot. */
function CompareWithBackup() {
  const [path, setPath] = useState<Chosen | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [result, setResult] = useState<AuditCompared | null>(null);
  const { errors, busy, submit } = useForm(["path", "passphrase"], { path: "audit-backup-choose", passphrase: "audit-backup-passphrase" });

  async function choose() {
    const p = await pickFile("Choose a backup of this vault", [{ name: "Linkwork backup", extensions: ["age"] }]);
    if (p) {
      setPath(p);
      setResult(null);
    }
  }

  async function compare(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const r = await submit(() => api.compare_audit_with_backup({ path: path?.handle ?? NONE_CHOSEN, passphrase, recovery_identity: null }));
    if (r) {
      setResult(r);
      setPassphrase("");
      setTimeout(() => document.getElementById("audit-compared")?.focus(), 0);
    }
  }

  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary" id="audit-compare">
        <span className="nhsuk-details__summary-text">Compare with a backup</span>
      </summary>
      <div className="nhsuk-details__text">
        <p>
          Each backup records where the audit trail ended when it was made. Comparing shows whether any row written before that backup has since been deleted or
          changed, which the check above cannot see when the newest rows are removed.
        </p>
        <form onSubmit={(e) => void compare(e)} noValidate id="audit-compare-form">
          <ErrorSummary errors={errors} />
          <div className={`nhsuk-form-group${errors.fields["audit-backup-choose"] ? " nhsuk-form-group--error" : ""}`}>
            {errors.fields["audit-backup-choose"] && <span className="nhsuk-error-message">{errors.fields["audit-backup-choose"]}</span>}
            <button className="nhsuk-button nhsuk-button--secondary" type="button" id="audit-backup-choose" onClick={() => void choose()}>
              Choose backup file…
            </button>
            <p data-testid="audit-backup-file">{path ? path.name : "No file chosen."}</p>
          </div>
          <TextField
            id="audit-backup-passphrase"
            label="The passphrase the vault had when the backup was made"
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={setPassphrase}
            error={errors.fields["audit-backup-passphrase"]}
          />
          <SubmitButton busy={busy} busyText="Comparing…">
            Compare
          </SubmitButton>
        </form>
        <p role="status" id="audit-compared" tabIndex={-1} data-holds={result ? String(result.holds) : undefined}>
          {result && (result.holds ? result.summary : <strong className="app-conflict">{result.summary}</strong>)}
        </p>
      </div>
    </details>
  );
}

/** The audit trail, newest first, fifty rows at a time, and a check of its hash chain. */
export function AuditTrail() {
  const [pages, setPages] = useState<AuditPage[]>([]);
  const [verdict, setVerdict] = useState<string | null>(null);
  const [broken, setBroken] = useState<string[]>([]);
  const { error, busy, submit } = useForm([]);

  async function more() {
    const before = pages.length ? pages[pages.length - 1].older : null;
    const p = await submit(() => api.audit_page({ before }));
    if (p) setPages([...pages, p]);
  }

  async function verify() {
    setVerdict(null);
    const r = await submit(() => api.verify_audit());
    if (!r) return;
    setBroken(r.breaks);
    setVerdict(
      r.ok
        ? `The audit trail is intact: ${r.rows} rows, each chained to the one before.`
        : `The audit trail has been tampered with (${r.breaks.length} of ${r.rows} rows):`,
    );
  }

  const rows = pages.flatMap((p) => p.rows);
  const older = pages.length ? pages[pages.length - 1].older : null;
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <p>
        What was done to which record, and when. It never holds names or notes, and each row is chained to the one before with a key kept in the vault, so a
        change shows.
      </p>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="audit-verify" disabled={busy} onClick={() => void verify()}>
          Check the audit trail
        </button>
        {pages.length === 0 && (
          <button className="nhsuk-button nhsuk-button--secondary" type="button" id="audit-show" disabled={busy} onClick={() => void more()}>
            Show the audit trail
          </button>
        )}
      </div>
      <div role="status" aria-live="polite" id="audit-verdict">
        {verdict && <p>{verdict}</p>}
        {broken.length > 0 && (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {broken.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        )}
        {error && <p className="nhsuk-error-message">{error.message}</p>}
      </div>
      <CompareWithBackup />
      {/* "Show" goes once pressed: focus moves to these words, just above the rows. */}
      {pages.length > 0 && (
        <Saved
          text={rows.length > 0 ? `The audit trail, newest first: ${pages[0].rows.length} rows below.` : "The audit trail is empty."}
          testid="audit-shown"
        />
      )}
      {rows.length > 0 && (
        <TableRegion>
          <table className="nhsuk-table" data-testid="audit-rows">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Newest first, in this laptop's time</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Row</th>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Record</th>
                <th scope="col">Fields changed</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td className="app-nowrap">{r.at}</td>
                  <td>
                    {r.action}
                    {r.by ? ` (${r.by})` : ""}
                  </td>
                  <td>{r.record}</td>
                  <td>{r.fields.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {older !== null && pages.length > 0 && (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="audit-older" disabled={busy} onClick={() => void more()}>
          Show older rows
        </button>
      )}
    </section>
  );
}
