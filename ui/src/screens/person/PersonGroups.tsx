import { useState } from "react";
import { api, type GroupId, type PersonId } from "../../generated/api";
import { ErrorSummary } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { Loading } from "../../components/Loading";
import { Saved } from "../../components/Saved";
import { isoToGB } from "../../lib/format";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";

/** The groups a person is booked on (with how often they came), and booking them on another. */
export function PersonGroups({ personId, name, onGroup }: { personId: PersonId; name: string; onGroup?: (id: GroupId) => void }) {
  const [changed, setChanged] = useState(0);
  const mine = useCommand(() => api.person_groups({ person_id: personId }), [personId, changed]);
  const all = useCommand(() => api.groups(), [changed]);
  const [choice, setChoice] = useState("");
  const [said, setSaid] = useState("");
  const { errors, busy, submit } = useForm(["group_id"], { group_id: "person-group" });
  const booked = new Set((mine.data ?? []).filter((g) => !g.left_on).map((g) => g.group_id));
  const open = (all.data ?? []).filter((g) => !g.closed_on && !booked.has(g.id));

  async function book() {
    const g = open.find((x) => x.id === choice);
    if (!g) return;
    const done = await submit(() => api.join_group({ group_id: g.id, person_id: personId }));
    if (done) {
      setChoice("");
      setSaid(`${name} is booked on ${g.name}.`);
      setChanged((n) => n + 1);
    }
  }

  return (
    <section aria-labelledby="person-groups-title">
      <h2 id="person-groups-title">Groups</h2>
      {!mine.data ? (
        <Loading loaded={mine} what="their groups" />
      ) : mine.data.length === 0 ? (
        <p>Not booked on any group.</p>
      ) : (
        <ul className="nhsuk-list" data-testid="person-groups">
          {mine.data.map((g) => (
            <li key={g.group_id}>
              {onGroup ? (
                <button type="button" className="app-link-button" onClick={() => onGroup(g.group_id)}>
                  {g.name}
                </button>
              ) : (
                g.name
              )}
              : came {g.attended}, missed {g.missed}
              <span className="app-muted">
                {" "}
                ({g.left_on ? `booked ${isoToGB(g.joined_on)} to ${isoToGB(g.left_on)}` : `booked since ${isoToGB(g.joined_on)}`})
              </span>
            </li>
          ))}
        </ul>
      )}
      {said && <Saved text={said} testid="person-group-saved" />}
      {open.length > 0 && (
        <div className="app-inline-fields">
          <ErrorSummary errors={errors} />
          <Select
            id="person-group"
            label="Book on a group"
            choices={open.map((g) => ({ value: g.id as string, label: g.name }))}
            value={choice}
            onChange={setChoice}
            blank="Choose a group…"
            error={errors.fields["person-group"]}
          />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" id="person-group-book" onClick={() => void book()} disabled={busy || !choice}>
            Book
          </button>
        </div>
      )}
    </section>
  );
}
