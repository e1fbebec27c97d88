import { useEffect, useState, type FormEvent } from "react";
import { api, type CaseloadRow, type ColleagueKey, type ErasedPeople, type HandoverExported, type HandoverView, type PersonId } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { ReplaceQuestion, unlessExists } from "../../components/SaveFile";
import { fileName, pickFile, pickSaveAs, type Chosen } from "../../lib/files";
import { plural, todayIso } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

const MATCHED = {
  new: "New: added",
  same_record: "Already here (same record): anything new is added",
  same_nhs_number: "Already here (same NHS number): merged into their record",
} as const;

/** Seal people's records for a colleague's handover key, then offer to close their episodes. */
function Send() {
  const people = useCommand(() => api.caseload({ search: null, status: null, sort: "name", descending: false, only: null }).then((v) => v.rows), []);
  const rows: CaseloadRow[] = people.data ?? [];
  const [to, setTo] = useState("");
  const [toName, setToName] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [who, setWho] = useState<"all" | "chosen">("chosen");
  const [chosen, setChosen] = useState<Set<PersonId>>(new Set());
  const [asking, setAsking] = useState<Chosen | null>(null);
  const [sent, setSent] = useState<HandoverExported | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["to", "people", "path", "passphrase"], {
    to: "handover-to",
    people: "handover-people",
    path: "handover-send",
    passphrase: "handover-passphrase",
  });

  const load = people.retry;

  function toggle(id: PersonId) {
    setChosen((c) => {
      const n = new Set(c);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }

  async function write(file: Chosen, overwrite: boolean) {
    setAsking(null);
    setSent(null);
    setClosed(null);
    const done = await submit(() =>
      unlessExists(() => api.export_handover({ to, people: [...chosen], all_open: who === "all", path: file.handle, overwrite, passphrase })),
    );
    if (done === "exists") setAsking(file);
    else if (done) {
      setSent(done);
      setPassphrase("");
    }
  }

  async function send(e: FormEvent) {
    e.preventDefault();
    setSent(null);
    setClosed(null);
    // Every problem (key, people, passphrase) at once, before asking where to save.
    const ok = await submit(() => api.check_handover({ to, people: [...chosen], all_open: who === "all", passphrase }).then(() => true));
    if (!ok) return;
    const stamp = todayIso();
    const picked = await pickSaveAs("Save the handover for your colleague", `linkwork-handover-${stamp}.age`, [
      { name: "Linkwork handover", extensions: ["age"] },
    ]);
    if (picked) await write(picked, false);
  }

  async function close() {
    if (!sent) return;
    const r = await submit(() => api.close_handed_over({ people: sent.people, to_name: toName || null }));
    if (r) {
      setClosed(`Closed ${plural(r.closed, "open episode")} as handed over.`);
      setChosen(new Set());
      load();
    }
  }

  return (
    <section aria-labelledby="send-title">
      <h2 id="send-title">Hand over to a colleague</h2>
      <p>
        Their episodes, contacts, plans, risks, outcomes and onward referrals, with the directory entries those use, go into one file encrypted to your
        colleague's handover key: only their Linkwork can open it.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void send(e)} noValidate id="handover-send-form">
        <TextField
          id="handover-to"
          label="Your colleague's handover key"
          hint="They find it in Linkwork under Settings → Backup. It starts with age1."
          inputClass="app-input--mono"
          value={to}
          onChange={setTo}
          error={errors.fields["handover-to"]}
        />
        <TextField
          id="handover-to-name"
          label="Your colleague's name (optional)"
          hint="For the note on the episodes you close."
          value={toName}
          onChange={setToName}
        />
        <fieldset className={`nhsuk-fieldset nhsuk-form-group${errors.fields["handover-people"] ? " nhsuk-form-group--error" : ""}`} id="handover-people">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who</legend>
          {errors.fields["handover-people"] && <span className="nhsuk-error-message">{errors.fields["handover-people"]}</span>}
          <div className="nhsuk-radios nhsuk-radios--small">
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id="handover-chosen"
                type="radio"
                name="handover-who"
                checked={who === "chosen"}
                onChange={() => setWho("chosen")}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor="handover-chosen">
                The people I tick
              </label>
            </div>
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id="handover-all"
                type="radio"
                name="handover-who"
                checked={who === "all"}
                onChange={() => setWho("all")}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor="handover-all">
                My whole open caseload ({plural(rows.length, "person", "people")})
              </label>
            </div>
          </div>
          {!people.data && <Loading loaded={people} what="your open caseload" />}
          {who === "chosen" && people.data && rows.length === 0 && <p className="nhsuk-hint">No one has an open episode.</p>}
          {who === "chosen" && rows.length > 0 && (
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small app-handover-people">
              {rows.map((r) => (
                <div className="nhsuk-checkboxes__item" key={r.person_id}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`hand-${r.person_id}`}
                    type="checkbox"
                    checked={chosen.has(r.person_id)}
                    onChange={() => toggle(r.person_id)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`hand-${r.person_id}`}>
                    {r.name} <span className="app-muted">{r.nhs_number ? `NHS ${r.nhs_number}` : "no NHS number"}</span>
                  </label>
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <TextField
          id="handover-passphrase"
          label="Your passphrase"
          hint="Asked again because these records are leaving your vault for someone else's."
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
          error={errors.fields["handover-passphrase"]}
        />
        <button className="nhsuk-button" type="submit" id="handover-send" aria-disabled={busy}>
          Save handover file…
        </button>
      </form>
      {asking && <ReplaceQuestion path={asking.name} onReplace={() => void write(asking, true)} onCancel={() => setAsking(null)} />}
      <div role="status" id="handover-sent">
        {sent && (
          <>
            <p>
              Saved {fileName(sent.path)}: {plural(sent.people.length, "person", "people")}, {plural(sent.episodes, "episode")}. Send it to your colleague (it
              is encrypted, so email or a USB stick is fine).
            </p>
            {sent.open_episodes > 0 && !closed && (
              <button className="nhsuk-button nhsuk-button--secondary" type="button" id="close-handed-over" onClick={() => void close()}>
                Close their {plural(sent.open_episodes, "open episode")} as handed over
              </button>
            )}
          </>
        )}
        {closed && <p>{closed}</p>}
      </div>
    </section>
  );
}

/** Who signed a previewed handover: accepted before, or a fingerprint to compare by phone first. */
function Signer({ view, matches, onMatches, error }: { view: HandoverView; matches: boolean; onMatches: (v: boolean) => void; error?: string }) {
  const from = view.from ?? "the sender";
  const { signer } = view;
  if (signer.trust === "accepted") {
    return (
      <p data-testid="handover-signer" data-trust="accepted">
        Signed with {from}'s key, which you have accepted (fingerprint <span className="app-mono">{signer.fingerprint}</span>).
      </p>
    );
  }
  return (
    <div className="nhsuk-warning-callout" data-testid="handover-signer" data-trust={signer.trust}>
      <h3 className="nhsuk-warning-callout__label" id="handover-signer-title">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {signer.trust === "changed" ? `${signer.accepted_name ?? from}'s key has changed` : "Check who sent this"}
        </span>
      </h3>
      {signer.trust === "changed" ? (
        <p>
          This handover says it is from {from}, but it is signed with a different key from the one you accepted for {signer.accepted_name ?? "them"}. Their key
          changes when they change their passphrase or recovery key, but this is also what a forgery would look like.
        </p>
      ) : (
        <p>
          You have not had a handover signed with this key before. Anyone who has your handover key can make a file like this, so check it came from {from}.
        </p>
      )}
      <p>
        Phone {signer.accepted_name ?? from} on a number you already have, and ask them to read out the signing fingerprint under Settings → Backup in their
        Linkwork. It should be:
      </p>
      <p className="app-mono app-fingerprint" data-testid="handover-fingerprint">
        {signer.fingerprint}
      </p>
      <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
        {error && <span className="nhsuk-error-message">{error}</span>}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="handover-fingerprint-matches"
              type="checkbox"
              checked={matches}
              onChange={(e) => onMatches(e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="handover-fingerprint-matches">
              It is the same as the fingerprint {signer.accepted_name ?? from} read out to me
            </label>
          </div>
        </div>
      </div>
      <p className="nhsuk-hint">If it is not the same, do not import the file: tell your practice's IT support or information governance lead.</p>
    </div>
  );
}

/** Preview a handover from a colleague, then import it all or nothing. */
function Receive({ onAccepted }: { onAccepted: () => void }) {
  const [path, setPath] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<HandoverView | null>(null);
  const [matches, setMatches] = useState(false);
  const [erased, setErased] = useState<ErasedPeople | null>(null);
  const [done, setDone] = useState<HandoverView | null>(null);
  const { errors, busy, submit } = useForm(["path", "identity", "accept_signer", "erased"], {
    path: "handover-choose",
    accept_signer: "handover-fingerprint-matches",
    erased: "handover-erased",
  });

  async function choose() {
    const p = await pickFile("Choose a handover from a colleague", [{ name: "Linkwork handover", extensions: ["age"] }]);
    if (!p) return;
    setPath(p);
    setDone(null);
    setMatches(false);
    setErased(null);
    setPreview((await submit(() => api.preview_handover({ path: p.handle, identity: null, accept_signer: null, erased: null }))) ?? null);
    // The preview opens below the fold: take the reader to it.
    setTimeout(() => document.getElementById("handover-preview-title")?.focus(), 0);
  }

  /** The preview again, counting the erased people in or out as chosen. */
  async function chooseErased(choice: ErasedPeople) {
    setErased(choice);
    if (!path) return;
    const v = await submit(() => api.preview_handover({ path: path.handle, identity: null, accept_signer: null, erased: choice }));
    if (v) setPreview(v);
  }

  async function take() {
    if (!path || !preview) return;
    // The fingerprint accepted is the one shown, and only once the person says it matched.
    const accept = preview.signer.trust !== "accepted" && matches ? preview.signer.fingerprint : null;
    const v = await submit(() => api.import_handover({ path: path.handle, identity: null, accept_signer: accept, erased }));
    if (v) {
      setDone(v);
      setPreview(null);
      if (accept) onAccepted();
      setTimeout(() => document.getElementById("handover-imported")?.focus(), 0);
    }
  }

  const conflicts = preview?.people.filter((p) => p.conflict) ?? [];
  const erasedPeople = preview?.people.filter((p) => p.erased) ?? [];
  const asking = preview !== null && preview.signer.trust !== "accepted";
  return (
    <section aria-labelledby="receive-title">
      <h2 id="receive-title">Receive a handover</h2>
      <p>People already here are matched by record and NHS number and never duplicated. Nothing is written until you import, and then all or nothing.</p>
      <ErrorSummary errors={errors} />
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id="handover-choose" aria-disabled={busy} onClick={() => void (busy || choose())}>
        Choose handover file…
      </button>
      {preview && path && (
        <div data-testid="handover-preview">
          <h3 id="handover-preview-title" tabIndex={-1}>
            {path.name}, from {preview.from ?? "a link worker"}
          </h3>
          <Signer view={preview} matches={matches} onMatches={setMatches} error={errors.fields["handover-fingerprint-matches"]} />
          <TableRegion>
            <table className="nhsuk-table">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">What happens</th>
                  <th scope="col" className="app-num">
                    Episodes
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.people.map((p, i) => (
                  <tr key={i} data-matched={p.matched}>
                    <td>{p.name}</td>
                    <td>{p.nhs_number ?? "–"}</td>
                    <td>
                      {p.erased ? (
                        <strong className="app-conflict">
                          {p.erased}: {erased === "bring_back" ? "brought back" : "left out unless you bring them back"}
                        </strong>
                      ) : p.conflict ? (
                        <strong className="app-conflict">Cannot import: {p.conflict}</strong>
                      ) : (
                        MATCHED[p.matched]
                      )}
                    </td>
                    <td className="app-num">{p.episodes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {erasedPeople.length > 0 && (
            <div className={`nhsuk-form-group${errors.fields["handover-erased"] ? " nhsuk-form-group--error" : ""}`}>
              <fieldset className="nhsuk-fieldset" id="handover-erased" aria-describedby="handover-erased-hint">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                  {plural(erasedPeople.length, "person", "people")} in this handover {erasedPeople.length === 1 ? "was" : "were"} erased from your vault
                </legend>
                <p className="nhsuk-hint" id="handover-erased-hint">
                  Their records were removed here (marked above). This handover holds them again, perhaps because it was made before then. Bring them back only
                  if you know they should be here.
                </p>
                {errors.fields["handover-erased"] && <span className="nhsuk-error-message">{errors.fields["handover-erased"]}</span>}
                <div className="nhsuk-radios nhsuk-radios--small">
                  <div className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id="handover-erased-leave"
                      type="radio"
                      name="handover-erased"
                      checked={erased === "leave_out"}
                      onChange={() => void chooseErased("leave_out")}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor="handover-erased-leave">
                      Leave them out: their erasure stands
                    </label>
                  </div>
                  <div className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id="handover-erased-back"
                      type="radio"
                      name="handover-erased"
                      checked={erased === "bring_back"}
                      onChange={() => void chooseErased("bring_back")}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor="handover-erased-back">
                      Bring them back
                    </label>
                  </div>
                </div>
              </fieldset>
            </div>
          )}
          <p data-testid="handover-would-add">{preview.summary.length ? `Would add ${preview.summary.join(", ")}.` : "Everything in it is here already."}</p>
          {conflicts.length === 0 ? (
            <button className="nhsuk-button" type="button" id="handover-import" aria-disabled={busy} onClick={() => void (busy || take())}>
              {asking ? "Accept their key and import" : "Import"}
            </button>
          ) : (
            <p className="nhsuk-error-message">Sort out the {plural(conflicts.length, "person", "people")} marked above, then choose the file again.</p>
          )}
        </div>
      )}
      <p role="status" id="handover-imported" tabIndex={-1}>
        {done && (done.summary.length ? `Imported ${done.summary.join(", ")}.` : "Nothing new: everything in it was here already.")}
      </p>
    </section>
  );
}

/** Colleagues whose handovers this vault takes without asking, with a way to stop. */
function Colleagues({ version }: { version: number }) {
  const [list, setList] = useState<ColleagueKey[] | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const { errors, submit } = useForm([]);
  useEffect(() => {
    void submit(() => api.colleague_keys()).then((c) => c && setList(c.colleagues));
  }, [version, submit]);

  async function forget(c: ColleagueKey) {
    const left = await submit(() => api.forget_colleague_key({ fingerprint: c.fingerprint }));
    if (left) {
      setList(left.colleagues);
      setSaid(`You will be asked to check the next handover signed with ${c.name ?? "that"} key (${c.fingerprint}).`);
      setTimeout(() => document.getElementById("colleagues-said")?.focus(), 0);
    }
  }

  return (
    <section aria-labelledby="colleagues-title">
      <h2 id="colleagues-title">Colleagues whose handovers you accept</h2>
      <ErrorSummary errors={errors} />
      {list && list.length === 0 && <p>None yet. You accept a colleague's key when you import their first handover.</p>}
      {list && list.length > 0 && (
        <ul className="nhsuk-list app-colleagues" data-testid="colleague-keys">
          {list.map((c) => (
            <li key={c.fingerprint}>
              <strong>{c.name ?? "A colleague"}</strong>, accepted {c.accepted_on}: <span className="app-mono">{c.fingerprint}</span>{" "}
              <button
                type="button"
                className="app-link-button"
                onClick={() => void forget(c)}
                aria-label={`Stop accepting ${c.name ?? "this colleague"}'s key ${c.fingerprint}`}
              >
                Stop accepting
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" id="colleagues-said" tabIndex={-1}>
        {said}
      </p>
    </section>
  );
}

/** Caseload handover: send people to a colleague, or receive them. */
export function Handover() {
  const [accepted, setAccepted] = useState(0);
  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="handover">
      <h1>Caseload handover</h1>
      <Send />
      <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
      <Receive onAccepted={() => setAccepted((n) => n + 1)} />
      <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
      <Colleagues version={accepted} />
    </main>
  );
}
