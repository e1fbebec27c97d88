import { useState, type FormEvent } from "react";
import { api, type BackupSettingsView, type BackupVerified, type JobView } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { ReplaceQuestion, unlessExists } from "../../components/SaveFile";
import { copyText } from "../../lib/clipboard";
import { NONE_CHOSEN, pickFile, pickFolder, pickSaveAs, type Chosen } from "../../lib/files";
import { nowGB, plural, todayIso } from "../../lib/format";
import { percent, runJob } from "../../lib/jobs";
import { useForm } from "../../lib/useForm";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

/** "06/12/2026 14:05", in this computer's time. */
function when(iso: string): string {
  return nowGB(new Date(iso));
}

function lastBackup(v: BackupSettingsView): string {
  return v.last_backup_at ? `Last backup: ${when(v.last_backup_at)}.` : "No backup has been made yet.";
}

/** Back up now (to a file, or into the backup folder) with progress. */
function BackupNow({ view, onMade }: { view: BackupSettingsView; onMade: () => void }) {
  const [job, setJob] = useState<JobView | null>(null);
  const [asking, setAsking] = useState<Chosen | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["path"], { path: "backup-now" });

  async function write(file: Chosen | null, overwrite: boolean) {
    setAsking(null);
    setDone(null);
    const v = await submit(() =>
      unlessExists(async () => {
        const r = await runJob(() => api.backup({ path: file?.handle ?? null, overwrite }), setJob);
        if (r.state === "failed" && r.error) throw r.error;
        return r;
      }),
    );
    setJob(null);
    if (v === "exists" && file) return setAsking(file);
    if (v && v !== "exists" && v.output?.kind === "backup") {
      const b = v.output.report;
      setDone(
        `Backed up ${plural(Number(b.people), "person", "people")} to ${b.path}. It opens with your passphrase${b.to_recovery ? " or the recovery key" : ""}.${
          b.pruned > 0 ? ` ${plural(b.pruned, "older backup")} deleted from the folder.` : ""
        }`,
      );
      onMade();
    } else if (v && v !== "exists") setDone(v.error?.message ?? "The backup stopped before it finished.");
  }

  async function start() {
    if (view.folder) return write(null, false);
    const picked = await pickSaveAs("Back up Linkwork", `linkwork-backup-${todayIso()}.age`, [{ name: "Linkwork backup", extensions: ["age"] }]);
    if (picked) await write(picked, false);
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <button className="nhsuk-button" type="button" id="backup-now" aria-disabled={busy} onClick={() => void (busy || start())}>
        {view.folder ? "Back up now" : "Back up now…"}
      </button>
      {job && (
        <p>
          <label htmlFor="backup-progress">Backing up: {percent(job)}%</label> <progress id="backup-progress" max={100} value={percent(job)} />
        </p>
      )}
      {asking && <ReplaceQuestion path={asking.name} onReplace={() => void write(asking, true)} onCancel={() => setAsking(null)} />}
      <p className="app-saved" role="status" id="backup-done">
        {done}
      </p>
    </>
  );
}

