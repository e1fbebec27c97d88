import { useCallback, useEffect, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import { api, type ApiError, type AppStatus, type ReferenceLists, type SettingsView } from "./generated/api";
import { toApiError } from "./lib/errors";
import { throttle } from "./lib/throttle";
import { ListsContext } from "./lib/lists";
import { ErrorBanner } from "./components/ErrorBanner";
import { Shell } from "./components/Shell";
import { forgetDirectorySearch } from "./screens/directory/Directory";
import { applyZoom, stepZoom, zoomChange } from "./lib/zoom";
import { routeOf, type View } from "./routes";
import { CreateVault } from "./screens/vault/CreateVault";
import { Recover } from "./screens/vault/Recover";
import { RestoreBackup } from "./screens/vault/RestoreBackup";
import { Unlock } from "./screens/vault/Unlock";
import { VaultProblem } from "./screens/vault/VaultProblem";

/** Tells the core the person is active at most every 30 s, so reading a long page is not idle. */
const reportActivity = throttle(() => {
  api.touch().catch(() => undefined);
}, 30_000);

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [view, setView] = useState<View>({ kind: "caseload" });
  // The recovery warning can be put away until the next unlock, so it does not push the caseload down.
  const [recoveryHidden, setRecoveryHidden] = useState(false);
  const [lists, setLists] = useState<ReferenceLists | null>(null);
  const [listsError, setListsError] = useState<ApiError | null>(null);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [recovering, setRecovering] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [settings, setSettings] = useState<SettingsView | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.status());
      setProblem(null);
    } catch (e) {
      setProblem(toApiError(e));
    }
  }, []);

  /** A new vault starts at the getting started guide, a recovered one at the caseload; unlocking
   *  returns to the screen that was open. */
  const afterOpen = useCallback((s: AppStatus, next: View | null = { kind: "caseload" }) => {
    setStatus(s);
    setRecoveryHidden(false);
    if (next) setView(next);
    setRecovering(false);
    setRestoring(false);
  }, []);

  /** Patient content leaves the screen at once; the core is told after, and a failure there
   *  still leaves the app showing the unlock screen. */
  const lock = useCallback(() => {
    setStatus((s) => s && { ...s, vault: "locked", locked_reason: "requested" });
    setSettings(null);
    setBanner(null);
    forgetDirectorySearch();
    api.lock().then(setStatus, () => void refresh());
  }, [refresh]);

  useEffect(() => {
    void refresh();
    const unlisten = listen("vault-locked", () => {
      setSettings(null);
      forgetDirectorySearch();
      void refresh();
    });
    // A rejection nothing handled still reaches the person, in words.
    const onRejection = (e: PromiseRejectionEvent) => {
      const err = toApiError(e.reason);
      if (err.code === "LOCKED") void refresh();
      else setBanner(err);
    };
    window.addEventListener("unhandledrejection", onRejection);
    return () => {
      void unlisten.then((f) => f());
      window.removeEventListener("unhandledrejection", onRejection);
    };
  }, [refresh]);

  const unlocked = status?.vault === "unlocked";
  const vaultState = status?.vault ?? null;

  const loadLists = useCallback(() => {
    setListsError(null);
    api.reference_lists().then(setLists, (e) => setListsError(toApiError(e)));
  }, []);

  useEffect(() => {
    if (!unlocked) return;
    api.get_settings().then(setSettings, (e) => setBanner(toApiError(e)));
    loadLists();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "F1" && !e.ctrlKey && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        setView({ kind: "help" });
        return;
      }
      if (!e.ctrlKey || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === "l" && !e.shiftKey) {
        e.preventDefault();
        lock();
      }
    };
    const events = ["keydown", "pointerdown", "wheel"] as const;
    events.forEach((ev) => window.addEventListener(ev, reportActivity, { passive: true }));
    window.addEventListener("keydown", onKey);
    return () => {
      events.forEach((ev) => window.removeEventListener(ev, reportActivity));
      window.removeEventListener("keydown", onKey);
    };
  }, [unlocked, lock, loadLists]);

  // The vault's zoom once it is open; before then (and after locking, which keeps the last one)
  // Ctrl+=/-/0 still zoom, for this run only, so the unlock screens can be read too.
  const [zoom, setZoom] = useState(100);
  useEffect(() => {
    if (settings) setZoom(settings.zoom_percent);
  }, [settings]);
  useEffect(() => {
    applyZoom(zoom);
  }, [zoom]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const change = zoomChange(e);
      if (!change) return;
      e.preventDefault();
      if (unlocked) api.zoom({ change }).then(setSettings, (err) => setBanner(toApiError(err)));
      else setZoom((z) => stepZoom(z, change));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [unlocked]);

  const loaded = status !== null;
  // A new page starts at its top, not at the last page's scroll position.
  useEffect(() => {
    document.documentElement.scrollTop = 0;
  }, [view]);

  // Each page's title names it and whoever it is about (its h1, once loaded), and after navigation
  // focus moves to that heading, so keyboard and screen reader start at the top of the new page.
  useEffect(() => {
    if (!unlocked) {
      const page = !vaultState
        ? null
        : restoring
          ? "Restore from a backup"
          : vaultState === "no_vault"
            ? "Set up"
            : recovering
              ? "Forgotten passphrase"
              : vaultState === "locked"
                ? "Unlock"
                : null;
      document.title = page ? `${page} – Linkwork` : "Linkwork";
      // These screens have no navigation to return from: start at the heading, unless the screen
      // put focus in a field itself (unlock, on the passphrase).
      setTimeout(() => {
        const h1 = document.querySelector<HTMLElement>("main h1");
        const active = document.activeElement;
        if (h1 && (!active || active === document.body)) {
          h1.tabIndex = -1;
          h1.focus();
        }
      }, 0);
      return;
    }
    const page = routeOf(view).title;
    let heading: HTMLElement | null = null;
    const name = (h1: HTMLElement) => {
      // The heading's words, not the controls in it (the directory's favourite star).
      const words = h1.cloneNode(true) as HTMLElement;
      words.querySelectorAll("button, .nhsuk-u-visually-hidden").forEach((e) => e.remove());
      const text = (words.textContent ?? "").replace(/\s+/g, " ").trim();
      const title = text && text !== page ? `${text} – ${page} – Linkwork` : `${page} – Linkwork`;
      if (document.title !== title) document.title = title;
    };
    // Watch the whole page only until its heading appears (it may wait for data); then only the
    // heading, so typing elsewhere on the page costs nothing.
    const watch = new MutationObserver(() => sync());
    const sync = () => {
      if (heading) return name(heading);
      const h1 = document.querySelector<HTMLElement>("main h1");
      if (!h1) return;
      heading = h1;
      name(h1);
      h1.tabIndex = -1;
      // Unless the page already put focus in its own content (e.g. "Log contact" opens on Notes).
      const active = document.activeElement;
      if (!active || active === document.body || !active.closest("main")) h1.focus();
      watch.disconnect();
      watch.observe(h1, { childList: true, subtree: true, characterData: true });
    };
    watch.observe(document.body, { childList: true, subtree: true });
    sync();
    return () => watch.disconnect();
  }, [loaded, unlocked, view, vaultState, restoring, recovering]);

  if (problem) return <VaultProblem error={problem} onRetry={() => void refresh()} />;
  if (!status) return <main className="nhsuk-width-container nhsuk-main-wrapper" id="maincontent" aria-busy="true" />;

  if (restoring && status.vault !== "unlocked") {
    return (
      <div className="nhsuk-width-container">
        <RestoreBackup status={status} onRestored={(s) => afterOpen(s)} onBack={() => setRestoring(false)} />
      </div>
    );
  }

  if (status.vault === "no_vault") {
    return (
      <div className="nhsuk-width-container">
        <CreateVault
          dataDir={status.data_dir}
          onCreate={async (a) => afterOpen(await api.create_vault(a), { kind: "welcome" })}
          onRestore={() => setRestoring(true)}
        />
      </div>
    );
  }

  if (status.vault === "locked") {
    return (
      <div className="nhsuk-width-container">
        {recovering ? (
          <Recover status={status} onRecover={async (a) => afterOpen(await api.recover(a))} onBack={() => setRecovering(false)} />
        ) : (
          <Unlock
            status={status}
            onUnlock={async (a) => afterOpen(await api.unlock(a), null)}
            onForgotten={() => setRecovering(true)}
            onRestore={() => setRestoring(true)}
          />
        )}
      </div>
    );
  }

  const onSettingsChanged = (s: SettingsView) => {
    setSettings(s);
    setStatus({ ...status, recovery_recipient: s.recovery_recipient });
  };

  return (
    <Shell view={view} onNavigate={setView} onLock={lock} onHelp={() => setView({ kind: "help" })}>
      {banner && <ErrorBanner error={banner} onDismiss={() => setBanner(null)} />}
      {listsError ? (
        <main className="nhsuk-main-wrapper" id="maincontent" data-screen="lists-problem">
          <h1>Linkwork could not load its lists</h1>
          <p role="alert">{listsError.message}</p>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={loadLists}>
            Try again
          </button>
        </main>
      ) : !lists ? (
        <main className="nhsuk-main-wrapper" id="maincontent" aria-busy="true" />
      ) : (
        <ListsContext.Provider value={lists}>
          {!status.recovery_recipient && view.kind === "caseload" && !recoveryHidden && (
            <div className="app-recovery-warning" data-testid="no-recovery-warning" role="note">
              <p>
                <strong>No recovery key:</strong> if you forget your passphrase, your records cannot be opened.{" "}
                <button type="button" className="app-link-button" onClick={() => setView({ kind: "settings" })}>
                  Add a recovery key in Settings
                </button>{" "}
                <button type="button" className="app-link-button" id="hide-recovery-warning" onClick={() => setRecoveryHidden(true)}>
                  Hide until I next unlock
                </button>
              </p>
            </div>
          )}
          {routeOf(view).render(view, { go: setView, settings, onSettingsChanged })}
        </ListsContext.Provider>
      )}
    </Shell>
  );
}
