import { focusSoon } from "../../components/Form";
import { useState } from "react";
import type { EpisodeView, OnwardId } from "../../generated/api";
import { isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import type { Update } from "../person/update";
import { OnwardFormPanel } from "./OnwardForm";
import { OutcomeForm } from "./OnwardOutcomeForm";
import { TableRegion } from "../../components/TableRegion";
import { Saved } from "../../components/Saved";

/** The episode's onward referrals, with outcomes and barriers; on an open episode, new ones. */
export function OnwardSection({ episode, update, canAdd }: { episode: EpisodeView; update: Update; canAdd: boolean }) {
  const lists = useLists();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<OnwardId | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby={`onward-title-${episode.id}`}>
      <h2 id={`onward-title-${episode.id}`}>Onward referrals</h2>
      {saved && !adding && editing === null && <Saved text={saved} testid="onward-saved" />}
      {canAdd && !adding && (
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          id="add-onward"
          onClick={() => {
            setSaved(null);
            setAdding(true);
          }}
        >
          Refer or signpost
        </button>
      )}
      {adding && (
        <OnwardFormPanel
          episode={episode}
          update={update}
          onDone={(said) => {
            setAdding(false);
            setSaved(said ?? null);
            if (!said) focusSoon("add-onward");
          }}
        />
      )}
      {episode.onward.length === 0 ? (
        <p className="app-muted">None yet.</p>
      ) : (
        <TableRegion>
          <table className="nhsuk-table app-table" data-testid="onward-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">To</th>
                <th scope="col">Type</th>
                <th scope="col">Outcome</th>
                <th scope="col">Barriers</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {episode.onward.map((o) => (
                <tr key={o.id} data-onward={o.asset_name}>
                  <td>{isoToGB(o.referred_on)}</td>
                  <td>
                    {o.asset_name}
                    <div className="app-muted">{labelOf(lists.needs, o.category)}</div>
                    {o.notes && <div className="app-prewrap">{o.notes}</div>}
                  </td>
                  <td>{labelOf(lists.onward_kinds, o.kind)}</td>
                  <td>
                    {o.outcome === "pending" ? (
                      <strong className="nhsuk-tag nhsuk-tag--grey">Pending{o.follow_up_on ? `: follow up ${isoToGB(o.follow_up_on)}` : ""}</strong>
                    ) : (
                      <>
                        <strong className={`nhsuk-tag ${["attended", "partly_attended"].includes(o.outcome) ? "nhsuk-tag--green" : "nhsuk-tag--orange"}`}>
                          {labelOf(lists.onward_outcomes, o.outcome)}
                        </strong>{" "}
                        {isoToGB(o.outcome_on)}
                      </>
                    )}
                  </td>
                  <td>{o.barriers.map((b) => labelOf(lists.barriers, b)).join("; ") || "–"}</td>
                  <td>
                    <button
                      type="button"
                      className="app-link-button"
                      data-record-outcome={o.asset_name}
                      onClick={() => {
                        setSaved(null);
                        setEditing(o.id);
                      }}
                    >
                      {o.outcome === "pending" ? "Record outcome" : "Change outcome"}
                      <span className="nhsuk-u-visually-hidden"> for {o.asset_name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {episode.onward
        .filter((o) => o.id === editing)
        .map((o) => (
          <OutcomeForm
            key={o.id}
            o={o}
            update={update}
            onDone={(said) => {
              setEditing(null);
              setSaved(said ?? null);
              if (!said) setTimeout(() => document.querySelector<HTMLElement>(`[data-record-outcome="${CSS.escape(o.asset_name)}"]`)?.focus(), 0);
            }}
          />
        ))}
    </section>
  );
}
