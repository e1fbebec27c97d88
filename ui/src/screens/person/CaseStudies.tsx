import { useEffect, useState } from "react";
import { api, type CaseStudyId, type CaseStudyView, type EpisodeId, type Finding, type PersonRecord } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { TextArea } from "../../components/Inputs";
import { Loading } from "../../components/Loading";
import { Saved } from "../../components/Saved";
import { isoToGB } from "../../lib/format";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";

const IDS = { title: "case-title", body: "case-body" };

interface Editing {
  id: CaseStudyId | null;
  episode_id: EpisodeId | null;
  title: string;
  body: string;
  in_report: boolean;
}

/** What the identifier check found: what must come out, then what to look at. */
function Findings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p data-testid="case-clean">Nothing found that identifies them.</p>;
  const must = findings.filter((f) => f.blocking);
  const check = findings.filter((f) => !f.blocking);
  return (
    <div data-testid="case-findings">
      {must.length > 0 && (
        <div className="nhsuk-error-summary" role="status">
          <h4 className="nhsuk-error-summary__title">Must come out before saving</h4>
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {must.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
      {check.length > 0 && (
        <div className="nhsuk-inset-text">
          <p>Check these identify no one:</p>
          <ul className="nhsuk-list">
            {check.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * Case studies: only with the person's consent to a case study. A draft comes from the record
 * (weeks, never dates); whatever is typed is checked for names, NHS numbers, dates, postcodes,
 * addresses and phone numbers, which must come out before it is saved.
 */
export function CaseStudies({ record }: { record: PersonRecord }) {
  const me = record.person;
  const consent = record.consent_history.find((c) => c.purpose === "case_study");
  const agreed = consent?.decision === "yes";
  const [changed, setChanged] = useState(0);
  const list = useCommand(() => api.case_studies({ person_id: me.id }), [me.id, changed, agreed]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [stripped, setStripped] = useState("");
  const [said, setSaid] = useState("");
  const { errors, busy, submit } = useForm(["title", "body"], IDS);

  // The check runs as they type (a moment after they stop), against the record as it is now.
  const text = editing ? `${editing.title}\n\n${editing.body}` : "";
  useEffect(() => {
    if (!editing) return;
    let live = true;
    const t = setTimeout(() => {
      api.check_case_study({ person_id: me.id, text: editing.body }).then(
        (c) => {
          if (!live) return;
          setStripped(c.stripped);
          return api.check_case_study({ person_id: me.id, text: editing.title }).then((h) => live && setFindings([...h.findings, ...c.findings]));
        },
        () => live && setFindings(null),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, me.id]);

  async function start() {
    setSaid("");
    const d = await submit(() => api.case_study_draft({ person_id: me.id, episode_id: null }));
    if (d) setEditing({ id: null, episode_id: d.episode_id, title: d.title, body: d.body, in_report: false });
  }
  async function save() {
    if (!editing) return;
    const done = await submit(() =>
      api.save_case_study({
        case_study_id: editing.id,
        person_id: me.id,
        episode_id: editing.episode_id,
        title: editing.title,
        body: editing.body,
        in_report: editing.in_report,
      }),
    );
    if (done) {
      list.set(done);
      setSaid(`Case study saved: “${editing.title}”${editing.in_report ? ", chosen for the report" : ""}.`);
      setEditing(null);
    }
  }
  const edit = (c: CaseStudyView) => {
    setSaid("");
    setEditing({ id: c.id, episode_id: c.episode_id, title: c.title, body: c.body, in_report: c.in_report });
  };

  return (
    <section aria-labelledby="case-studies-title" className="app-panel">
      <h3 id="case-studies-title">Case studies</h3>
      {!agreed && (
        <p className="nhsuk-inset-text" data-testid="case-no-consent">
          A case study needs {me.given_name}&rsquo;s consent to one (Details, consent to share: &ldquo;A case study&rdquo;).
          {consent ? " It is not given." : " They have not been asked."}
        </p>
      )}
      {said && <Saved text={said} testid="case-saved" />}
      {list.data ? (
        list.data.length > 0 && (
          <ul className="nhsuk-list" data-testid="case-list">
            {list.data.map((c) => (
              <li key={c.id}>
                <strong>{c.title}</strong> <span className="app-muted">(saved {isoToGB(c.updated_on)})</span>
                {c.in_report && (
                  <span className="nhsuk-tag nhsuk-tag--blue app-tag-inline">{agreed ? "In the report" : "Left out of the report: no consent"}</span>
                )}
                {c.findings.some((f) => f.blocking) && (
                  <span className="nhsuk-tag nhsuk-tag--red app-tag-inline">Identifies them: edit before it can be sent</span>
                )}
                {agreed && (
                  <button type="button" className="app-link-button app-inline-actions" onClick={() => edit(c)}>
                    Edit<span className="nhsuk-u-visually-hidden"> {c.title}</span>
                  </button>
                )}
                <button
                  type="button"
                  className="app-link-button app-inline-actions"
                  onClick={() =>
                    void submit(() => api.delete_case_study({ person_id: me.id, case_study_id: c.id })).then(
                      (l) => l && (list.set(l), setChanged((n) => n + 1)),
                    )
                  }
                >
                  Delete<span className="nhsuk-u-visually-hidden"> {c.title}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : (
        <Loading loaded={list} what="the case studies" />
      )}
      <ErrorSummary errors={errors} />
      {!editing ? (
        agreed && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" id="case-write" onClick={() => void start()} disabled={busy}>
            Write a case study
          </button>
        )
      ) : (
        <div data-testid="case-editor">
          <p className="nhsuk-hint">
            Drafted from the record: weeks count from the referral, and services are named by kind. Add what happened in your own words; no names, places, dates
            or numbers that could identify anyone.
          </p>
          <TextField
            id={IDS.title}
            label="Title"
            value={editing.title}
            onChange={(v) => setEditing({ ...editing, title: v })}
            error={errors.fields[IDS.title]}
          />
          <TextArea
            id={IDS.body}
            label="The case study"
            rows={12}
            value={editing.body}
            onChange={(v) => setEditing({ ...editing, body: v })}
            error={errors.fields[IDS.body]}
          />
          {findings ? <Findings findings={findings} /> : <p className="app-muted">Checking…</p>}
          {findings?.some((f) => f.blocking) && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" id="case-strip" onClick={() => setEditing({ ...editing, body: stripped })}>
              Take them out of the text
            </button>
          )}
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              type="checkbox"
              id="case-in-report"
              checked={editing.in_report}
              onChange={(e) => setEditing({ ...editing, in_report: e.target.checked })}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="case-in-report">
              Put it in the supervisor&rsquo;s report pack
            </label>
          </div>
          <div className="nhsuk-button-group">
            <button type="button" className="nhsuk-button" id="case-save" onClick={() => void save()} disabled={busy}>
              Save the case study
            </button>
            <button type="button" className="app-link-button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
