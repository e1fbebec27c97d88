import { useEffect, useState, type FormEvent } from "react";
import {
  api,
  type CaseloadRulesForm,
  type ChangePassphraseArgs,
  type IntegrityView,
  type OutcomeSettingsForm,
  type ReportSettingsView,
  type SettingsView,
  type UpdateSettingsArgs,
} from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { minutes } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";
import { CodeMap } from "../gp/CodeMap";
import { BackupSettings } from "./Backup";
import { Practices } from "./Practices";
import { AuditTrail, Retention } from "./Records";
import type { SettingsSection } from "../../routes";
import { NewPassphrase } from "../../components/NewPassphrase";

export interface SettingsActions {
  updateSettings: (a: UpdateSettingsArgs) => Promise<SettingsView>;
  updateOutcomes: (f: OutcomeSettingsForm) => Promise<SettingsView>;
  updateCaseloadRules: (f: CaseloadRulesForm) => Promise<SettingsView>;
  changePassphrase: (a: ChangePassphraseArgs) => Promise<void>;
  setRecovery: (passphrase: string, recipient: string) => Promise<SettingsView>;
  removeRecovery: (passphrase: string) => Promise<SettingsView>;
  checkIntegrity: () => Promise<IntegrityView>;
}

function Saved({ text }: { text: string | null }) {
  return (
    <p className="app-saved" role="status" aria-live="polite">
      {text}
    </p>
  );
}

function Outcomes({ settings, act, onChanged }: { settings: SettingsView; act: SettingsActions; onChanged: (s: SettingsView) => void }) {
  const [f, setF] = useState({
    follow_up_weeks: String(settings.follow_up_weeks),
    pam_level2_from: settings.pam_level2_from ?? "",
    pam_level3_from: settings.pam_level3_from ?? "",
    pam_level4_from: settings.pam_level4_from ?? "",
  });
  const { errors, busy, submit } = useForm(["follow_up_weeks", "pam_level2_from", "pam_level3_from", "pam_level4_from"]);
  const [saved, setSaved] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const s = await submit(() => act.updateOutcomes(f));
    if (!s) return;
    onChanged(s);
    setSaved(
      `Saved. Follow-ups fall due ${s.follow_up_weeks} weeks after the last record${s.pam_level2_from ? "; PAM levels are checked against your cut-offs" : ""}.`,
    );
  }
  const cut = (k: "pam_level2_from" | "pam_level3_from" | "pam_level4_from", level: number) => (
    <TextField
      id={k}
      label={`Level ${level} from`}
      inputClass="nhsuk-input--width-4"
      inputMode="decimal"
      value={f[k]}
      onChange={(v) => setF({ ...f, [k]: v })}
      error={errors.fields[k]}
    />
  );
  return (
    <section aria-labelledby="outcomes-settings-title">
      <h2 id="outcomes-settings-title">Outcome measures</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void save(e)} noValidate id="outcome-settings-form">
        <TextField
          id="follow_up_weeks"
          label="Weeks between ONS4 and PAM follow-ups"
          hint="From 1 to 52. A follow-up shows as due two weeks before, and overdue after."
          inputClass="nhsuk-input--width-3"
          inputMode="numeric"
          value={f.follow_up_weeks}
          onChange={(v) => setF({ ...f, follow_up_weeks: v })}
          error={errors.fields.follow_up_weeks}
        />
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Your organisation&rsquo;s PAM level cut-offs (optional)</legend>
          <div className="nhsuk-hint">
            PAM scoring is licensed, so Linkwork has no cut-offs of its own. If your organisation gives you the lowest score for each level, enter them and
            Linkwork will flag a level that does not match its score. Leave all three blank to accept levels as entered.
          </div>
          <div className="app-form-row">
            {cut("pam_level2_from", 2)}
            {cut("pam_level3_from", 3)}
            {cut("pam_level4_from", 4)}
          </div>
        </fieldset>
        <SubmitButton busy={busy} busyText="Saving…">
          Save outcome settings
        </SubmitButton>
        <Saved text={saved} />
      </form>
    </section>
  );
}

