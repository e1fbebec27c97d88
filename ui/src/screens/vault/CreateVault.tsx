import { useState, type FormEvent } from "react";
import type { CreateVaultArgs } from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { useForm } from "../../lib/useForm";
import { NewPassphrase } from "../../components/NewPassphrase";

const FIELDS = ["passphrase", "passphrase_confirm", "recovery_recipient"];

export function CreateVault({ dataDir, onCreate, onRestore }: { dataDir: string; onCreate: (a: CreateVaultArgs) => Promise<unknown>; onRestore: () => void }) {
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [recovery, setRecovery] = useState("");
  const { errors, busy, submit } = useForm(FIELDS);

  function create(e: FormEvent) {
    e.preventDefault();
    void submit(() => onCreate({ passphrase, passphrase_confirm: confirm, recovery_recipient: recovery.trim() || null }));
  }

  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="create-vault">
      <h1>Set up Linkwork</h1>
      <p>
        Linkwork keeps your caseload on this computer, encrypted. Choose a passphrase to lock and unlock it. Nobody, including Linkwork's makers, can open it
        without the passphrase.
      </p>
      <div className="nhsuk-inset-text">
        <p>
          Moving from another laptop, or replacing a lost one?{" "}
          <button type="button" className="app-link-button" id="open-restore" onClick={onRestore}>
            Restore from a backup
          </button>
        </p>
      </div>
      <ErrorSummary errors={errors} />
      <form onSubmit={create} noValidate id="create-vault">
        <NewPassphrase
          id="passphrase"
          label="Choose a passphrase"
          hint="A few unrelated words are strong and easy to remember, for example “teapot river lantern autumn”."
          value={passphrase}
          again={confirm}
          onChange={setPassphrase}
          onAgain={setConfirm}
          errors={errors.fields}
          autoFocus
        />
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Add a recovery key (recommended)</span>
          </summary>
          <div className="nhsuk-details__text">
            <p>
              If you forget your passphrase, your data cannot be opened. A recovery key held by your practice manager or supervisor can open it instead. Ask
              them for their age public key and paste it here. You can add it later in Settings.
            </p>
            <TextField
              id="recovery_recipient"
              label="Recovery public key (optional)"
              hint="Starts with age1, 62 characters."
              inputClass="app-input--mono"
              value={recovery}
              onChange={setRecovery}
              error={errors.fields.recovery_recipient}
            />
          </div>
        </details>
        <SubmitButton busy={busy} busyText="Creating your vault…">
          Create vault
        </SubmitButton>
      </form>
      <p className="nhsuk-body-s app-muted">Data folder: {dataDir}</p>
    </main>
  );
}
