import { useState, type FormEvent } from "react";
import type { AppStatus, UnlockArgs } from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { useForm } from "../../lib/useForm";

export function Unlock({
  status,
  onUnlock,
  onForgotten,
  onRestore,
}: {
  status: AppStatus;
  onUnlock: (a: UnlockArgs) => Promise<unknown>;
  onForgotten: () => void;
  onRestore: () => void;
}) {
  const [passphrase, setPassphrase] = useState("");
  const { errors, busy, submit } = useForm(["passphrase"]);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    const opened = await submit(async () => (await onUnlock({ passphrase }), true));
    if (!opened) {
      setPassphrase("");
      document.getElementById("passphrase")?.focus();
    }
  }

  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="unlock">
      <h1>{status.locked_reason ? "Linkwork is locked" : "Unlock Linkwork"}</h1>
      {status.locked_reason === "idle" && (
        <div className="nhsuk-inset-text" data-testid="idle-notice">
          <p>Linkwork locked itself because it was not used for a while. Everything you saved is safe.</p>
        </div>
      )}
      {status.locked_reason === "requested" && (
        <div className="nhsuk-inset-text">
          <p>You locked Linkwork. Everything you saved is safe.</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void unlock(e)} noValidate id="unlock">
        <TextField
          id="passphrase"
          label="Passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
          error={errors.fields.passphrase}
          autoFocus
        />
        <SubmitButton busy={busy} busyText="Unlocking…">
          Unlock
        </SubmitButton>
      </form>
      <p>
        <button type="button" className="app-link-button" onClick={onForgotten}>
          Forgotten your passphrase?
        </button>
      </p>
      <p>
        <button type="button" className="app-link-button" id="open-restore" onClick={onRestore}>
          Restore from a backup instead
        </button>
      </p>
      <p className="nhsuk-body-s app-muted">Data folder: {status.data_dir}</p>
    </main>
  );
}
