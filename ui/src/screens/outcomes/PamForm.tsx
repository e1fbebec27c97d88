import { useState, type FormEvent } from "react";
import { api, type ContactId, type EpisodeView, type PamVersion } from "../../generated/api";
import { ErrorSummary, TextField, SaveOrCancel } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { formatDateGB } from "../../lib/format";
import { useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "../person/update";
import { WhenFields } from "./FormParts";

export function PamFormPanel({ episode, update, onDone }: { episode: EpisodeView; update: Update; onDone: (saved?: string) => void }) {
  const lists = useLists();
  const [f, setF] = useState<{ score: string; level: string; version: PamVersion }>({ score: "", level: "", version: "pam_13" });
  const [date, setDate] = useState(formatDateGB(new Date()));
  const [contact, setContact] = useState<ContactId | "">("");
  const { errors, submit } = useForm(["pam_score", "pam_level", "pam_version", "recorded_on", "contact_id"]);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit(() => update(api.add_pam({ episode_id: episode.id, contact_id: contact || null, recorded_on: date, ...f }))))
      onDone(`PAM for ${date} saved: score ${f.score}, level ${f.level}.`);
  }
  return (
    <div className="app-panel" data-testid="pam-form">
      <h3>Patient Activation Measure (PAM)</h3>
      <p className="nhsuk-hint">Enter the score and level exactly as your organisation&rsquo;s licensed PAM tool reported them. Linkwork does not score PAM.</p>
      <ErrorSummary errors={errors} />
      <form noValidate id="pam-form" onSubmit={(e) => void save(e)}>
        <div className="app-form-row">
          <TextField
            id="pam_score"
            label="Score"
            hint="0 to 100, one decimal place"
            inputClass="nhsuk-input--width-4"
            inputMode="decimal"
            value={f.score}
            onChange={(v) => setF({ ...f, score: v })}
            error={errors.fields.pam_score}
            autoFocus
          />
          <Select
            id="pam_level"
            label="Level"
            blank="Choose the level"
            choices={lists.pam_levels}
            value={f.level}
            onChange={(v) => setF({ ...f, level: v })}
            error={errors.fields.pam_level}
          />
          <Select
            id="pam_version"
            label="Version"
            choices={lists.pam_versions}
            value={f.version}
            onChange={(v) => setF({ ...f, version: v })}
            error={errors.fields.pam_version}
          />
        </div>
        <WhenFields episode={episode} date={date} contact={contact} onDate={setDate} onContact={setContact} errors={errors} />
        <SaveOrCancel id="save-pam" label="Save PAM" onCancel={() => onDone()} />
      </form>
    </div>
  );
}
