import type { EpisodeView } from "../../generated/api";
import { ChartCanvas, SERIES, dateAxis, dateTooltip, dayNumber } from "../../components/Charts";
import { isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import type { Update } from "../person/update";
import { InErrorNote, MarkInError } from "../../components/InError";
import { Band } from "./Band";
import { TableRegion } from "../../components/TableRegion";

export function Ons4Results({ e, update }: { e: EpisodeView; update: Update }) {
  const lists = useLists();
  const o = e.outcomes;
  if (o.ons4.length === 0) return <p>No ONS4 recorded in this episode.</p>;
  const days = o.ons4.map((r) => dayNumber(r.recorded_on));
  const latest = o.ons4[o.ons4.length - 1];
  const chartLabel = `ONS4 over time, ${o.ons4.length} record${o.ons4.length === 1 ? "" : "s"}. Latest ${isoToGB(latest.recorded_on)}: ${latest.items
    .map((s, i) => `${lists.ons4_items[i].label.toLowerCase()} ${s.value ?? "declined"}`)
    .join(", ")}. The table below has every value.`;
  return (
    <>
      <ChartCanvas
        testId="ons4-chart"
        label={chartLabel}
        config={{
          type: "line",
          data: {
            datasets: lists.ons4_items.map((info, i) => ({
              label: info.item === "anxiety" ? `${info.label} (lower is better)` : info.label,
              data: o.ons4.map((r, k) => ({ x: days[k], y: r.items[i].value })),
              borderColor: SERIES[i].color,
              backgroundColor: SERIES[i].color,
              pointStyle: SERIES[i].point,
              pointRadius: 6,
              borderDash: SERIES[i].dash,
              borderWidth: 2,
              spanGaps: true,
            })),
          },
          options: {
            scales: { x: dateAxis(days), y: { min: 0, max: 10, ticks: { stepSize: 1 }, title: { display: true, text: "Score (0 to 10)" } } },
            plugins: { legend: { position: "bottom", labels: { usePointStyle: true } }, tooltip: dateTooltip },
          },
        }}
      />
      {o.ons4_change && (
        <TableRegion>
          <table className="nhsuk-table app-change" data-testid="ons4-change">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              Change from baseline ({isoToGB(o.ons4[0].recorded_on)}) to latest ({isoToGB(latest.recorded_on)})
            </caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Baseline</th>
                <th scope="col">Latest</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {o.ons4_change.map((c) => (
                <tr key={c.item} data-item={c.item}>
                  <th scope="row">
                    {c.label}
                    {c.item === "anxiety" && <span className="app-muted app-small"> (lower is better)</span>}
                  </th>
                  <td>
                    <Band s={c.baseline} />
                  </td>
                  <td>
                    <Band s={c.latest} />
                  </td>
                  <td className={`app-direction app-direction--${c.direction ?? "none"}`}>{c.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <TableRegion>
        <table className="nhsuk-table" data-testid="ons4-records">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">ONS4 records</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Record</th>
              {lists.ons4_items.map((i) => (
                <th scope="col" key={i.item}>
                  {i.label}
                </th>
              ))}
              {
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Corrections</span>
                </th>
              }
            </tr>
          </thead>
          <tbody>
            {o.ons4.map((r) => (
              <tr key={r.id}>
                <td className="app-nowrap">{isoToGB(r.recorded_on)}</td>
                <td>{labelOf(lists.outcome_roles, r.role)}</td>
                {r.items.map((s) => (
                  <td key={s.item}>
                    <Band s={s} />
                  </td>
                ))}
                {
                  <td>
                    <MarkInError record={{ kind: "ons4", id: r.id }} what={`ONS4 of ${isoToGB(r.recorded_on)}`} update={update} />
                  </td>
                }
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

export function PamResults({ e, update }: { e: EpisodeView; update: Update }) {
  const lists = useLists();
  const o = e.outcomes;
  if (o.pam.length === 0) return null;
  const latest = o.pam[o.pam.length - 1];
  return (
    <>
      <h4>Patient Activation Measure</h4>
      <ChartCanvas
        testId="pam-chart"
        height={200}
        label={`PAM score over time, ${o.pam.length} record${o.pam.length === 1 ? "" : "s"}; latest ${latest.score_text}, level ${latest.level}. The table below has every value.`}
        config={{
          type: "line",
          data: {
            datasets: [
              {
                label: "PAM score",
                data: o.pam.map((r) => ({ x: dayNumber(r.recorded_on), y: r.score })),
                borderColor: SERIES[0].color,
                backgroundColor: SERIES[0].color,
                pointRadius: 6,
                borderWidth: 2,
              },
            ],
          },
          options: {
            scales: { x: dateAxis(o.pam.map((r) => dayNumber(r.recorded_on))), y: { min: 0, max: 100, title: { display: true, text: "Score (0 to 100)" } } },
            plugins: { legend: { display: false }, tooltip: dateTooltip },
          },
        }}
      />
      {o.pam_change && (
        <p className="app-change-line" data-testid="pam-change">
          Baseline {o.pam_change.baseline_score} (level {o.pam_change.baseline_level}) to latest {o.pam_change.latest_score} (level {o.pam_change.latest_level}
          ): <strong className={`app-direction app-direction--${o.pam_change.direction}`}>{o.pam_change.summary}</strong>
          {o.pam_change.gain_of_3 && " – a gain of 3 points or more"}
        </p>
      )}
      <TableRegion>
        <table className="nhsuk-table" data-testid="pam-records">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">PAM records</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Record</th>
              <th scope="col">Score</th>
              <th scope="col">Level</th>
              <th scope="col">Version</th>
              {
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Corrections</span>
                </th>
              }
            </tr>
          </thead>
          <tbody>
            {o.pam.map((r) => (
              <tr key={r.id}>
                <td className="app-nowrap">{isoToGB(r.recorded_on)}</td>
                <td>{labelOf(lists.outcome_roles, r.role)}</td>
                <td>{r.score_text}</td>
                <td>
                  {r.level} <span className="app-muted app-small">{r.level_meaning}</span>
                  {r.level_warning && (
                    <p className="app-warning-text" role="note">
                      {r.level_warning}
                    </p>
                  )}
                </td>
                <td>{labelOf(lists.pam_versions, r.version)}</td>
                {
                  <td>
                    <MarkInError record={{ kind: "pam", id: r.id }} what={`PAM of ${isoToGB(r.recorded_on)}`} update={update} />
                  </td>
                }
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

/** Records marked entered in error: kept, struck through, used in no figure. */
export function OutcomesInError({ e }: { e: EpisodeView }) {
  const lists = useLists();
  if (e.outcomes.in_error.length === 0) return null;
  return (
    <ul className="nhsuk-list app-small" data-testid="outcomes-in-error">
      {e.outcomes.in_error.map((r) => (
        <li key={r.id}>
          <s>
            {labelOf(lists.measures, r.measure)} of {isoToGB(r.recorded_on)}: {r.summary}
          </s>{" "}
          <InErrorNote mark={r.entered_in_error} of={r.id} />
        </li>
      ))}
    </ul>
  );
}