/** The practice's rules for who needs attention: the urgent first-contact target, and "not reached". */
function CaseloadRules({ settings, act, onChanged }: { settings: SettingsView; act: SettingsActions; onChanged: (s: SettingsView) => void }) {
  const [f, setF] = useState<CaseloadRulesForm>({
    urgent_first_contact_days: String(settings.urgent_first_contact_days),
    not_reached_after: String(settings.not_reached_after),
    outreach_keep_months: String(settings.outreach_keep_months),
  });
  const { errors, busy, submit } = useForm(["urgent_first_contact_days", "not_reached_after", "outreach_keep_months"]);
  const [saved, setSaved] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const s = await submit(() => act.updateCaseloadRules(f));
    if (!s) return;
    onChanged(s);
    setSaved(
      `Saved. Urgent referrals are marked overdue ${s.urgent_first_contact_days} ${s.urgent_first_contact_days === 1 ? "day" : "days"} after they arrive with no contact; someone is "not reached" after ${s.not_reached_after} ${s.not_reached_after === 1 ? "try" : "tries"} in a row.`,
    );
  }
  return (
    <section aria-labelledby="caseload-rules-title">
      <h2 id="caseload-rules-title">Urgent referrals and people not reached</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void save(e)} noValidate id="caseload-rules-form">
        <TextField
          id="urgent_first_contact_days"
          label="Days from an urgent referral to its first contact"
          hint="From 1 to 14. An urgent referral still waiting after this is marked overdue and goes to the top of the caseload."
          inputClass="nhsuk-input--width-3"
          inputMode="numeric"
          value={f.urgent_first_contact_days}
          onChange={(v) => setF({ ...f, urgent_first_contact_days: v })}
          error={errors.fields.urgent_first_contact_days}
        />
        <TextField
          id="not_reached_after"
          label="Tries in a row before someone is “not reached”"
          hint="From 1 to 6. Did not attend, unable to contact and left a message all count. Their page then offers your practice's choices: try again, or close and tell the referrer."
          inputClass="nhsuk-input--width-3"
          inputMode="numeric"
          value={f.not_reached_after}
          onChange={(v) => setF({ ...f, not_reached_after: v })}
          error={errors.fields.not_reached_after}
        />
        <TextField
          id="outreach_keep_months"
          label="Months an outreach list is kept after it closes"
          hint="From 1 to 24. Then the people on it who did not become referrals are removed, so Linkwork keeps no register of people who never took up support."
          inputClass="nhsuk-input--width-3"
          inputMode="numeric"
          value={f.outreach_keep_months}
          onChange={(v) => setF({ ...f, outreach_keep_months: v })}
          error={errors.fields.outreach_keep_months}
        />
        <SubmitButton busy={busy} busyText="Saving…">
          Save these rules
        </SubmitButton>
        <Saved text={saved} />
      </form>
    </section>
  );
}

function AutoLock({ settings, act, onChanged }: { settings: SettingsView; act: SettingsActions; onChanged: (s: SettingsView) => void }) {
  const [value, setValue] = useState(String(settings.auto_lock_minutes));
  const { errors, busy, submit } = useForm(["auto_lock_minutes"]);
  const [saved, setSaved] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const n = Number(value.trim());
    // Not a whole number: let the core refuse it with its own message (range and all).
    const s = await submit(() =>
      act.updateSettings({
        auto_lock_minutes: Number.isInteger(n) && value.trim() !== "" ? n : -1,
        worker_name: settings.worker_name,
        whole_time_equivalent: null,
      }),
    );
    if (!s) return;
    onChanged(s);
    setSaved(`Saved. Linkwork will lock after ${minutes(s.auto_lock_minutes)} without activity.`);
  }
  return (
    <section aria-labelledby="auto-lock-title">
      <h2 id="auto-lock-title">Auto-lock</h2>
      <form onSubmit={(e) => void save(e)} noValidate id="auto-lock-form">
        <TextField
          id="auto_lock_minutes"
          label="Lock after this many minutes without activity"
          hint={`From ${settings.auto_lock_min} to ${settings.auto_lock_max}. Locking keeps your records safe if you leave the laptop.`}
          inputClass="nhsuk-input--width-3"
          inputMode="numeric"
          value={value}
          onChange={setValue}
          error={errors.fields.auto_lock_minutes ?? errors.form ?? undefined}
        />
        <SubmitButton busy={busy} busyText="Saving…">
          Save auto-lock time
        </SubmitButton>
        <Saved text={saved} />
      </form>
    </section>
  );
}

