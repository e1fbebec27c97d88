import { useEffect, useState, type FormEvent } from "react";
import { api, type OutcomeSummary as Summary } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { ChartCanvas } from "../../components/Charts";
import { formatDateGB, isoToGB } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";

const pct = (p: number | null) => (p === null ? "–" : `${Math.round(p)}%`);
const signed = (m: number | null) => (m === null ? "–" : `${m > 0 ? "+" : m < 0 ? "\u2212" : ""}${Math.abs(m).toFixed(1)}`);

/** Caseload change in ONS4 and PAM over a period: a table for the numbers, a chart for the shape. */
export function OutcomeSummary() {
  const today = new Date();
  const yearAgo = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
  const [period, setPeriod] = useState({ from: formatDateGB(yearAgo), to: formatDateGB(today) });
  const [summary, setSummary] = useState<Summary | null>(null);
  const { errors, submit } = useForm(["from", "to"]);

  async function load(e?: FormEvent) {
    e?.preventDefault();
    const s = await submit(() => api.outcome_summary(period));
    if (s) setSummary(s);
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="outcomes">
      <h1>Outcomes across the caseload</h1>
      <p>
        For each person with at least two records in the period, their first record is compared with their last. The four ONS4 items are shown separately and
        never added together. For anxiety, a fall is an improvement.
      </p>
      <ErrorSummary errors={errors} />
      <form className="app-filters" noValidate onSubmit={(e) => void load(e)} id="summary-period">
        <TextField
          id="from"
          label="From"
          hint="DD/MM/YYYY"
          inputClass="nhsuk-input--width-10"
          value={period.from}
          onChange={(v) => setPeriod({ ...period, from: v })}
          error={errors.fields.from}
        />
        <TextField
          id="to"
          label="To"
          hint="DD/MM/YYYY"
          inputClass="nhsuk-input--width-10"
          value={period.to}
          onChange={(v) => setPeriod({ ...period, to: v })}
          error={errors.fields.to}
        />
        <button className="nhsuk-button" type="submit">
          Show
        </button>
      </form>
      {summary && (
        <>
          <h2>
            ONS4, {isoToGB(summary.from)} to {isoToGB(summary.to)}: {summary.ons4_people} {summary.ons4_people === 1 ? "person" : "people"} compared
          </h2>
          <p data-testid="ons4-coverage">
            Each person's baseline is compared with their final or latest ONS4 in the period. {summary.ons4_baseline_only}{" "}
            {summary.ons4_baseline_only === 1 ? "person" : "people"} had a baseline but no follow-up yet, and {summary.ons4_baseline_only === 1 ? "is" : "are"}{" "}
            not in these figures.
          </p>
          {summary.ons4_people === 0 ? (
            <p>No one has a baseline and a later ONS4 in this period yet.</p>
          ) : (
            <>
              <TableRegion>
                <table className="nhsuk-table" data-testid="summary-table">
                  <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Change per ONS4 item</caption>
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">Moved out of the low band (high for anxiety)</th>
                      <th scope="col">People</th>
                      <th scope="col">Mean change</th>
                      <th scope="col">Improved</th>
                      <th scope="col">Same</th>
                      <th scope="col">Worse</th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.items.map((i) => (
                      <tr key={i.item} data-item={i.item}>
                        <th scope="row">{i.label}</th>
                        <td>
                          {i.moved_out_of_concern_band} of {i.started_in_concern_band} who started {i.concern_band} ({pct(i.moved_out_pct)})
                        </td>
                        <td>{i.n}</td>
                        <td>
                          {signed(i.mean_change)}
                          {i.mean_change_text && <span className="app-muted app-small app-block">{i.mean_change_text}</span>}
                        </td>
                        <td>{pct(i.improved_pct)}</td>
                        <td>{pct(i.same_pct)}</td>
                        <td>{pct(i.worse_pct)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <ChartCanvas
                testId="summary-chart"
                label="Share of people improved, the same or worse, per ONS4 item. The table has the figures."
                config={{
                  type: "bar",
                  data: {
                    labels: summary.items.map((i) => i.label),
                    datasets: [
                      { label: "Improved", data: summary.items.map((i) => i.improved_pct ?? 0), backgroundColor: "#007f3b" },
                      { label: "Same", data: summary.items.map((i) => i.same_pct ?? 0), backgroundColor: "#768692" },
                      { label: "Worse", data: summary.items.map((i) => i.worse_pct ?? 0), backgroundColor: "#d5281b" },
                    ],
                  },
                  options: {
                    indexAxis: "y",
                    scales: { x: { stacked: true, min: 0, max: 100, title: { display: true, text: "% of people" } }, y: { stacked: true } },
                    plugins: { legend: { position: "bottom" } },
                  },
                }}
              />
            </>
          )}
          <h2>PAM</h2>
          {summary.pam.n === 0 ? (
            <p>No one has a baseline and a later PAM in this period.</p>
          ) : (
            <p data-testid="pam-summary">
              {summary.pam.n} {summary.pam.n === 1 ? "person" : "people"} compared: mean change {signed(summary.pam.mean_change)} points; {summary.pam.gained_3}{" "}
              ({pct(summary.pam.gained_3_pct)}) gained 3 points or more.
              {summary.pam.mixed_versions > 0 && ` ${summary.pam.mixed_versions} of these compare a PAM-13 with a PAM-10 record; read their change with care.`}
            </p>
          )}
          <p>
            {summary.pam.baseline_only} {summary.pam.baseline_only === 1 ? "person" : "people"} had a baseline PAM but no follow-up yet.
          </p>
        </>
      )}
    </main>
  );
}
