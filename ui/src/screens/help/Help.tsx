import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { api, type GpCodeMapView, type Ons4ItemInfo } from "../../generated/api";
import { useLists } from "../../lib/lists";
import { SHORTCUTS } from "../../lib/shortcuts";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";
import { TableRegion } from "../../components/TableRegion";

/** Where Help can send the person. */
export interface HelpLinks {
  guide: () => void;
  about: () => void;
  settings: (section?: "backup" | "recovery" | "report") => void;
  handover: () => void;
  report: () => void;
}

/** Score ranges of each band, from the core's band of every score (so Help cannot disagree with the forms). */
export function bandRanges(info: Ons4ItemInfo): { from: number; to: number; label: string }[] {
  const out: { from: number; to: number; label: string }[] = [];
  info.bands.forEach((b, score) => {
    const label = b.band_label ?? "";
    const last = out[out.length - 1];
    if (last && last.label === label) last.to = score;
    else out.push({ from: score, to: score, label });
  });
  return out;
}

function Ons4Bands() {
  const lists = useLists();
  return (
    <>
      <p>
        Each of the four questions is its own measure, scored 0 to 10; Linkwork never adds them together. The bands are the Office for National
        Statistics&rsquo; thresholds. For anxiety a higher score is worse, so a fall is an improvement.
      </p>
      <TableRegion>
        <table className="nhsuk-table app-table" data-testid="help-ons4-bands">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">ONS4 bands by score</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Bands</th>
            </tr>
          </thead>
          <tbody>
            {lists.ons4_items.map((i) => (
              <tr key={i.item}>
                <th scope="row">{i.label}</th>
                <td>
                  {bandRanges(i)
                    .map((r) => `${r.from === r.to ? r.from : `${r.from}–${r.to}`} ${r.label.toLowerCase()}`)
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>
        Record a baseline at the first contact, then follow-ups; the person&rsquo;s Outcomes section shows the change from baseline for each question, and the
        Outcomes screen shows it across the caseload.
      </p>
    </>
  );
}

function GpCodes() {
  const loaded = useCommand(() => api.gp_code_map({ practice_id: null }), []);
  const map: GpCodeMapView | null = loaded.data;
  const labels = new Map(map?.uses.map((u) => [u.value, u.label]));
  return (
    <>
      <p>
        Linkwork suggests a line for the GP record when something happens: a referral accepted, a contact held, an onward referral, a case closed. It never
        invents a code: each comes from the list shipped with Linkwork (read from public code lists) or from a local code your practice added in Settings, which
        then replaces the shipped one. Where no code fits, the line is text. Open <strong>To code</strong> to see what is waiting: a row per person, with their
        practice, how many lines and the oldest. Choose a practice to work through one at a time; open a person (Alt+N for the next), copy their lines (Alt+C),
        enter them in EMIS Web or SystmOne, then mark them entered (Alt+M), which opens the next person. Alt+U undoes the last marking. Corrections stay at the
        top. Codes only never include free text; the full summary adds notes only with the person&rsquo;s consent to share.
      </p>
      {!map && <Loading loaded={loaded} what="the GP codes" />}
      {map && (
        <TableRegion>
          <table className="nhsuk-table app-table app-dense" data-testid="help-gp-codes">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Which code, and when it is due</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">SNOMED CT code</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {map.entries.map((e) => (
                <tr key={`${e.use}-${e.concept_id}`}>
                  <td>
                    {labels.get(e.use) ?? e.use}
                    {e.local && <span className="app-muted"> (your practice&rsquo;s code)</span>}
                  </td>
                  <td>
                    <span className="app-mono">{e.concept_id}</span> {e.term}
                  </td>
                  <td>{e.rule}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

function Shortcuts() {
  return (
    <TableRegion>
      <table className="nhsuk-table app-table" data-testid="help-shortcuts">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What it does</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td className="app-nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && "+"}
                    <kbd className="app-key">{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
              <td>{s.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function Link({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="app-link-button" onClick={onClick}>
      {children}
    </button>
  );
}

/** Help: every topic on one page, filtered as you type; works offline, opened with F1. */
export function Help({ go }: { go: HelpLinks }) {
  const [query, setQuery] = useState("");
  const [shown, setShown] = useState<number | null>(null);
  const topics = useRef<HTMLDivElement>(null);

  const TOPICS: { id: string; title: string; body: ReactNode }[] = [
    {
      id: "start",
      title: "Getting started",
      body: (
        <p>
          The <Link onClick={go.guide}>getting started guide</Link> covers what Linkwork keeps and where, the recovery key, your supervisor&rsquo;s key, the
          backup folder and your handover key, and where to begin.
        </p>
      ),
    },
    {
      id: "attention",
      title: "Who needs attention first: urgent referrals, people not reached, open concerns",
      body: (
        <>
          <p>
            The caseload opens in &ldquo;needs attention&rdquo; order: urgent referrals past their first-contact target, other urgent referrals, people not
            reached or with a review or action overdue, then the waiting list (longest first), then reviews. The counters above the list filter it to each
            group.
          </p>
          <p>
            The first-contact target for urgent referrals (default 3 days) and how many tries in a row make someone &ldquo;not reached&rdquo; (default 2) are
            your practice&rsquo;s rules, in <Link onClick={() => go.settings()}>Settings</Link>. A person not reached has two choices on their page: try again,
            or close the episode as &ldquo;unable to contact&rdquo; and send the referrer&rsquo;s letter.
          </p>
          <p>
            Closing an episode asks about each open concern: keep it open or close it with a note. Open concerns stay on the Open concerns list (from the
            caseload&rsquo;s counter) whatever happens to the episode, with their review dates. Recording a death (Details) closes the open episode; its
            concerns stay open for you to close.
          </p>
        </>
      ),
    },
    {
      id: "outreach",
      title: "Outreach lists: reaching people from a practice search",
      body: (
        <>
          <p>
            &ldquo;Outreach lists&rdquo; on the caseload takes a practice search (a frailty register, people who are lonely or often attend) exported from EMIS
            Web or SystmOne as CSV, with the NHS number, name and date of birth. Linkwork shows every row first, with who is known already and who is on another
            list; a row it cannot read is named by line and column, and nothing is imported until the file is right.
          </p>
          <p>
            On a list, Alt+N brings up the next person to call. Record what the call came to; when someone says yes, &ldquo;Accepted: make a referral&rdquo;
            adds them to your caseload as a referral by proactive search. Close the list when you are done: the people on it who did not become referrals are
            removed some months later (<Link onClick={() => go.settings()}>Settings</Link>, caseload rules), so Linkwork keeps no register of people who never
            took up support.
          </p>
        </>
      ),
    },
    {
      id: "groups",
      title: "Groups and their registers",
      body: (
        <>
          <p>
            &ldquo;Groups&rdquo; on the caseload keeps the groups you run or go to with people (a walking group, a peer group): who is booked, and each session.
            Book people from the group&rsquo;s page, or from their record (Onward referrals, Groups).
          </p>
          <p>
            After a session, open its register and tick who came: Space ticks, and the Up and Down arrows move between people. Saving gives everyone booked a
            group contact on their record: came (their GP&rsquo;s &ldquo;seen&rdquo; line follows), sent apologies, or did not come. Someone not on the caseload
            then, or referred after the session, is shown but cannot be ticked. Correct a mistaken tick on the register itself: the old contact is kept, marked
            entered in error, and a line already in the GP record is listed under To code for correction.
          </p>
        </>
      ),
    },
    {
      id: "reach",
      title: "Carers, case studies and who the service reaches",
      body: (
        <>
          <p>
            On a person&rsquo;s Details: who they care for and who cares for them (someone on the caseload, or a name and relationship); a carer named only can
            be referred in their own right from there. &ldquo;Who they are&rdquo; holds optional details (sex, ethnic group, first language, disability, the
            practice&rsquo;s deprivation decile), never required; the report counts people by age band, sex and broad ethnic group, with small numbers hidden,
            so your supervisor can see who is not being reached.
          </p>
          <p>
            A case study needs the person&rsquo;s consent to one (Details, consent). Outcomes, &ldquo;Write a case study&rdquo;, drafts one from the record in
            weeks, not dates; anything typed that identifies them (a name, NHS number, date, postcode, address or phone number) must come out before it is
            saved, and &ldquo;Take them out of the text&rdquo; does it. Chosen case studies go in the report pack only while consent stands.
          </p>
        </>
      ),
    },
    { id: "keys", title: "Keyboard shortcuts", body: <Shortcuts /> },
    { id: "gp-codes", title: "GP codes: which code, and when", body: <GpCodes /> },
    { id: "ons4", title: "ONS4 wellbeing: what the bands mean", body: <Ons4Bands /> },
    {
      id: "pam",
      title: "PAM (Patient Activation Measure) and its licence",
      body: (
        <>
          <p>
            PAM belongs to Insignia Health (a Phreesia company). Its questions, scoring and level cut-offs are licensed, so Linkwork does not ask the questions
            or work out a score. Use your organisation&rsquo;s licensed PAM tool, then enter the score (0 to 100, one decimal place), the level (1 to 4) and the
            version (PAM-13 or PAM-10) exactly as it reports them.
          </p>
          <p>
            If your organisation gives you its level cut-offs, enter them in <Link onClick={() => go.settings()}>Settings</Link> and Linkwork will query a level
            that does not fit the score. The Outcomes screen counts who gained 3 points or more, and how many of those did so within 12 months.
          </p>
        </>
      ),
    },
    {
      id: "report",
      title: "The monthly report for your supervisor",
      body: (
        <>
          <p>
            Open <Link onClick={go.report}>Report</Link>, choose the month, check the tables and charts, then export. The file holds counts only: no names, NHS
            numbers, dates of birth or notes, and counts from 1 to 4 are shown as &ldquo;&lt;5&rdquo; (unless you turn that off in Settings for internal use).
            It is encrypted with age before it is saved.
          </p>
          <p>
            Encrypt it to your supervisor&rsquo;s key (an age key starting <span className="app-mono">age1</span>; add it under{" "}
            <Link onClick={() => go.settings("report")}>Settings → Monthly report</Link>) or to a passphrase you tell them another way, never in the same email.
            Your supervisor opens it with the <span className="app-mono">linkwork supervisor</span> command, which can also combine a team&rsquo;s reports.
          </p>
        </>
      ),
    },
    {
      id: "backup",
      title: "Backing up, and restoring on a new laptop",
      body: (
        <>
          <p>
            Choose a backup folder in <Link onClick={() => go.settings("backup")}>Settings → Backup</Link> (a network drive or an encrypted USB stick, never
            this laptop alone). Linkwork reminds you when a backup is due and can back up each time you lock. Every backup is encrypted: it opens with your
            passphrase, your recovery key or this vault&rsquo;s own key, and nothing else.
          </p>
          <p>
            On a new laptop: install Linkwork, and on the first screen choose <strong>Restore from a backup instead</strong>. Pick the newest backup and enter
            the passphrase you had when it was made (or use the recovery key). Linkwork checks the whole file before writing anything. You can check a backup
            any time under Settings → Backup.
          </p>
        </>
      ),
    },
    {
      id: "handover",
      title: "Handing over a caseload",
      body: (
        <p>
          When you leave or share work, ask your colleague for their handover key (their Settings → Backup → Your handover key). In{" "}
          <Link onClick={go.handover}>Caseload handover</Link>, paste it, choose the people, and save the file: it is encrypted so only their Linkwork can open
          it. Then Linkwork offers to close your open episodes for those people as handed over. Your colleague chooses <strong>Receive a handover</strong>,
          checks the preview and imports; people already on their caseload are matched, never duplicated.
        </p>
      ),
    },
    {
      id: "privacy",
      title: "Where your records are, and what leaves this laptop",
      body: (
        <p>
          Everything is in one encrypted database in Linkwork&rsquo;s data folder on this laptop, opened only with your passphrase (or the recovery key).
          Nothing is sent anywhere. Files leave only when you save them: the monthly report and backups are always encrypted; a GP letter, a FHIR file or a copy
          for a subject access request are saved where you choose, so keep them on the practice&rsquo;s secure systems. Linkwork locks itself when you are away.{" "}
          <Link onClick={go.about}>About Linkwork</Link> shows the data folder, the files and the licences.
        </p>
      ),
    },
  ];

  // Filter by every word typed, over each topic's visible text (tables included).
  useLayoutEffect(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    topics.current?.querySelectorAll<HTMLElement>("section[data-topic]").forEach((s) => {
      const text = (s.textContent ?? "").toLowerCase();
      const match = words.every((w) => text.includes(w));
      s.hidden = !match;
      if (match) n++;
    });
    setShown(words.length ? n : null);
  }, [query]);

  return (
    <main className="nhsuk-main-wrapper app-narrow app-help" id="maincontent" data-screen="help">
      <h1>Help</h1>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="help-search">
          Search help
        </label>
        <input className="nhsuk-input" id="help-search" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p aria-live="polite" data-testid="help-count" className="app-muted">
        {shown === null ? "" : shown === 0 ? "No topic mentions that. Try another word." : `${shown} of ${TOPICS.length} topics mention that.`}
      </p>
      {query === "" && (
        <nav aria-label="Help topics">
          <ul className="nhsuk-list app-contents">
            {TOPICS.map((t) => (
              <li key={t.id}>
                <a href={`#help-${t.id}`}>{t.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div ref={topics}>
        {TOPICS.map((t) => (
          <section key={t.id} data-topic={t.id} aria-labelledby={`help-${t.id}`}>
            <h2 id={`help-${t.id}`} tabIndex={-1}>
              {t.title}
            </h2>
            {t.body}
          </section>
        ))}
      </div>
    </main>
  );
}
