import type { ReactNode } from "react";

export type View =
  | { kind: "caseload" }
  | { kind: "new-referral" }
  | { kind: "person"; id: string }
  | { kind: "outcomes" }
  | { kind: "settings" }
  | { kind: "directory" }
  | { kind: "asset"; id: string }
  | { kind: "asset-edit"; id: string | null }
  | { kind: "import" };

const NAV: { kind: "caseload" | "new-referral" | "outcomes" | "directory" | "settings"; label: string }[] = [
  { kind: "caseload", label: "Caseload" },
  { kind: "new-referral", label: "New referral" },
  { kind: "directory", label: "Directory" },
  { kind: "outcomes", label: "Outcomes" },
  { kind: "settings", label: "Settings" },
];

/** App header with navigation (only for things that work) and the Lock button. */
export function Shell({
  view,
  onNavigate,
  onLock,
  children,
}: {
  view: View;
  onNavigate: (v: View) => void;
  onLock: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header className="app-header" role="banner">
        <div className="nhsuk-width-container app-header__inner">
          <span className="app-header__name">Linkwork</span>
          <nav className="app-header__nav" aria-label="Main">
            <ul>
              {NAV.map((n) => (
                <li key={n.kind}>
                  <button
                    type="button"
                    className="app-header__link"
                    aria-current={view.kind === n.kind || (n.kind === "directory" && ["asset", "asset-edit", "import"].includes(view.kind)) ? "page" : undefined}
                    onClick={() => onNavigate({ kind: n.kind } as View)}
                    data-nav={n.kind}
                  >
                    {n.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <button type="button" className="app-header__lock" onClick={onLock} id="lock-button" aria-keyshortcuts="Control+L">
            Lock <span className="app-header__kbd">Ctrl+L</span>
          </button>
        </div>
      </header>
      <div className="nhsuk-width-container">{children}</div>
    </>
  );
}
