import { api, type OpenConcern, type PersonId } from "../../generated/api";
import { isoToGB } from "../../lib/format";
import { LevelTag } from "../person/Risks";
import { TableRegion } from "../../components/TableRegion";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

/**
 * Every concern still open in anyone's risk log, closed episodes included, so a person with an open
 * concern never drops out of sight when their episode closes. Past review dates first.
 */
export function Concerns({ onOpen }: { onOpen: (id: PersonId) => void }) {
  const loaded = useCommand(() => api.open_concerns(), []);
  const rows: OpenConcern[] | null = loaded.data;
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="concerns">
      <h1>Open concerns</h1>
      <p className="app-muted">
        Every concern still open in a risk log, including those of people whose episode has closed. Close a concern from the person&rsquo;s Risks section once
        it is resolved.
      </p>
      {!rows && <Loading loaded={loaded} what="the open concerns" />}
      {rows && rows.length === 0 && <p data-testid="concerns-empty">No open concerns.</p>}
      {rows && rows.length > 0 && (
        <TableRegion>
          <table className="nhsuk-table" data-testid="concerns-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Open concerns: past review dates first, then the highest level, then the oldest
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Concern</th>
                <th scope="col">Raised</th>
                <th scope="col">Review by</th>
                <th scope="col">Episode</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rows.map((c) => (
                <tr key={c.concern_id} className="nhsuk-table__row" data-concern-row={c.concern}>
                  <td className="nhsuk-table__cell">
                    <button type="button" className="app-link-button" onClick={() => onOpen(c.person_id)} data-person={c.name}>
                      {c.name}
                    </button>
                    <span className="app-block app-muted app-nowrap">{c.nhs_number ?? "NHS number not known"}</span>
                    {c.date_of_death && <strong className="nhsuk-tag nhsuk-tag--grey app-tag-inline">Died {isoToGB(c.date_of_death)}</strong>}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="app-prewrap">{c.concern}</span> <LevelTag level={c.level} />
                  </td>
                  <td className="nhsuk-table__cell app-nowrap">{isoToGB(c.raised_on)}</td>
                  <td className="nhsuk-table__cell">
                    {c.review_on ? <span className="app-nowrap">{isoToGB(c.review_on)}</span> : <span className="app-muted">No date set</span>}
                    {c.review_overdue && <strong className="nhsuk-tag nhsuk-tag--red app-tag-inline app-block">Review overdue</strong>}
                  </td>
                  <td className="nhsuk-table__cell">
                    {c.episode_open ? (
                      <strong className="nhsuk-tag nhsuk-tag--blue">Open</strong>
                    ) : (
                      <strong className="nhsuk-tag nhsuk-tag--white">Closed</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </main>
  );
}
