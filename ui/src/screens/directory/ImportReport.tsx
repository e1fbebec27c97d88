import type { ImportProblem, ImportReport } from "../../generated/api";
import { TableRegion } from "../../components/TableRegion";

/** Problems (or warnings) with one record each, in a table. */
function ProblemTable({ rows, testid, caption }: { rows: ImportProblem[]; testid: string; caption: string }) {
  return (
    <TableRegion>
      <table className="nhsuk-table app-table app-dense" data-testid={testid}>
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Row or place</th>
            <th scope="col">Field</th>
            <th scope="col">{testid === "import-warnings" ? "Warning" : "Problem"}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <tr key={i}>
              <td>{p.file}</td>
              <td>{p.place}</td>
              <td>{p.field ?? "–"}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** What an import did or would do. A file that cannot be read (or holds nothing to import) is said
 *  on top in plain words; problems with single records follow in a table; warnings never block. */
export function Report({ r }: { r: ImportReport }) {
  const whole = r.problems.filter((p) => p.whole_file);
  const records = r.problems.filter((p) => !p.whole_file);
  const bad = r.problems.length > 0;
  const count = records.length + r.more_problems;
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
          <div className="nhsuk-error-summary__body" data-testid="import-file-problems">
            {whole.map((p, i) => (
              <p key={i}>
                <strong>{p.file}:</strong> {p.message}
              </p>
            ))}
            {count > 0 && (
              <p>
                {whole.length > 0 ? "Also, the" : "The"} feed has {count} problem{count === 1 ? "" : "s"} with single records, listed below.
                {whole.length === 0 && ` Without them it would add ${r.added}, update ${r.updated} and leave ${r.unchanged} unchanged.`} Ask the feed's
                publisher to correct them, or correct the file, and try again.
              </p>
            )}
          </div>
        </div>
      ) : (
        <div className="nhsuk-inset-text">
          <p>
            Preview: {r.added} to add, {r.updated} to update, {r.unchanged} unchanged. No problems found
            {r.warnings.length > 0 ? `; ${r.warnings.length + r.more_warnings} warnings below do not stop the import` : ""}.
          </p>
        </div>
      )}
      {r.ignored_files.length > 0 && <p className="app-muted">Not read (Linkwork does not use them): {r.ignored_files.join(", ")}.</p>}
      {records.length > 0 && <ProblemTable rows={records} testid="import-problems" caption="Problems to correct" />}
      {r.more_problems > 0 && <p>…and {r.more_problems} more.</p>}
      {r.warnings.length > 0 && (
        <ProblemTable
          rows={r.warnings}
          testid="import-warnings"
          caption="Warnings: values that are not in the expected format (imported as they are; worth telling the feed's publisher)"
        />
      )}
      {r.more_warnings > 0 && <p>…and {r.more_warnings} more warnings.</p>}
    </div>
  );
}
