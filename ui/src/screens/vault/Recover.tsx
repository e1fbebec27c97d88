import { useState, type FormEvent } from "react";
import type { AppStatus, RecoverArgs } from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { useForm } from "../../lib/useForm";
import { NewPassphrase } from "../../components/NewPassphrase";

const FIELDS = ["recovery_identity", "new_passphrase", "new_passphrase_confirm"];

export function Recover({ status, onRecover, onBack }: { status: AppStatus; onRecover: (a: RecoverArgs) => Promise<unknown>; onBack: () => void }) {
  const [identity, setIdentity] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const { errors, busy, submit } = useForm(FIELDS);

  function recover(e: FormEvent) {
    e.preventDefault();
    void submit(() => onRecover({ recovery_identity: identity, new_passphrase: passphrase, new_passphrase_confirm: confirm }));
  }

  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="recover">
      <h1>Forgotten passphrase</h1>
      {status.recovery_recipient ? (
        <>
          <p>Your practice manager or supervisor holds the recovery key for this vault. Ask them to type or paste it here, then choose a new passphrase.</p>
          <ErrorSummary errors={errors} />
          <form onSubmit={recover} noValidate id="recover">
            <TextField
              id="recovery_identity"
              label="Recovery key"
              hint="Starts with AGE-SECRET-KEY-1. It is not kept after this."
              type="password"
              inputClass="app-input--mono"
              value={identity}
              onChange={setIdentity}
              error={errors.fields.recovery_identity}
              autoFocus
            />
            <NewPassphrase id="new_passphrase" value={passphrase} again={confirm} onChange={setPassphrase} onAgain={setConfirm} errors={errors.fields} />
            <SubmitButton busy={busy} busyText="Opening…">
              Open and set new passphrase
            </SubmitButton>
          </form>
        </>
      ) : (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              No recovery key was set up
            </span>
          </h3>
          <p>
            This vault can only be opened with its passphrase. Try the passphrase again, checking Caps Lock and your keyboard layout. If it cannot be found, ask
            your practice's IT support.
          </p>
        </div>
      )}
      <p>
        <button type="button" className="app-link-button" onClick={onBack}>
          Back to unlock
        </button>
      </p>
    </main>
  );
}
