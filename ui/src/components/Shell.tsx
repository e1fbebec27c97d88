import type { ReactNode } from "react";

export type View = "home" | "settings";

const NAV: { view: View; label: string }[] = [
  { view: "home", label: "Home" },
  { view: "settings", label: "Settings" },
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
                <li key={n.view}>
                  <button
                    type="button"
                    className="app-header__link"
                    aria-current={view === n.view ? "page" : undefined}
                    onClick={() => onNavigate(n.view)}
                    data-nav={n.view}
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
