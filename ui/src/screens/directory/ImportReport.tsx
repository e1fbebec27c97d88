import type { ImportReport } from "../../generated/api";

/** What an import did or would do, and every problem placed by file, row and field. */
export function Report({ r }: { r: ImportReport }) {
  const bad = r.problems.length > 0;
  return (
    <div data-testid="import-report">
      {r.committed ? (
        <div className="nhsuk-inset-text">
          <p>
            Imported: {r.added} added, {r.updated} updated, {r.unchanged} unchanged.
          </p>
        </div>
      ) : bad ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">Nothing was imported</h2>
          <p>
            The feed has {r.problems.length + r.more_problems} problem{r.problems.length + r.more_problems === 1 ? "" : "s"}. Without them it would add{" "}
            {r.added}, update {r.updated} and leave {r.unchanged} unchanged. Ask the feed's publisher to correct them, or correct the file, and try again.
          </p>
        </div>
      ) : (
        <div className="nhsuk-inset-text">
          <p>
            Preview: {r.added} to add, {r.updated} to update, {r.unchanged} unchanged. No problems found.
          </p>
        </div>
      )}
      {r.ignored_files.length > 0 && <p className="app-muted">Not read (Linkwork does not use them): {r.ignored_files.join(", ")}.</p>}
      {bad && (
        <table className="nhsuk-table app-table" data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Row or place</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {r.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.file}</td>
                <td>{p.place}</td>
                <td>{p.field ?? "–"}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.more_problems > 0 && <p>…and {r.more_problems} more.</p>}
    </div>
  );
}
