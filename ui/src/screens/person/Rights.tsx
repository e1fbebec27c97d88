import { useState, type FormEvent } from "react";
import { api, type PersonRecord } from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { ReplaceQuestion, unlessExists } from "../../components/SaveFile";
import { pickSaveAs, type Chosen } from "../../lib/files";
import { useForm } from "../../lib/useForm";
import { NewPassphrase } from "../../components/NewPassphrase";

/**
 * A subject access request: everything held about the person (a readable page and the same records
 * as JSON) in one file, encrypted with a passphrase to tell them another way, or, after a warning,
 * not encrypted.
 */
export function SubjectAccess({ record, onClose }: { record: PersonRecord; onClose: () => void }) {
  const me = record.person;
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [plain, setPlain] = useState(false);
  const [asking, setAsking] = useState<Chosen | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["passphrase", "passphrase_confirm", "path"]);

  async function write(file: Chosen, overwrite: boolean) {
    setAsking(null);
    setDone(null);
    const v = await submit(() =>
      unlessExists(() =>
        api.subject_access({
          person_id: me.id,
          path: file.handle,
          overwrite,
          passphrase: plain ? null : passphrase,
          passphrase_confirm: plain ? null : confirm,
          unencrypted_understood: plain,
        }),
      ),
    );
    if (v === "exists") setAsking(file);
    else if (v) {
      setPassphrase("");
      setConfirm("");
      setDone(
        `Saved ${v.records} records and ${v.audit_events} audit events to ${v.path}${
          v.encrypted
            ? ". Tell the person the passphrase another way (not with the file)."
            : ". It is not encrypted: hand it over in person, then delete your copy."
        }`,
      );
    }
  }

  async function choose(e: FormEvent) {
    e.preventDefault();
    const base = `${me.family_name}-${me.given_name}-records`.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
    const picked = await pickSaveAs("Save a copy of their records", plain ? `${base}.zip` : `${base}.zip.age`, [
      plain ? { name: "Zip", extensions: ["zip"] } : { name: "Encrypted (age)", extensions: ["age"] },
    ]);
    if (picked) await write(picked, false);
  }

  return (
    <div className="app-panel" id="sar-panel">
      <h2>A copy of everything held about {me.given_name}</h2>
      <p>
        For a subject access request: every record about them, with notes, and what was done to those records and when, as a page anyone can read and as JSON.
        The request is recorded in the audit trail.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void choose(e)} noValidate id="sar-form">
        {!plain && (
          <>
            <NewPassphrase
              id="passphrase"
              label="Passphrase to encrypt the copy with"
              hint="Tell it to the person another way, not with the file. They open the file with age."
              inputClass="nhsuk-input--width-20"
              value={passphrase}
              again={confirm}
              onChange={setPassphrase}
              onAgain={setConfirm}
              errors={errors.fields}
            />
          </>
        )}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-form-group">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="sar-plain" type="checkbox" checked={plain} onChange={(e) => setPlain(e.target.checked)} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="sar-plain">
              Save it unencrypted instead. I understand anyone who gets the file can read it, and I will hand it over in person and delete my copy.
            </label>
          </div>
        </div>
        <div className="nhsuk-button-group">
          <SubmitButton busy={busy} busyText="Saving…">
            Save the copy…
          </SubmitButton>
          <button type="button" className="app-link-button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {asking && <ReplaceQuestion path={asking.name} onReplace={() => void write(asking, true)} onCancel={() => setAsking(null)} />}
      <p className="app-saved" role="status" id="sar-done">
        {done}
      </p>
    </div>
  );
}

/** Erasing a person: what goes, and a confirmation by typing their name. */
export function Erase({ record, onErased, onCancel }: { record: PersonRecord; onErased: () => void; onCancel: () => void }) {
  const me = record.person;
  const name = `${me.given_name} ${me.family_name}`;
  const [typed, setTyped] = useState("");
  const { errors, busy, submit } = useForm(["confirm_name"]);
  const contacts = record.episodes.reduce((n, e) => n + e.contacts.length, 0);

  async function erase(e: FormEvent) {
    e.preventDefault();
    const r = await submit(() => api.erase_person({ person_id: me.id, confirm_name: typed }));
    if (r) onErased();
  }

  return (
    <div className="nhsuk-warning-callout" id="erase-panel">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Erase everything about {name}?
        </span>
      </h2>
      <p>
        For a request to erase their records, once you have checked it with your supervisor. Their {record.episodes.length} episode(s), {contacts} contact(s)
        with notes, plans, risks, outcomes, onward referrals, consent history and any unsaved note are removed for good. The audit trail keeps only that a
        record was erased. Backups made before now still hold it until they are replaced.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void erase(e)} noValidate id="erase-form">
        <TextField
          id="confirm_name"
          label={`Type their name, ${name}, to confirm`}
          value={typed}
          onChange={setTyped}
          error={errors.fields.confirm_name}
          autoFocus
        />
        <div className="nhsuk-button-group">
          <button className="nhsuk-button nhsuk-button--warning" type="submit" id="erase-confirm" disabled={busy}>
            Erase for good
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Keep the record
          </button>
        </div>
      </form>
    </div>
  );
}