function AboutYou({ settings, act, onChanged }: { settings: SettingsView; act: SettingsActions; onChanged: (s: SettingsView) => void }) {
  const [name, setName] = useState(settings.worker_name ?? "");
  const [wte, setWte] = useState(settings.whole_time_equivalent);
  const { errors, busy, submit } = useForm(["worker_name", "whole_time_equivalent"]);
  const [saved, setSaved] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const s = await submit(() => act.updateSettings({ auto_lock_minutes: settings.auto_lock_minutes, worker_name: name, whole_time_equivalent: wte }));
    if (!s) return;
    onChanged(s);
    setSaved(
      `Saved. Your safe caseload is ${s.safe_caseload} people a year${s.worker_name ? `; consent you record says it was recorded by ${s.worker_name}` : ""}.`,
    );
  }
  return (
    <section aria-labelledby="about-you-title">
      <h2 id="about-you-title" tabIndex={-1}>
        About you
      </h2>
      <form onSubmit={(e) => void save(e)} noValidate id="about-you-form">
        <TextField
          id="worker_name"
          label="Your name and role"
          hint="On your monthly report and with each consent decision you record, for example Sam Okafor, Social Prescribing Link Worker."
          value={name}
          onChange={setName}
          error={errors.fields.worker_name}
        />
        <TextField
          id="whole_time_equivalent"
          label="Your hours as a whole-time equivalent"
          hint="1.0 is full time; 0.6 is three days a week. The safe caseload (250 people a year full time) scales with it."
          inputClass="nhsuk-input--width-4"
          inputMode="decimal"
          value={wte}
          onChange={setWte}
          error={errors.fields.whole_time_equivalent ?? errors.form ?? undefined}
        />
        <SubmitButton busy={busy} busyText="Saving…">
          Save
        </SubmitButton>
        <Saved text={saved} />
      </form>
    </section>
  );
}

function ChangePassphrase({ act }: { act: SettingsActions }) {
  const [old, setOld] = useState("");
  const [pass, setPass] = useState("");
  const [confirm, setConfirm] = useState("");
  const { errors, busy, submit } = useForm(["old_passphrase", "new_passphrase", "new_passphrase_confirm"]);
  const [saved, setSaved] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const changed = await submit(
      async () => (await act.changePassphrase({ old_passphrase: old, new_passphrase: pass, new_passphrase_confirm: confirm }), true),
    );
    if (!changed) return;
    setOld("");
    setPass("");
    setConfirm("");
    setSaved(
      "Passphrase changed, and your records re-encrypted under a new key. Use the new passphrase next time you unlock. Your handover key has changed too (Settings → Backup): give colleagues who hand people over to you the new one. Backups made before now still open with the passphrase you had then.",
    );
  }
  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Change passphrase</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void save(e)} noValidate id="passphrase-form">
        <TextField
          id="old_passphrase"
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          value={old}
          onChange={setOld}
          error={errors.fields.old_passphrase}
        />
        <NewPassphrase id="new_passphrase" value={pass} again={confirm} onChange={setPass} onAgain={setConfirm} errors={errors.fields} />
        <SubmitButton busy={busy} busyText="Re-encrypting…">
          Change passphrase
        </SubmitButton>
        <Saved text={saved} />
      </form>
    </section>
  );
}

