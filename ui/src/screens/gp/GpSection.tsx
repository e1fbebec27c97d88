import { useEffect, useRef, useState } from "react";
import { api, type EpisodeId, type GpLetter, type GpSummary, type LetterTo, type PersonRecord, type SummaryMode } from "../../generated/api";
import { AcceptanceQuestion, lastSeenGB } from "../person/Acceptance";
import type { Update } from "../person/update";
import { ErrorSummary } from "../../components/Form";
import { ReplaceQuestion, unlessExists } from "../../components/SaveFile";
import { copyText, lineTsv } from "../../lib/clipboard";
import { Undo } from "../../components/Undo";
import { toApiError } from "../../lib/errors";
import { pickSaveAs, type Chosen } from "../../lib/files";
import { isoToGB, plural } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";
import { Loading } from "../../components/Loading";
import { useCommand } from "../../lib/useCommand";

/**
 * The person's GP summary: the coded lines of one episode, newest first, ready to copy into the
 * practice's template and to mark entered; the letters to the GP practice and to the referrer
 * (each holding what its own consent covers); the FHIR file.
 */
export function GpSection({
  record,
  update,
  letterFor,
}: {
  record: PersonRecord;
  update: Update;
  /** Opens this letter for the newest episode at once (after "Close and tell the referrer"). */
  letterFor?: { to: LetterTo; asked: number } | null;
}) {
  const lists = useLists();
  const episodes = record.episodes;
  const [episodeId, setEpisodeId] = useState<EpisodeId | null>(episodes[0]?.id ?? null);
  // Full is the default only where the person agreed to share a narrative.
  const consentNow = record.person.consent_to_share;
  const [mode, setMode] = useState<SummaryMode>(consentNow === "yes" ? "full" : "codes_only");
  // The section stays mounted: a consent recorded since follows into the default.
  useEffect(() => setMode(consentNow === "yes" ? "full" : "codes_only"), [consentNow]);
  // The record changes whenever anything is saved, so the lines follow it.
  const loadedSummary = useCommand<GpSummary | null>(
    () => (episodeId ? api.gp_summary({ episode_id: episodeId, mode }) : Promise.resolve(null)),
    [episodeId, mode, record],
  );
  const summary = loadedSummary.data;
  const setSummary = loadedSummary.set;
  const [letter, setLetter] = useState<GpLetter | null>(null);
  const [said, setSaid] = useState("");
  // Marking takes away the button pressed: focus goes to the words saying what was marked (then Undo).
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [marked, setMarked] = useState(0);
  useEffect(() => {
    if (marked) statusRef.current?.focus();
  }, [marked]);
  // The keys just marked, while "Undo" is offered.
  const [undo, setUndo] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const letterOf = (id: EpisodeId, to: LetterTo) =>
    api
      .gp_letter({ episode_id: id, mode, to })
      .then(setLetter)
      .catch((e) => setError(toApiError(e).message));

  useEffect(() => {
    const first = episodes[0]?.id;
    if (!letterFor || !first) return;
    setEpisodeId(first);
    void letterOf(first, letterFor.to);
    // Only a new request opens a letter, not every change to the record.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [letterFor]);

  if (!episodeId) return <p className="nhsuk-inset-text">No episode yet: nothing to code.</p>;

  async function copy(text: string, what: string) {
    setSaid((await copyText(text)) ? `Copied ${what}.` : `Could not copy ${what}: select the text and press Ctrl+C.`);
    setUndo(null);
  }

  async function markEntered(keys: string[], entered = true) {
    try {
      await (entered ? api.gp_mark_entered({ keys }) : api.gp_unmark_entered({ keys }));
      setSummary(await api.gp_summary({ episode_id: episodeId!, mode }));
      setSaid(entered ? `Marked ${plural(keys.length, "line")} entered in the GP record.` : `${plural(keys.length, "line")} no longer marked entered.`);
      setUndo(entered ? keys : null);
      setMarked((n) => n + 1);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  const consent = labelOf(lists.consent, record.person.consent_to_share);
  const lines = summary?.lines ?? [];
  const pending = lines.filter((l) => l.concept_id && !l.by_referrer && !summary?.entered[l.key]).map((l) => l.key);
  const episode = episodes.find((e) => e.id === episodeId);
  const openLetter = (to: LetterTo) => letterOf(episodeId, to);

  return (
    <section aria-labelledby="gp-title" data-testid="gp-section">
      <h2 id="gp-title">GP summary</h2>
      {loadedSummary.error && <Loading loaded={loadedSummary} what="the GP summary" />}
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="app-inline-fields">
        {episodes.length > 1 && (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="gp-episode">
              Episode
            </label>
            <select className="nhsuk-select" id="gp-episode" value={episodeId} onChange={(e) => setEpisodeId(e.target.value)}>
              {episodes.map((e) => (
                <option key={e.id} value={e.id}>
                  Referred {isoToGB(e.referral_received_on)}
                  {e.status === "closed" ? `, closed ${isoToGB(e.closed_on)}` : ", open"}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What to share</legend>
          <div className="nhsuk-radios nhsuk-radios--inline">
            {(
              [
                ["codes_only", "Codes only"],
                ["full", "Codes and a short narrative"],
              ] as [SummaryMode, string][]
            ).map(([value, label]) => (
              <div className="nhsuk-radios__item" key={value}>
                <input
                  className="nhsuk-radios__input"
                  id={`gp-mode-${value}`}
                  name="gp-mode"
                  type="radio"
                  value={value}
                  checked={(summary?.mode ?? mode) === value}
                  disabled={value === "full" && summary?.full_allowed === false}
                  aria-describedby="gp-mode-hint"
                  onChange={() => setMode(value)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`gp-mode-${value}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
          <div className="nhsuk-hint" id="gp-mode-hint">
            {summary?.full_allowed
              ? "Consent to share with the GP: yes."
              : `A narrative needs consent to share with the GP; it is recorded as \u201c${consent}\u201d (change it under Details).`}
          </div>
        </fieldset>
      </div>

      <div className="nhsuk-button-group app-button-row">
        <button
          className="nhsuk-button"
          type="button"
          id="gp-copy-all"
          disabled={!summary || !summary.text}
          onClick={() => void copy(summary!.text, "every line")}
        >
          Copy all
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          id="gp-mark-all"
          disabled={pending.length === 0}
          onClick={() => void markEntered(pending)}
        >
          Mark all entered
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="gp-letter" onClick={() => void openLetter("gp")}>
          Letter to the GP
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="referrer-letter" onClick={() => void openLetter("referrer")}>
          Letter to the referrer
        </button>
        <SaveGpFile episodeId={episodeId} mode={mode} to="gp" format="fhir_json" label="Save FHIR file…" defaultName="social-prescribing-fhir.json" />
      </div>
      <p role="status" className="app-status" data-testid="gp-status" id="gp-status" tabIndex={-1} ref={statusRef}>
        {said}
        {undo && <Undo id="gp-undo-mark" onUndo={() => void markEntered(undo, false)} />}
      </p>

      {episode?.acceptance_missing && (
        <AcceptanceQuestion id="gp-acceptance" episode={episode} name={record.person.given_name} on={lastSeenGB(episode)} update={update} />
      )}

      {letter && (
        <LetterView
          letter={letter}
          onClose={() => {
            const back = letter.to === "gp" ? "gp-letter" : "referrer-letter";
            setLetter(null);
            setTimeout(() => document.getElementById(back)?.focus(), 0);
          }}
        />
      )}

      {summary && lines.length === 0 && (
        <p className="app-muted">No lines yet: they come from the offer, contacts that took place, onward referrals, scores and closing.</p>
      )}
      {lines.length > 0 && (
        <TableRegion>
          <table className="nhsuk-table app-table" data-testid="gp-lines">
            <caption className="nhsuk-u-visually-hidden">Lines for the GP record, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">SNOMED CT</th>
                <th scope="col">Entry</th>
                <th scope="col">Value</th>
                <th scope="col">In the GP record</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Copy</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => {
                const entered = summary?.entered[l.key];
                return (
                  <tr key={l.key} data-key={l.key}>
                    <td className="app-nowrap">{isoToGB(l.on)}</td>
                    <td className="app-nowrap">
                      {l.concept_id ?? <span className="app-muted">No code</span>}
                      {l.local && <strong className="nhsuk-tag nhsuk-tag--grey app-tag-small">Local</strong>}
                    </td>
                    <td>{l.term}</td>
                    <td>{l.value}</td>
                    <td>
                      {l.by_referrer ? (
                        <span className="app-muted">Coded by the referrer</span>
                      ) : entered ? (
                        `Entered ${isoToGB(entered.slice(0, 10))}`
                      ) : l.concept_id ? (
                        <button type="button" className="app-link-button" onClick={() => void markEntered([l.key])}>
                          Mark entered
                          <span className="nhsuk-u-visually-hidden">
                            : {l.term}, {isoToGB(l.on)}
                          </span>
                        </button>
                      ) : (
                        <span className="app-muted">Write as text</span>
                      )}
                    </td>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => void copy(lineTsv(l), "the line")}>
                        Copy
                        <span className="nhsuk-u-visually-hidden">
                          {" "}
                          {l.term}, {isoToGB(l.on)}
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      {summary && summary.narrative.length > 0 && (
        <div className="nhsuk-inset-text" data-testid="gp-narrative">
          <span className="nhsuk-u-visually-hidden">Narrative: </span>
          {summary.narrative.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <p className="nhsuk-hint">Copied lines hold no name or NHS number: paste them into the practice template with the person&apos;s record open.</p>
    </section>
  );
}

/** The letter as it will print: the core's escaped HTML, printed by the webview's own dialog. */
function LetterView({ letter, onClose }: { letter: GpLetter; onClose: () => void }) {
  useEffect(() => {
    const title = document.getElementById("letter-title");
    if (!title) return;
    title.focus({ preventScroll: true });
    // Scroll only the sections' own area: scrollIntoView would also scroll the fixed page itself,
    // pushing the header and navigation off the screen.
    const area = title.closest(".app-workspace__body");
    if (area) area.scrollTop += title.getBoundingClientRect().top - area.getBoundingClientRect().top - 8;
    else title.scrollIntoView({ block: "start" });
  }, [letter]);
  return (
    <section className="app-letter-view" aria-labelledby="letter-title" data-testid="gp-letter-view">
      <h3 id="letter-title" tabIndex={-1}>
        {letter.to === "gp" ? "Letter to the GP practice" : "Letter to the referrer"}
        {letter.mode === "codes_only" ? (letter.to === "gp" ? " (coded record only)" : " (a plain notice)") : ""}
      </h3>
      {!letter.full_allowed && (
        <p className="nhsuk-hint" data-testid="letter-consent-hint">
          It holds more only with the person&apos;s consent to share with {letter.to === "gp" ? "the GP practice" : "the referrer"}: record it under Details.
        </p>
      )}
      <div className="nhsuk-button-group app-button-row">
        <button className="nhsuk-button" type="button" id="letter-print" onClick={() => window.print()}>
          Print…
        </button>
        <SaveGpFile
          episodeId={letter.episode_id}
          mode={letter.mode}
          to={letter.to}
          format="letter_html"
          label="Save as a web page…"
          defaultName={letter.file_name}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="letter-close" onClick={onClose}>
          Close the letter
        </button>
      </div>
      {/* Built and escaped by the core (linkwork_core::coding::letter); it holds no script. */}
      <div className="app-letter" data-testid="gp-letter-body" dangerouslySetInnerHTML={{ __html: letter.body_html }} />
    </section>
  );
}

function SaveGpFile({
  episodeId,
  mode,
  to,
  format,
  label,
  defaultName,
}: {
  episodeId: EpisodeId;
  mode: SummaryMode;
  to: LetterTo;
  format: "letter_html" | "fhir_json";
  label: string;
  defaultName: string;
}) {
  const [asking, setAsking] = useState<Chosen | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, busy, submit } = useForm([]);
  const id = format === "fhir_json" ? "save-fhir" : "save-letter";

  async function write(file: Chosen, overwrite: boolean) {
    setAsking(null);
    setSaved(null);
    const v = await submit(() => unlessExists(() => api.save_gp_file({ episode_id: episodeId, mode, to, format, path: file.handle, overwrite })));
    if (v === "exists") setAsking(file);
    else if (v) setSaved(`Saved the ${v.what} to ${v.path}.`);
  }

  async function choose() {
    const ext = format === "fhir_json" ? "json" : "html";
    const picked = await pickSaveAs(label.replace("…", ""), defaultName, [{ name: ext === "json" ? "FHIR JSON" : "Web page", extensions: [ext] }]);
    if (picked) await write(picked, false);
  }

  return (
    <>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id={id} aria-disabled={busy} onClick={() => void (busy || choose())}>
        {label}
      </button>
      <ErrorSummary errors={errors} />
      {asking && <ReplaceQuestion path={asking.name} onReplace={() => void write(asking, true)} onCancel={() => setAsking(null)} />}
      {saved && (
        <p role="status" data-testid={`${id}-done`}>
          {saved}
        </p>
      )}
    </>
  );
}
