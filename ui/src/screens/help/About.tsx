import { useMemo, useState } from "react";
import { api, type AboutView } from "../../generated/api";
import { TableRegion } from "../../components/TableRegion";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

/** Version, where the files are (for support calls), and every third-party component's licence. */
export function About({ onHelp }: { onHelp: () => void }) {
  const loaded = useCommand(() => api.about(), []);
  const about: AboutView | null = loaded.data;
  const [filter, setFilter] = useState("");
  const licences = useMemo(() => {
    const counts = new Map<string, number>();
    about?.components.forEach((c) => counts.set(c.licence, (counts.get(c.licence) ?? 0) + 1));
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
  }, [about]);
  const q = filter.trim().toLowerCase();
  const shown = about?.components.filter((c) => !q || c.name.toLowerCase().includes(q) || c.licence.toLowerCase().includes(q)) ?? [];

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="about">
      <h1>About Linkwork</h1>
      {!about && <Loading loaded={loaded} what="the version and licences" />}
      {about && (
        <>
          <p className="nhsuk-lede-text" data-testid="about-version">
            Version {about.version}
          </p>
          <p>
            Linkwork keeps a social prescribing caseload encrypted on this laptop. It sends nothing anywhere. See{" "}
            <button type="button" className="app-link-button" onClick={onHelp}>
              Help
            </button>{" "}
            for how to back up, hand over and export.
          </p>
          <h2>Where your records are</h2>
          <dl className="nhsuk-summary-list" data-testid="about-files">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Data folder</dt>
              <dd className="nhsuk-summary-list__value app-mono app-break">{about.data_dir}</dd>
            </div>
            {about.files.map((f) => (
              <div className="nhsuk-summary-list__row" key={f.what}>
                <dt className="nhsuk-summary-list__key">{f.what}</dt>
                <dd className="nhsuk-summary-list__value app-mono app-break">{f.path}</dd>
              </div>
            ))}
          </dl>
          <h2 id="licences-title">Third-party components</h2>
          <p>
            Linkwork is built from {about.components.length} open-source components. This list is generated from the Rust (Cargo) and user interface (npm)
            package metadata when Linkwork is built. Linkwork also uses libraries of the computer it runs on: SQLCipher (inside libsqlite3-sys), OpenSSL and
            WebKitGTK on Linux.
          </p>
          <p data-testid="about-licence-summary">{licences.map(([l, n]) => `${l} (${n})`).join("; ")}</p>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="licence-filter">
              Find a component or licence
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-20"
              id="licence-filter"
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <TableRegion>
            <table className="nhsuk-table app-table app-dense" data-testid="about-components" aria-labelledby="licences-title">
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Version</th>
                  <th scope="col">Licence</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={`${c.kind}-${c.name}-${c.version}`}>
                    <td>{c.name}</td>
                    <td>{c.version}</td>
                    <td>{c.licence}</td>
                    <td>{c.kind === "crate" ? "Rust crate" : "npm package"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {shown.length === 0 && <p>No component matches.</p>}
        </>
      )}
    </main>
  );
}