function Recovery({ settings, act, onChanged }: { settings: SettingsView; act: SettingsActions; onChanged: (s: SettingsView) => void }) {
  const [value, setValue] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const { errors, busy, submit } = useForm(["recovery_recipient", "passphrase"]);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  async function run(f: () => Promise<SettingsView>, message: string) {
    setSaved(null);
    const s = await submit(f);
    if (!s) return;
    onChanged(s);
    setValue("");
    setPassphrase("");
    setConfirmRemove(false);
    setSaved(message);
  }
  // A change re-encrypts the database under a fresh key, so the passphrase is needed to wrap it.
  const passphraseField = (id: string) => (
    <TextField
      id={id}
      label="Your passphrase"
      hint="To confirm the change. Linkwork re-encrypts your records under a new key, so an old recovery key opens nothing."
      type="password"
      inputClass="nhsuk-input--width-20"
      value={passphrase}
      onChange={setPassphrase}
      error={errors.fields.passphrase}
    />
  );
  return (
    <section aria-labelledby="recovery-title">
      <h2 id="recovery-title" tabIndex={-1}>
        Recovery key
      </h2>
      <p>
        A recovery key lets your practice manager or supervisor open your vault if you forget your passphrase. They keep the secret half; Linkwork only needs
        the public key.
      </p>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Current recovery key</dt>
          <dd className="nhsuk-summary-list__value app-break app-mono" data-testid="recovery-current">
            {settings.recovery_recipient ?? "Not set up"}
          </dd>
        </div>
      </dl>
      {!confirmRemove && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => act.setRecovery(passphrase, value),
              "Recovery key saved, and your records re-encrypted under a new key. Your handover key has changed too (Settings → Backup): give colleagues who hand people over to you the new one.",
            );
          }}
          noValidate
          id="recovery-form"
        >
          <TextField
            id="recovery_recipient"
            label={settings.recovery_recipient ? "Replace with another public key" : "Recovery public key"}
            hint="Starts with age1, 62 characters."
            inputClass="app-input--mono"
            value={value}
            onChange={setValue}
            error={errors.fields.recovery_recipient ?? errors.form ?? undefined}
          />
          {passphraseField("recovery_passphrase")}
          <SubmitButton busy={busy} busyText="Re-encrypting…">
            Save recovery key
          </SubmitButton>
        </form>
      )}
      {settings.recovery_recipient &&
        (confirmRemove ? (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                Remove the recovery key?
              </span>
            </h3>
            <p>Afterwards, only your passphrase opens the vault. If you forget it, your records are lost.</p>
            {errors.form && <p className="nhsuk-error-message">{errors.form}</p>}
            {passphraseField("remove_recovery_passphrase")}
            <div className="nhsuk-button-group">
              <button
                className="nhsuk-button nhsuk-button--warning"
                type="button"
                disabled={busy}
                onClick={() =>
                  void run(
                    () => act.removeRecovery(passphrase),
                    "Recovery key removed, and your records re-encrypted under a new key. Your handover key has changed too (Settings → Backup): give colleagues who hand people over to you the new one.",
                  )
                }
              >
                Yes, remove it
              </button>
              <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setConfirmRemove(false)}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setConfirmRemove(true)}>
            Remove recovery key
          </button>
        ))}
      <Saved text={saved} />
    </section>
  );
}

function Integrity({ act }: { act: SettingsActions }) {
  const [result, setResult] = useState<string | null>(null);
  const { error, busy, submit } = useForm([]);
  async function run() {
    setResult(null);
    const r = await submit(act.checkIntegrity);
    if (r) setResult(r.ok ? `No problems found (data version ${r.data_version}).` : `Problems found: ${r.problems.join("; ")}`);
  }
  return (
    <section aria-labelledby="integrity-title">
      <h2 id="integrity-title">Check the vault</h2>
      <p>Checks that every page of the encrypted database is intact and that records link up. Takes a few seconds.</p>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void run()} disabled={busy}>
        {busy ? "Checking…" : "Run check"}
      </button>
      <Saved text={result ?? error?.message ?? null} />
    </section>
  );
}

/** The monthly report: the supervisor's public keys and small-number suppression. The form is
 *  drawn only from settings that loaded: were it drawn empty after a failed load, saving would
 *  replace the supervisor's keys with none. */
export function ReportSettings() {
  const loaded = useCommand(() => api.report_settings(), []);
  return (
    <section aria-labelledby="report-settings-title">
      <h2 id="report-settings-title" tabIndex={-1}>
        Monthly report
      </h2>
      {loaded.data ? <ReportSettingsForm initial={loaded.data} onSaved={loaded.set} /> : <Loading loaded={loaded} what="the report settings" />}
    </section>
  );
}

