import { useState, type ReactNode } from "react";
import { NAV, routeOf, type View } from "../routes";

/** App header with navigation (only for things that work) and the Lock button. */
export function Shell({
  view,
  onNavigate,
  onLock,
  onHelp,
  children,
}: {
  view: View;
  onNavigate: (v: View) => void;
  onLock: () => void;
  onHelp: () => void;
  children: ReactNode;
}) {
  const current = routeOf(view).nav;
  // In a narrow window (zoomed), the sections fold behind a Menu button so the header stays one line.
  const [menuOpen, setMenuOpen] = useState(false);
  const go = (v: View) => {
    setMenuOpen(false);
    onNavigate(v);
  };
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header className="app-header" role="banner">
        <div className="nhsuk-width-container app-header__inner">
          <span className="app-header__name">Linkwork</span>
          <button
            type="button"
            className="app-header__link app-header__menu"
            aria-expanded={menuOpen}
            aria-controls="app-nav"
            id="menu-button"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
          <nav
            className={`app-header__nav${menuOpen ? " app-header__nav--open" : ""}`}
            aria-label="Main"
            id="app-nav"
            onKeyDown={(e) => {
              if (e.key === "Escape" && menuOpen) {
                setMenuOpen(false);
                document.getElementById("menu-button")?.focus();
              }
            }}
          >
            <ul>
              {NAV.map((n) => (
                <li key={n.kind}>
                  <button
                    type="button"
                    className="app-header__link"
                    aria-current={current === n.kind ? "page" : undefined}
                    onClick={() => go({ kind: n.kind } as View)}
                    data-nav={n.kind}
                  >
                    {n.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <button
            type="button"
            className="app-header__link app-header__help"
            onClick={onHelp}
            id="help-button"
            aria-keyshortcuts="F1"
            aria-current={view.kind === "help" ? "page" : undefined}
          >
            Help
          </button>
          <button type="button" className="app-header__lock" onClick={onLock} id="lock-button" aria-keyshortcuts="Control+L">
            Lock <span className="app-header__kbd">Ctrl+L</span>
          </button>
        </div>
      </header>
      <div className="nhsuk-width-container">{children}</div>
    </>
  );
}
