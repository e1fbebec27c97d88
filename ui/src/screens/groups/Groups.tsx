import { useState } from "react";
import { api, type AssetId, type GroupId, type GroupSessionId, type GroupView, type PersonId } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { Loading } from "../../components/Loading";
import { Saved } from "../../components/Saved";
import { TableRegion } from "../../components/TableRegion";
import { formatDateGB, isoTimeToGB, isoToGB, plural } from "../../lib/format";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";
import { useAssetSearch } from "../directory/search";
import { Register } from "./Register";
import { useFocusOnArrival } from "./focus";

/**
 * Group activities the link worker runs or goes to with people (a walking group, a peer group):
 * who is booked, the sessions, and each session's register. Opened from the caseload.
 */
export function Groups({ start, onOpen }: { start?: GroupId; onOpen: (id: PersonId) => void }) {
  const [group, setGroup] = useState<GroupId | null>(start ?? null);
  const [session, setSession] = useState<GroupSessionId | null>(null);
  if (session) return <Register key={session} id={session} onBack={() => setSession(null)} />;
  if (group) return <GroupPage key={group} id={group} onBack={() => setGroup(null)} onSession={setSession} onOpen={onOpen} />;
  return <GroupList onGroup={setGroup} />;
}

function GroupList({ onGroup }: { onGroup: (id: GroupId) => void }) {
  const groups = useCommand(() => api.groups(), []);
  useFocusOnArrival("groups-title", true);
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="groups" aria-labelledby="groups-title">
      <h1 id="groups-title" tabIndex={-1}>
        Groups
      </h1>
      <p>
        Groups you run or go to with people. After each session, take the register: everyone booked gets a group contact on their record (came, sent apologies
        or did not come), so their GP&apos;s &ldquo;seen&rdquo; line and the report follow.
      </p>
      {groups.data ? (
        groups.data.length === 0 ? (
          <p data-testid="no-groups">No groups yet.</p>
        ) : (
          <TableRegion>
            <table className="nhsuk-table app-table" data-testid="group-list">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">{plural(groups.data.length, "group")}</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Place</th>
                  <th scope="col">Booked</th>
                  <th scope="col">Next session</th>
                  <th scope="col">Registers to take</th>
                </tr>
              </thead>
              <tbody>
                {groups.data.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => onGroup(g.id)} data-group={g.name}>
                        {g.name}
                      </button>
                      {g.asset_name && g.asset_name !== g.name && <div className="app-muted">{g.asset_name}</div>}
                      {g.closed_on && <div className="app-muted">Closed {isoToGB(g.closed_on)}</div>}
                    </td>
                    <td>{g.place ?? "–"}</td>
                    <td>{g.members}</td>
                    <td className="app-nowrap">{g.next_session ? isoTimeToGB(g.next_session) : "–"}</td>
                    <td>{g.registers_due || "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : (
        <Loading loaded={groups} what="the groups" />
      )}
      <NewGroup onMade={(g) => onGroup(g.id)} />
    </main>
  );
}

const GROUP_IDS = { name: "group-name", place: "group-place", asset_id: "group-asset" };

/** A new group: its name, where it meets, and (if it is one) its directory entry. */
function NewGroup({ onMade }: { onMade: (g: GroupView) => void }) {
  const [f, setF] = useState({ name: "", place: "", asset: "" });
  const [assetText, setAssetText] = useState("");
  const { errors, busy, submit } = useForm(["name", "place", "asset_id"], GROUP_IDS);
  const [found] = useAssetSearch(assetText.trim().length >= 2 ? { ...NO_FILTERS, text: assetText } : null);
  const choices = (found?.hits ?? []).map((h) => ({ value: h.id as string, label: h.organisation ? `${h.name} (${h.organisation})` : h.name }));
  async function save() {
    const g = await submit(() =>
      api.save_group({ group_id: null, name: f.name, place: f.place, asset_id: (f.asset || null) as AssetId | null, closed: false }),
    );
    if (g) onMade(g);
  }
  return (
    <section aria-labelledby="new-group-title" className="app-panel">
      <h2 id="new-group-title">New group</h2>
      <ErrorSummary errors={errors} />
      <TextField
        id={GROUP_IDS.name}
        label="Name"
        hint="Like “Tuesday walking group”."
        value={f.name}
        onChange={(v) => setF({ ...f, name: v })}
        error={errors.fields[GROUP_IDS.name]}
      />
      <TextField
        id={GROUP_IDS.place}
        label="Where it meets (optional)"
        value={f.place}
        onChange={(v) => setF({ ...f, place: v })}
        error={errors.fields[GROUP_IDS.place]}
      />
      <TextField
        id="group-asset-search"
        label="Its directory entry (optional)"
        hint="Type part of its name to choose it from the directory."
        value={assetText}
        onChange={setAssetText}
      />
      {choices.length > 0 && (
        <Select
          id={GROUP_IDS.asset_id}
          label="Directory entry"
          choices={choices}
          value={f.asset}
          onChange={(v) => setF({ ...f, asset: v })}
          blank="None"
          error={errors.fields[GROUP_IDS.asset_id]}
        />
      )}
      <button type="button" className="nhsuk-button" id="group-save" onClick={() => void save()} disabled={busy}>
        Make the group
      </button>
    </section>
  );
}

const NO_FILTERS = {
  category: null,
  free_only: false,
  accessible_only: false,
  active_only: false,
  favourites_only: false,
  verified_within_months: null,
  limit: 20,
};

/** "HH:MM" now, for a session's start time. */
function nowTime(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes() - (d.getMinutes() % 15)).padStart(2, "0")}`;
}

const SESSION_IDS = { date: "session-date", time: "session-time", duration_minutes: "session-minutes", place: "session-place" };

function GroupPage({
  id,
  onBack,
  onSession,
  onOpen,
}: {
  id: GroupId;
  onBack: () => void;
  onSession: (id: GroupSessionId) => void;
  onOpen: (id: PersonId) => void;
}) {
  const loaded = useCommand(() => api.group({ group_id: id }), [id]);
  const g = loaded.data;
  const [s, setS] = useState({ date: formatDateGB(new Date()), time: nowTime(), minutes: "", place: "" });
  const sessionForm = useForm(["date", "time", "duration_minutes", "place"], SESSION_IDS);
  const people = useForm([]);
  const [said, setSaid] = useState("");
  useFocusOnArrival("group-title", !!g);
  if (!g)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent">
        <Loading loaded={loaded} what="the group" />
      </main>
    );
  const minutes = s.minutes || String(g.sessions[0]?.duration_minutes ?? 60);
  const current = g.members.filter((m) => !m.left_on);

  async function addSession() {
    const made = await sessionForm.submit(() =>
      api.add_group_session({ group_id: id, date: s.date, time: s.time, duration_minutes: Number(minutes) || null, place: s.place || null }),
    );
    if (made) onSession(made.id);
  }
  async function change(p: Promise<GroupView>, what: string) {
    const v = await people.submit(() => p);
    if (v) {
      loaded.set(v);
      setSaid(what);
    }
  }

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="group" aria-labelledby="group-title">
      <button type="button" className="app-link-button" onClick={onBack} id="groups-back">
        All groups
      </button>
      <h1 id="group-title" tabIndex={-1}>
        {g.name}
      </h1>
      <p className="app-muted">
        {[g.place, g.asset_name && `Directory: ${g.asset_name}`, g.closed_on && `Closed ${isoToGB(g.closed_on)}`].filter(Boolean).join(" · ") || "\u00a0"}
      </p>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {g.sessions.length === 0 ? (
          <p>No sessions yet.</p>
        ) : (
          <TableRegion>
            <table className="nhsuk-table app-table" data-testid="group-sessions">
              <caption className="nhsuk-u-visually-hidden">Sessions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Came</th>
                  <th scope="col">Did not come</th>
                  <th scope="col">Register</th>
                </tr>
              </thead>
              <tbody>
                {g.sessions.map((x) => (
                  <tr key={x.id}>
                    <td className="app-nowrap">
                      {isoTimeToGB(x.starts_at)}, {x.duration_minutes} min{x.place ? ` (${x.place})` : ""}
                    </td>
                    <td>{x.register_saved ? x.attended : "–"}</td>
                    <td>{x.register_saved ? x.did_not_attend : "–"}</td>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => onSession(x.id)} data-session={x.starts_at}>
                        {x.register_saved ? "See or correct the register" : "Take the register"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {!g.closed_on && (
          <div className="app-panel">
            <h3>Add a session</h3>
            <ErrorSummary errors={sessionForm.errors} />
            <div className="app-inline-fields">
              <TextField
                id={SESSION_IDS.date}
                label="Date"
                inputClass="nhsuk-input--width-10"
                value={s.date}
                onChange={(v) => setS({ ...s, date: v })}
                error={sessionForm.errors.fields[SESSION_IDS.date]}
              />
              <TextField
                id={SESSION_IDS.time}
                label="Starts"
                inputClass="nhsuk-input--width-5"
                value={s.time}
                onChange={(v) => setS({ ...s, time: v })}
                error={sessionForm.errors.fields[SESSION_IDS.time]}
              />
              <TextField
                id={SESSION_IDS.duration_minutes}
                label="Minutes"
                inputClass="nhsuk-input--width-4"
                inputMode="numeric"
                value={minutes}
                onChange={(v) => setS({ ...s, minutes: v })}
                error={sessionForm.errors.fields[SESSION_IDS.duration_minutes]}
              />
            </div>
            <TextField
              id={SESSION_IDS.place}
              label="Place, if not the usual"
              value={s.place}
              onChange={(v) => setS({ ...s, place: v })}
              error={sessionForm.errors.fields[SESSION_IDS.place]}
            />
            <button type="button" className="nhsuk-button" id="session-add" onClick={() => void addSession()} disabled={sessionForm.busy}>
              Add and take its register
            </button>
          </div>
        )}
      </section>
      <section aria-labelledby="booked-title">
        <h2 id="booked-title">Booked ({current.length})</h2>
        {said && <Saved text={said} testid="group-saved" />}
        <ErrorSummary errors={people.errors} />
        {g.members.length === 0 ? (
          <p>No one is booked yet. Book people here, or from their record (Onward referrals).</p>
        ) : (
          <TableRegion>
            <table className="nhsuk-table app-table app-compact" data-testid="group-members">
              <caption className="nhsuk-u-visually-hidden">People booked on the group</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">Booked</th>
                  <th scope="col">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.members.map((m) => (
                  <tr key={m.person_id}>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => onOpen(m.person_id)}>
                        {m.name}
                      </button>
                      {!m.on_caseload && <div className="app-muted">Not on the caseload now</div>}
                    </td>
                    <td className="app-nowrap">{m.nhs_number ?? "–"}</td>
                    <td className="app-nowrap">{m.left_on ? `${isoToGB(m.joined_on)} to ${isoToGB(m.left_on)}` : `Since ${isoToGB(m.joined_on)}`}</td>
                    <td>
                      {!m.left_on && (
                        <button
                          type="button"
                          className="app-link-button"
                          onClick={() => void change(api.leave_group({ group_id: id, person_id: m.person_id }), `${m.name} is no longer booked.`)}
                        >
                          No longer coming<span className="nhsuk-u-visually-hidden">: {m.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {!g.closed_on && (
          <BookSomeone
            booked={current.map((m) => m.person_id)}
            onBook={(p, name) => void change(api.join_group({ group_id: id, person_id: p }), `${name} is booked on ${g.name}.`)}
          />
        )}
      </section>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        id="group-close"
        onClick={() =>
          void change(
            api.save_group({ group_id: id, name: g.name, place: g.place, asset_id: g.asset_id, closed: !g.closed_on }),
            g.closed_on ? "The group is open again." : "The group is closed: no new sessions.",
          )
        }
      >
        {g.closed_on ? "Reopen the group" : "Close the group"}
      </button>
    </main>
  );
}

/** Find someone by name or NHS number and book them. */
function BookSomeone({ booked, onBook }: { booked: PersonId[]; onBook: (p: PersonId, name: string) => void }) {
  const [search, setSearch] = useState("");
  const text = search.trim();
  const found = useCommand(() => (text.length >= 2 ? api.list_people({ search: text }) : Promise.resolve([])), [text]);
  const hits = (found.data ?? []).filter((p) => !booked.includes(p.id)).slice(0, 10);
  return (
    <div className="app-panel">
      <TextField id="group-find" label="Book someone: find them by name or NHS number" value={search} onChange={setSearch} />
      {text.length >= 2 &&
        (found.error ? (
          <Loading loaded={found} what="the matching people" />
        ) : hits.length === 0 ? (
          <p>{found.loading ? "Searching…" : "No one else matches."}</p>
        ) : (
          <ul className="nhsuk-list" data-testid="group-candidates">
            {hits.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.nhs_number ? `, ${p.nhs_number}` : ""}{" "}
                <button type="button" className="app-link-button" data-book={p.name} onClick={() => onBook(p.id, p.name)}>
                  Book<span className="nhsuk-u-visually-hidden"> {p.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