function ReportSettingsForm({ initial, onSaved }: { initial: ReportSettingsView; onSaved: (v: ReportSettingsView) => void }) {
  const [keys, setKeys] = useState(initial.supervisor_keys.join("\n"));
  const [suppress, setSuppress] = useState(initial.suppression === "on");
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["supervisor_keys", "suppression"], { supervisor_keys: "supervisor-keys" });
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const v = await submit(() => api.update_report_settings({ supervisor_keys: keys.split(/\s+/).filter(Boolean), suppression: suppress ? "on" : "off" }));
    if (!v) return;
    onSaved(v);
    setSaved(
      v.supervisor_keys.length === 0
        ? "Saved. No supervisor key: reports can only be encrypted to a passphrase."
        : `Saved: reports are encrypted to ${v.supervisor_keys.length === 1 ? "your supervisor's key" : `${v.supervisor_keys.length} keys`}.`,
    );
  }
  return (
    <form onSubmit={(e) => void save(e)} noValidate data-testid="report-settings-form">
      <ErrorSummary errors={errors} />
      <div className={`nhsuk-form-group${errors.fields["supervisor-keys"] ? " nhsuk-form-group--error" : ""}`}>
        <label className="nhsuk-label" htmlFor="supervisor-keys">
          Your supervisor's public key
        </label>
        <div className="nhsuk-hint" id="supervisor-keys-hint">
          It starts with age1. Your supervisor makes it with <code>linkwork supervisor keygen</code>. One per line if there are several.
        </div>
        {errors.fields["supervisor-keys"] && <span className="nhsuk-error-message">{errors.fields["supervisor-keys"]}</span>}
        <textarea
          className="nhsuk-textarea app-mono"
          id="supervisor-keys"
          rows={2}
          spellCheck={false}
          aria-describedby="supervisor-keys-hint"
          value={keys}
          onChange={(e) => setKeys(e.target.value)}
        />
      </div>
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id="suppress-small" type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="suppress-small">
            Show counts from 1 to 4 as &lt;5 (recommended)
          </label>
        </div>
      </div>
      {!suppress && <p className="nhsuk-error-message">Without it the report is for internal use only: small numbers could let someone be recognised.</p>}
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-report-settings" aria-disabled={busy}>
        Save report settings
      </button>
      <p role="status">{saved}</p>
    </form>
  );
}

const SECTION_TITLES: Record<SettingsSection, string> = {
  backup: "backup-title",
  recovery: "recovery-title",
  report: "report-settings-title",
  "about-you": "about-you-title",
};

/** The page's sections, for the contents list at the top. */
const CONTENTS: [string, string][] = [
  ["about-you-title", "About you"],
  ["auto-lock-title", "Auto-lock"],
  ["outcomes-settings-title", "Outcome measures"],
  ["caseload-rules-title", "Urgent and not reached"],
  ["backup-title", "Backup"],
  ["practices-title", "GP practices"],
  ["code-map-title", "GP codes"],
  ["report-settings-title", "Monthly report"],
  ["passphrase-title", "Passphrase"],
  ["recovery-title", "Recovery key"],
  ["integrity-title", "Check the vault"],
  ["retention-title", "Keeping records"],
  ["audit-title", "Audit trail"],
];

export function Settings({
  settings,
  act,
  onChanged,
  section,
  onHandover,
  onAbout,
}: {
  settings: SettingsView | null;
  act: SettingsActions;
  onChanged: (s: SettingsView) => void;
  section?: SettingsSection;
  onHandover: () => void;
  onAbout: () => void;
}) {
  // Arriving from a reminder or the getting started guide: straight to that section.
  useEffect(() => {
    if (!section || !settings) return;
    const h = document.getElementById(SECTION_TITLES[section]);
    h?.scrollIntoView({ block: "start" });
    h?.focus();
  }, [section, settings]);
  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="settings">
      <h1>Settings</h1>
      {settings ? (
        <>
          <nav aria-label="Settings sections">
            <ul className="nhsuk-list app-contents app-contents--inline">
              {CONTENTS.map(([id, label]) => (
                <li key={id}>
                  <a href={`#${id}`}>{label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <AboutYou settings={settings} act={act} onChanged={onChanged} />
          <AutoLock settings={settings} act={act} onChanged={onChanged} />
          <Outcomes settings={settings} act={act} onChanged={onChanged} />
          <CaseloadRules settings={settings} act={act} onChanged={onChanged} />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <BackupSettings onHandover={onHandover} />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <Practices />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <CodeMap />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <ReportSettings />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <ChangePassphrase act={act} />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <Recovery settings={settings} act={act} onChanged={onChanged} />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <Integrity act={act} />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <Retention />
          <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
          <AuditTrail />
          <p className="nhsuk-body-s app-muted">
            Data folder: {settings.data_dir} · data version {settings.data_version} ·{" "}
            <button type="button" className="app-link-button" id="open-about" onClick={onAbout}>
              About Linkwork
            </button>
          </p>
        </>
      ) : (
        <p>Loading…</p>
      )}
    </main>
  );
}
