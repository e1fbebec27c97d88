import { fileName } from "../lib/files";
import { toApiError } from "../lib/errors";

/** "This file exists: replace it?", asked in the app when no system dialog asked already. */
export function ReplaceQuestion({ path, onReplace, onCancel }: { path: string; onReplace: () => void; onCancel: () => void }) {
  return (
    <div className="nhsuk-warning-callout" role="alertdialog" aria-labelledby="replace-title" data-testid="replace-question">
      <h3 className="nhsuk-warning-callout__label" id="replace-title">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {fileName(path)} already exists
        </span>
      </h3>
      <p>Replace it with the new file? The old one cannot be got back.</p>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button nhsuk-button--warning" type="button" id="replace-file" autoFocus onClick={onReplace}>
          Replace it
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
          Keep the old file
        </button>
      </div>
    </div>
  );
}

/** Writes a file the person chose; on FILE_EXISTS asks before replacing (resolves `"exists"`). */
export async function unlessExists<T>(write: () => Promise<T>): Promise<T | "exists"> {
  try {
    return await write();
  } catch (e) {
    if (toApiError(e).code === "FILE_EXISTS") return "exists";
    throw e;
  }
}
