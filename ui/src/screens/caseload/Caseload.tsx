import { useEffect, useRef, useState } from "react";
import {
  api,
  type CaseloadFilter,
  type CaseloadRow,
  type CaseloadSort,
  type CaseloadView,
  type EpisodeStatus,
  type PersonId,
  type Share,
} from "../../generated/api";
import { toApiError } from "../../lib/errors";
import { dayCount, daysAgo, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { ReminderTag } from "../outcomes/Band";
import { TableRegion } from "../../components/TableRegion";

/** What the list can be narrowed to, each matching a counter. */
const ONLY: { value: CaseloadFilter; label: string }[] = [
  { value: "urgent_overdue", label: "Urgent, overdue" },
  { value: "not_reached", label: "Not reached" },
  { value: "reviews_overdue", label: "Reviews overdue" },
  { value: "actions_overdue", label: "Actions overdue" },
  { value: "follow_ups", label: "Follow-ups due" },
];

const COLUMNS: { sort: CaseloadSort; label: string }[] = [
  { sort: "name", label: "Name" },
  { sort: "nhs_number", label: "NHS number" },
  { sort: "status", label: "Status" },
  { sort: "waiting", label: "Waiting" },
  { sort: "last_contact", label: "Last contact" },
  { sort: "next_review", label: "Next review" },
  { sort: "follow_up", label: "Outcomes" },
  { sort: "risk", label: "Risk" },
];

function Gauge({ view }: { view: CaseloadView }) {
  const k = view.counters;
  const pct = Math.min(100, (k.supported_last_12_months / k.safe_max) * 100);
  const words = { ok: "within the safe caseload", amber: `over ${k.amber_over}: close to the safe maximum`, red: `over the safe maximum of ${k.safe_max}` }[
    k.level
  ];
  return (
    <div className={`app-stat app-gauge app-gauge--${k.level}`} data-testid="gauge">
      <dt>Supported, 12 months</dt>
      <dd>
        <strong className="app-stat__value">{k.supported_last_12_months}</strong> of {k.safe_max} max
        <span className="app-gauge__track" role="img" aria-label={`${k.supported_last_12_months} of ${k.safe_max}: ${words}`}>
          <span className="app-gauge__fill" style={{ width: `${pct}%` }} />
        </span>
        {k.level !== "ok" && <span className="app-gauge__words">{words}</span>}
      </dd>
    </div>
  );
}

/** A waiting person's wait, its band, and the tries at a first contact so far. */
function Waiting({ r }: { r: CaseloadRow }) {
  const lists = useLists();
  if (r.status !== "waiting" || r.days_waiting === null) return null;
  const a = r.last_attempt;
  return (
    <>
      {r.priority === "urgent" && (
        <strong className="nhsuk-tag nhsuk-tag--red app-tag-inline" data-testid="urgent">
          {r.urgent_overdue ? "Urgent: first contact overdue" : "Urgent"}
        </strong>
      )}
      {r.wait_band && (
        <strong className={`nhsuk-tag app-tag-inline ${r.wait_band === "over_four_weeks" ? "nhsuk-tag--red" : "nhsuk-tag--orange"}`}>
          {r.wait_band === "over_four_weeks" ? "Over 4 weeks" : "Over 2 weeks"}
        </strong>
      )}{" "}
      {dayCount(r.days_waiting)}
      {r.first_contact_due_on && <span className="app-small app-block">First contact due by {isoToGB(r.first_contact_due_on)}</span>}
      <span className="app-muted app-small app-block" data-testid="attempts">
        {r.attempts === 0
          ? "No tries yet"
          : `${r.attempts} ${r.attempts === 1 ? "try" : "tries"}; last ${isoToGB(a?.on)} ${labelOf(lists.contact_types, a?.contact_type).toLowerCase()}: ${labelOf(
              lists.all_contact_outcomes,
              a?.outcome,
            ).toLowerCase()}`}
      </span>
    </>
  );
}

function share(s: Share): string {
  return s.of === 0 ? "–" : `${Math.round((100 * s.n) / s.of)}%`;
}

export function Caseload({
  onOpen,
  onLog,
  onNewReferral,
  onReport,
  onBackup,
  onGuide,
  onConcerns,
  onOutreach,
  onGroups,
}: {
  onOpen: (personId: PersonId) => void;
  /** Opens the person with the contact form ready. */
  onLog: (personId: PersonId) => void;
  onNewReferral: () => void;
  onReport?: () => void;
  onBackup?: () => void;
  onGuide?: () => void;
  /** The open concerns list across the caseload. */
  onConcerns?: () => void;
  onOutreach?: () => void;
  onGroups?: () => void;
}) {
  const lists = useLists();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<EpisodeStatus | "">("");
  const [sort, setSort] = useState<CaseloadSort>("attention");
  const [descending, setDescending] = useState(false);
  const [only, setOnly] = useState<CaseloadFilter | "">("");
  const [view, setView] = useState<CaseloadView | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The counters and reminders load once per visit; each keystroke or filter asks only for rows.
  const loaded = useRef(false);
  useEffect(() => {
    let live = true;
    const args = { search: search || null, status: status || null, sort, descending, only: only || null };
    const failed = (e: unknown) => live && setError(toApiError(e).message);
    const t = setTimeout(
      () => {
        if (!loaded.current) {
          api.caseload(args).then((v) => {
            if (!live) return;
            loaded.current = true;
            setView(v);
            setError(null);
          }, failed);
        } else {
          api.caseload_rows(args).then((rows) => live && (setView((v) => v && { ...v, rows }), setError(null)), failed);
        }
      },
      loaded.current ? 80 : 0,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [search, status, sort, descending, only]);

  const sortBy = (s: CaseloadSort) => {
    if (s === sort) setDescending(!descending);
    else {
      setSort(s);
      setDescending(false);
    }
  };

  const k = view?.counters;
  const attention = (
    k
      ? [
          ["urgent_overdue", k.urgent_overdue, "urgent overdue"],
          ["not_reached", k.not_reached, "not reached"],
          ["reviews_overdue", k.reviews_overdue, k.reviews_overdue === 1 ? "review overdue" : "reviews overdue"],
          ["actions_overdue", k.actions_overdue, k.actions_overdue === 1 ? "action overdue" : "actions overdue"],
        ]
      : []
  ).filter(([, n]) => n !== 0) as [CaseloadFilter, number, string][];
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="caseload">
      <div className="app-caseload-top">
        <h1>Caseload</h1>
        <div className="app-filters">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="caseload-search">
              Search by name or NHS number
            </label>
            <input
              className="nhsuk-input app-search-input"
              id="caseload-search"
              type="search"
              autoComplete="off"
              aria-describedby="caseload-search-hint"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                // Enter opens the first match; Down goes to it, to log a contact or open it.
                const first = view?.rows[0];
                if (!first) return;
                if (e.key === "Enter") {
                  e.preventDefault();
                  onOpen(first.person_id);
                } else if (e.key === "ArrowDown") {
                  e.preventDefault();
                  document.querySelector<HTMLElement>("[data-testid='caseload-table'] tbody [data-person]")?.focus();
                }
              }}
            />
            <span className="nhsuk-u-visually-hidden" id="caseload-search-hint">
              Enter opens the first match; Down arrow moves to the list.
            </span>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="caseload-show">
              Show
            </label>
            <select
              className="nhsuk-select"
              id="caseload-show"
              value={only ? `only:${only}` : status}
              onChange={(e) => {
                const v = e.target.value;
                setOnly(v.startsWith("only:") ? (v.slice(5) as CaseloadFilter) : "");
                setStatus(v.startsWith("only:") ? "" : (v as EpisodeStatus | ""));
              }}
            >
              <option value="">All open</option>
              <option value="waiting">Waiting</option>
              <option value="active">Active</option>
              <optgroup label="Only">
                {ONLY.map((o) => (
                  <option key={o.value} value={`only:${o.value}`}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
        </div>
        {/* Stacked, so the filters beside them keep to one line at 1024 px. */}
        <div className="app-caseload-actions">
          <button className="nhsuk-button app-button-small" type="button" onClick={onNewReferral} id="new-referral">
            New referral
          </button>
          <div className="app-caseload-links">
            {onOutreach && (
              <button className="app-link-button" type="button" onClick={onOutreach} id="open-outreach">
                {k && k.outreach_to_work > 0 ? `Outreach: ${k.outreach_to_work} to call` : "Outreach lists"}
              </button>
            )}
            {onGroups && (
              <button className="app-link-button" type="button" onClick={onGroups} id="open-groups">
                Groups
              </button>
            )}
          </div>
        </div>
      </div>
      {((view?.report_due && onReport) || (view?.backup_due && onBackup)) && (
        <ul className="app-reminder nhsuk-list" aria-label="Reminders">
          {view?.report_due && onReport && (
            <li data-testid="report-due">
              {view.report_due}'s report has not been exported for your supervisor yet.{" "}
              <button type="button" className="app-link-button" id="open-report" onClick={onReport}>
                Make the report
              </button>
            </li>
          )}
          {view?.backup_due && onBackup && (
            <li data-testid="backup-due">
              {view.backup_due.days === null
                ? "Your caseload has not been backed up yet: if this laptop is lost or breaks, the records go with it."
                : `Your last backup was ${daysAgo(view.backup_due.days)}.`}{" "}
              <button type="button" className="app-link-button" id="open-backup" onClick={onBackup}>
                Back up now
              </button>
            </li>
          )}
        </ul>
      )}
      {k && view && (
        <dl className="app-stats" data-testid="counters">
          <div className="app-stat">
            <dt>Open caseload</dt>
            <dd>
              <strong className="app-stat__value" data-testid="count-open">
                {k.open}
              </strong>
            </dd>
          </div>
          <div className="app-stat">
            <dt>Waiting</dt>
            <dd>
              <strong className="app-stat__value" data-testid="count-waiting">
                {k.waiting}
              </strong>{" "}
              {k.median_days_waiting !== null ? `median ${dayCount(Math.round(k.median_days_waiting))}` : "no one waiting"}
            </dd>
          </div>
          <Gauge view={view} />
          <div className="app-stat" data-testid="attention">
            <dt>Needs attention</dt>
            <dd>
              {attention.length === 0 ? (
                "nothing overdue"
              ) : (
                <ul className="nhsuk-list app-attention">
                  {attention.map(([f, n, words]) => (
                    <li key={f}>
                      <button type="button" className="app-link-button" data-count={f} onClick={() => (setStatus(""), setOnly(f))}>
                        <strong>{n}</strong> {words}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="app-stat" data-testid="concerns-counter">
            <dt>Open concerns</dt>
            <dd>
              {onConcerns && k.open_concerns > 0 ? (
                <button type="button" className="app-link-button" id="open-concerns" onClick={onConcerns}>
                  <strong data-testid="count-concerns">{k.open_concerns}</strong>
                  {k.concern_reviews_overdue > 0 && `, ${k.concern_reviews_overdue} past review`}
                </button>
              ) : (
                <strong data-testid="count-concerns">{k.open_concerns}</strong>
              )}
            </dd>
          </div>
          <div className="app-stat">
            <dt>Follow-ups</dt>
            <dd>
              <strong className="app-stat__value" data-testid="count-follow-ups">
                {k.follow_ups_due + k.follow_ups_overdue}
              </strong>{" "}
              {k.follow_ups_overdue} overdue
            </dd>
          </div>
          <div className="app-stat">
            <dt>First contact, last 12 months</dt>
            <dd>
              <strong className="app-stat__value">
                {k.median_days_to_first_contact !== null ? dayCount(Math.round(k.median_days_to_first_contact)) : "–"}
              </strong>{" "}
              {k.median_days_to_first_contact !== null ? "median; " : ""}
              <span data-testid="first-contact-bands">
                {k.contacted_within_7_days.of === 0
                  ? "no first contacts yet"
                  : `${share(k.contacted_within_7_days)} within 7 days (${k.contacted_within_7_days.n} of ${k.contacted_within_7_days.of}), ${share(k.waited_14_days_or_more)} waited 14 or more`}
              </span>
            </dd>
          </div>
        </dl>
      )}
      {error && <p className="nhsuk-error-message">{error}</p>}
      {sort !== "attention" && view && view.rows.length > 0 && (
        <p className="app-small" data-testid="sorted-by">
          Sorted by {COLUMNS.find((c) => c.sort === sort)?.label.toLowerCase()}
          {descending ? ", descending" : ""}.{" "}
          <button type="button" className="app-link-button" id="sort-attention" onClick={() => (setSort("attention"), setDescending(false))}>
            Needs attention first
          </button>
        </p>
      )}
      {view && view.rows.length > 0 && (
        <TableRegion>
          <table
            className="nhsuk-table app-caseload"
            data-testid="caseload-table"
            onKeyDown={(e) => {
              const row = (e.target as HTMLElement).closest("tr[data-person-id]");
              if (!row) return;
              if (e.altKey && (e.key === "l" || e.key === "L")) {
                e.preventDefault();
                onLog(row.getAttribute("data-person-id") as PersonId);
              } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                // Up and down move between people, as in a list.
                const next = e.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
                const target = next?.querySelector<HTMLElement>("[data-person]");
                e.preventDefault();
                if (target) target.focus();
                else if (e.key === "ArrowUp") document.getElementById("caseload-search")?.focus();
              }
            }}
          >
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Open episodes of care{sort === "attention" ? ", those needing attention first" : ""}
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.sort} scope="col" aria-sort={sort === c.sort ? (descending ? "descending" : "ascending") : "none"}>
                    <button type="button" className="app-sort" onClick={() => sortBy(c.sort)} data-sort={c.sort}>
                      {c.label}
                      <span aria-hidden="true">{sort === c.sort ? (descending ? " ▼" : " ▲") : ""}</span>
                    </button>
                  </th>
                ))}
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {view.rows.map((r) => (
                <tr key={r.episode_id} className="nhsuk-table__row" data-person-id={r.person_id}>
                  <td className="nhsuk-table__cell app-nowrap">
                    <button type="button" className="app-link-button" onClick={() => onOpen(r.person_id)} data-person={r.name}>
                      {r.name}
                    </button>
                    {r.preferred_name && <span className="app-muted"> ({r.preferred_name})</span>}
                    {r.draft && <strong className="nhsuk-tag nhsuk-tag--yellow app-tag-inline">Unsaved note</strong>}
                    {r.not_reached !== null && (
                      <span className="app-overdue app-block app-small" data-testid="not-reached">
                        Not reached: {r.not_reached} tries
                      </span>
                    )}
                  </td>
                  <td className="nhsuk-table__cell app-nowrap">{r.nhs_number ?? "–"}</td>
                  <td className="nhsuk-table__cell">
                    <strong className={`nhsuk-tag ${r.status === "waiting" ? "nhsuk-tag--grey" : "nhsuk-tag--blue"}`}>
                      {r.status === "waiting" ? "Waiting" : "Active"}
                    </strong>
                  </td>
                  <td className="nhsuk-table__cell">
                    <Waiting r={r} />
                  </td>
                  <td className="nhsuk-table__cell app-nowrap">{r.days_since_contact !== null ? daysAgo(r.days_since_contact) : "None yet"}</td>
                  <td className="nhsuk-table__cell">
                    <span className={`app-nowrap${r.review_overdue ? " app-overdue" : ""}`}>
                      {r.review_overdue && <span aria-hidden="true">⚠ </span>}
                      {isoToGB(r.next_review_on) || "–"}
                      {r.review_overdue && <span className="nhsuk-u-visually-hidden"> (review overdue)</span>}
                    </span>
                    {r.action_overdue && (
                      <span className="app-overdue" title={`Action overdue since ${isoToGB(r.next_action_due)}`}>
                        {" "}
                        <span className="app-nowrap">
                          <span aria-hidden="true">⚠ </span>action
                        </span>
                        <span className="nhsuk-u-visually-hidden"> overdue since {isoToGB(r.next_action_due)}</span>
                      </span>
                    )}
                  </td>
                  <td className="nhsuk-table__cell">
                    {r.follow_up ? <ReminderTag r={r.follow_up} short={labelOf(lists.measures, r.follow_up.measure)} /> : ""}
                  </td>
                  <td className="nhsuk-table__cell">{r.risk ? <strong className="nhsuk-tag nhsuk-tag--red">Risk</strong> : ""}</td>
                  <td className="nhsuk-table__cell app-nowrap">
                    <button type="button" className="app-link-button" onClick={() => onLog(r.person_id)} data-log={r.name} aria-keyshortcuts="Alt+L">
                      Log contact<span className="nhsuk-u-visually-hidden"> for {r.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {view && view.rows.length === 0 && (
        <p data-testid="caseload-empty">
          {search || status || only ? (
            "No open episodes match."
          ) : (
            <>
              No one on the caseload yet. Add a referral to start
              {onGuide && (
                <>
                  , or read the{" "}
                  <button type="button" className="app-link-button" id="open-guide" onClick={onGuide}>
                    getting started guide
                  </button>
                </>
              )}
              .
            </>
          )}
        </p>
      )}
    </main>
  );
}
