import { useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { api, type GroupSessionId, type GroupSessionView, type PersonId } from "../../generated/api";
import { ErrorSummary } from "../../components/Form";
import { Loading } from "../../components/Loading";
import { Saved } from "../../components/Saved";
import { TableRegion } from "../../components/TableRegion";
import { isoTimeToGB, plural } from "../../lib/format";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";
import { useFocusOnArrival } from "./focus";

type Mark = "came" | "apologies" | "";

function marksOf(v: GroupSessionView): Record<PersonId, Mark> {
  return Object.fromEntries(v.rows.map((r) => [r.person_id, r.attendance === "attended" ? "came" : r.attendance === "apologies" ? "apologies" : ""]));
}

/** Up and Down move between people in the same column (a register of 20 without 40 Tabs). */
function moveInColumn(e: ReactKeyboardEvent<HTMLInputElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const column = e.currentTarget.dataset.column;
  const all = [...document.querySelectorAll<HTMLInputElement>(`input[data-column='${column}']:not(:disabled)`)];
  const i = all.indexOf(e.currentTarget);
  const to = all[i + (e.key === "ArrowDown" ? 1 : -1)];
  if (to) {
    e.preventDefault();
    to.focus();
  }
}

/**
 * A session's register: tick who came (and who sent apologies); everyone else booked did not
 * come. Saving gives each person a group contact; a changed row corrects the one saved before.
 */
export function Register({ id, onBack }: { id: GroupSessionId; onBack: () => void }) {
  const loaded = useCommand(() => api.group_session({ session_id: id }), [id]);
  const v = loaded.data;
  const [marks, setMarks] = useState<Record<PersonId, Mark> | null>(null);
  const [said, setSaid] = useState("");
  const { errors, busy, submit } = useForm(["came", "apologies"], { came: "register-came-0", apologies: "register-apologies-0" });
  useFocusOnArrival("register-title", !!v);
  if (!v)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent">
        <Loading loaded={loaded} what="the register" />
      </main>
    );
  const m = marks ?? marksOf(v);
  const can = v.rows.filter((r) => !r.why_not || r.attendance);
  const set = (p: PersonId, to: Mark) => {
    setSaid("");
    setMarks({ ...m, [p]: to });
  };
  const came = can.filter((r) => m[r.person_id] === "came").length;
  const apologies = can.filter((r) => m[r.person_id] === "apologies").length;

  async function save() {
    const pick = (want: Mark) => can.filter((r) => m[r.person_id] === want).map((r) => r.person_id);
    const done = await submit(() => api.save_register({ session_id: id, came: pick("came"), apologies: pick("apologies") }));
    if (!done) return;
    loaded.set(done.session);
    setMarks(marksOf(done.session));
    const counts = `${came} came, ${apologies} sent apologies, ${can.length - came - apologies} did not come`;
    const what = [done.recorded > 0 && plural(done.recorded, "contact") + " recorded", done.corrected > 0 && plural(done.corrected, "contact") + " corrected"]
      .filter(Boolean)
      .join(", ");
    setSaid(`Register saved: ${counts}. ${what ? `${what[0].toUpperCase()}${what.slice(1)}.` : "Nothing had changed."}`);
  }

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="register" aria-labelledby="register-title">
      <button type="button" className="app-link-button" onClick={onBack} id="register-back">
        Back to {v.group_name}
      </button>
      <h1 id="register-title" className="nhsuk-heading-l" tabIndex={-1}>
        <span className="nhsuk-caption-l">{v.group_name}</span>
        Register, {isoTimeToGB(v.starts_at)}
      </h1>
      <p className="nhsuk-hint" id="register-hint">
        Tick who came. Space ticks; the Up and Down arrows move between people. Anyone not ticked did not come, unless they sent apologies.
        {v.register_saved && " Changing a saved row corrects that person's contact (the old one is kept, marked entered in error)."}
      </p>
      <ErrorSummary errors={errors} />
      {v.rows.length === 0 ? (
        <p>No one is booked on this group yet.</p>
      ) : (
        <TableRegion>
          <table className="nhsuk-table app-table app-compact app-register" data-testid="register" aria-describedby="register-hint">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s" data-testid="register-count">
              {came} of {plural(can.length, "person", "people")} came{apologies > 0 ? `, ${apologies} sent apologies` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Came</th>
                <th scope="col">Sent apologies</th>
              </tr>
            </thead>
            <tbody>
              {v.rows.map((r, i) => {
                const off = !!r.why_not && !r.attendance;
                return (
                  <tr key={r.person_id} data-person={r.name}>
                    <th scope="row" className="app-register__name">
                      {r.name}
                      {r.nhs_number && <span className="app-muted app-nowrap"> {r.nhs_number}</span>}
                      {r.why_not && <div className="app-muted">{r.why_not}</div>}
                      {r.contact_in_error && <div className="app-muted">Its contact was marked entered in error on their record.</div>}
                    </th>
                    {(["came", "apologies"] as const).map((column) => (
                      <td key={column}>
                        <div className="nhsuk-checkboxes__item app-register__box">
                          <input
                            className="nhsuk-checkboxes__input"
                            type="checkbox"
                            id={`register-${column}-${i}`}
                            data-column={column}
                            checked={m[r.person_id] === column}
                            disabled={off}
                            onChange={(e) => set(r.person_id, e.target.checked ? column : "")}
                            onKeyDown={moveInColumn}
                          />
                          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`register-${column}-${i}`}>
                            <span className="nhsuk-u-visually-hidden">
                              {r.name} {column === "came" ? "came" : "sent apologies"}
                            </span>
                          </label>
                        </div>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      {said && <Saved text={said} testid="register-saved" />}
      <button type="button" className="nhsuk-button" id="register-save" onClick={() => void save()} disabled={busy || can.length === 0}>
        Save the register
      </button>
    </main>
  );
}