/** Where backups go, how many are kept, the reminder, and backing up on lock. */
function BackupPlace({ view, onSaved }: { view: BackupSettingsView; onSaved: (v: BackupSettingsView) => void }) {
  const [folder, setFolder] = useState(view.folder);
  // A folder just chosen (for the core), or "none" to forget it; neither keeps the saved one.
  const [newFolder, setNewFolder] = useState<Chosen | null>(null);
  const [noFolder, setNoFolder] = useState(false);
  const [keep, setKeep] = useState(String(view.keep));
  const [remind, setRemind] = useState(String(view.remind_after_days));
  const [onLock, setOnLock] = useState(view.on_lock);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["folder", "keep", "remind_after_days", "on_lock"], {
    folder: "backup-choose-folder",
    keep: "backup-keep",
    remind_after_days: "backup-remind",
    on_lock: "backup-on-lock",
  });

  async function choose() {
    const f = await pickFolder("Choose a folder for backups");
    if (f) {
      setNewFolder(f);
      setNoFolder(false);
      setFolder(f.shown);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const v = await submit(() =>
      api.update_backup_settings({ new_folder: newFolder?.handle ?? null, no_folder: noFolder, keep, remind_after_days: remind, on_lock: onLock }),
    );
    if (v) {
      onSaved(v);
      setSaved(v.folder ? `Saved. Backups go to ${v.folder}; the newest ${v.keep} are kept.` : "Saved. You choose where each backup goes.");
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate id="backup-settings">
      <ErrorSummary errors={errors} />
      <div className={`nhsuk-form-group${errors.fields["backup-choose-folder"] ? " nhsuk-form-group--error" : ""}`}>
        <p className="nhsuk-label" id="backup-folder-label">
          Backup folder
        </p>
        <div className="nhsuk-hint" id="backup-folder-hint">
          A practice network drive or an encrypted USB stick: somewhere that survives this laptop. Backups are encrypted, so they are safe there.
        </div>
        {errors.fields["backup-choose-folder"] && <span className="nhsuk-error-message">{errors.fields["backup-choose-folder"]}</span>}
        <p className="app-mono" data-testid="backup-folder">
          {folder ?? "None: you choose where each backup goes."}
        </p>
        <div className="nhsuk-button-group">
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            id="backup-choose-folder"
            aria-describedby="backup-folder-label backup-folder-hint"
            onClick={() => void choose()}
          >
            Choose folder…
          </button>
          {folder && (
            <button
              className="app-link-button"
              type="button"
              id="backup-forget-folder"
              onClick={() => {
                setFolder(null);
                setNewFolder(null);
                setNoFolder(true);
              }}
            >
              No backup folder
            </button>
          )}
        </div>
      </div>
      <TextField
        id="backup-keep"
        label="Backups to keep in the folder"
        hint="Older ones Linkwork made are deleted; nothing else in the folder is touched."
        inputClass="nhsuk-input--width-3"
        inputMode="numeric"
        value={keep}
        onChange={setKeep}
        error={errors.fields["backup-keep"]}
      />
      <TextField
        id="backup-remind"
        label="Remind me when the last backup is older than (days)"
        inputClass="nhsuk-input--width-3"
        inputMode="numeric"
        value={remind}
        onChange={setRemind}
        error={errors.fields["backup-remind"]}
      />
      <div className={`nhsuk-form-group${errors.fields["backup-on-lock"] ? " nhsuk-form-group--error" : ""}`}>
        {errors.fields["backup-on-lock"] && <span className="nhsuk-error-message">{errors.fields["backup-on-lock"]}</span>}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="backup-on-lock" type="checkbox" checked={onLock} onChange={(e) => setOnLock(e.target.checked)} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="backup-on-lock">
              Back up to the folder when I lock or close Linkwork, if anything changed
            </label>
          </div>
        </div>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-backup-settings" aria-disabled={busy}>
        Save backup settings
      </button>
      <p className="app-saved" role="status">
        {saved}
      </p>
    </form>
  );
}

/** Opens a backup and checks it completely, without touching the vault. */
function CheckBackup() {
  const [path, setPath] = useState<Chosen | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [result, setResult] = useState<BackupVerified | null>(null);
  const { errors, busy, submit } = useForm(["path", "passphrase"], { path: "check-choose", passphrase: "check-passphrase" });

  async function choose() {
    const p = await pickFile("Choose a Linkwork backup to check", [{ name: "Linkwork backup", extensions: ["age"] }]);
    if (p) {
      setPath(p);
      setResult(null);
    }
  }

  async function check(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const v = await submit(() => api.verify_backup({ path: path?.handle ?? NONE_CHOSEN, passphrase, recovery_identity: null }));
    setPassphrase("");
    if (v) setResult(v);
  }

  return (
    <form onSubmit={(e) => void check(e)} noValidate id="check-backup">
      <h3>Check a backup</h3>
      <p>Opens the backup and checks every part of it, in a private folder that is removed afterwards. Your vault is not touched.</p>
      <ErrorSummary errors={errors} />
      <p data-testid="check-file">{path ? path.name : "No file chosen."}</p>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id="check-choose" onClick={() => void choose()}>
        Choose backup file…
      </button>
      <TextField
        id="check-passphrase"
        label="The passphrase when the backup was made"
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={setPassphrase}
        error={errors.fields["check-passphrase"]}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="check-backup-go" aria-disabled={busy}>
        {busy ? "Checking…" : "Check backup"}
      </button>
      <p className="app-saved" role="status" id="check-result">
        {result &&
          `A good backup, made ${when(result.created_at)}: ${plural(Number(result.counts.person ?? 0), "person", "people")}, ${plural(
            Number(result.counts.contact ?? 0),
            "contact",
          )}, ${plural(Number(result.counts.asset ?? 0), "directory entry", "directory entries")}.`}
      </p>
    </form>
  );
}

/** The vault's own public key: colleagues encrypt a caseload handover to it. */
function HandoverKey() {
  const loaded = useCommand(() => api.handover_key(), []);
  const key = loaded.data?.recipient ?? null;
  const fingerprint = loaded.data?.fingerprint ?? null;
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <>
      <h3 id="handover-key-title">Your handover key</h3>
      {loaded.error && <Loading loaded={loaded} what="your handover key" />}
      <p>Give this to a colleague who is handing people over to you. It is a public key: it can only lock a handover for you, never open anything.</p>
      {/* The line keeps its height while the key loads, so nothing below it moves. */}
      <p className="app-mono app-break" data-testid={key ? "handover-key" : undefined}>
        {key ?? "\u00a0"}
      </p>
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        id="copy-handover-key"
        disabled={!key}
        onClick={() => key && void copyText(key).then((ok) => setCopied(ok ? "Copied." : "Could not copy: select the key and copy it."))}
      >
        Copy key
      </button>
      <p className="app-saved" role="status">
        {copied}
      </p>
      <h3 id="signing-fingerprint-title">Your signing fingerprint</h3>
      <p>
        Your handovers are signed. The first time a colleague receives one from you, they phone you to compare this; read it out to them. It changes when you
        change your passphrase or recovery key.
      </p>
      <p className="app-mono app-fingerprint" data-testid={fingerprint ? "signing-fingerprint" : undefined}>
        {fingerprint ?? "\u00a0"}
      </p>
    </>
  );
}

/** Settings → Backup: back up now, where and how often, check a backup, the handover key. */
export function BackupSettings({ onHandover }: { onHandover: () => void }) {
  const loaded = useCommand(() => api.backup_settings(), []);
  const view = loaded.data;
  const setView = loaded.set;
  const load = loaded.retry;
  return (
    <section aria-labelledby="backup-title" id="backup">
      <h2 id="backup-title" tabIndex={-1}>
        Backup
      </h2>
      {!view && <Loading loaded={loaded} what="the backup settings" />}
      {view && (
        <>
          <p data-testid="last-backup">
            {lastBackup(view)} Backups are encrypted: they open with your passphrase{view.to_recovery ? " or the recovery key" : ""}.
          </p>
          <BackupNow view={view} onMade={load} />
          <BackupPlace view={view} onSaved={setView} />
          <CheckBackup />
          <HandoverKey />
          <p>
            <button type="button" className="app-link-button" id="open-handover" onClick={onHandover}>
              Hand people over to a colleague, or receive a handover
            </button>
          </p>
        </>
      )}
    </section>
  );
}
