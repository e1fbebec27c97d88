import { useCallback, useEffect, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import { api, type ApiError, type AppStatus, type ReferenceLists, type SettingsView } from "./generated/api";
import { toApiError } from "./lib/errors";
import { throttle } from "./lib/throttle";
import { Shell, type View } from "./components/Shell";
import { CreateVault } from "./screens/CreateVault";
import { Unlock } from "./screens/Unlock";
import { Recover } from "./screens/Recover";
import { Caseload } from "./screens/Caseload";
import { NewReferral } from "./screens/NewReferral";
import { Person } from "./screens/Person";
import { ListsContext } from "./lib/lists";
import { Settings } from "./screens/Settings";
import { OutcomeSummary } from "./screens/OutcomeSummary";
import { VaultProblem } from "./screens/VaultProblem";
import { AssetEditor, AssetPage, Directory, ImportExport } from "./screens/Directory";

/** Tells the core the person is active at most every 30 s, so reading a long page is not idle. */
const reportActivity = throttle(() => {
  api.touch().catch(() => undefined);
}, 30_000);

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [view, setView] = useState<View>({ kind: "caseload" });
  const [lists, setLists] = useState<ReferenceLists | null>(null);
  const [recovering, setRecovering] = useState(false);
  const [settings, setSettings] = useState<SettingsView | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.status());
      setProblem(null);
    } catch (e) {
      setProblem(toApiError(e));
    }
  }, []);

  const afterOpen = useCallback((s: AppStatus) => {
    setStatus(s);
    setView({ kind: "caseload" });
    setRecovering(false);
  }, []);

  const lock = useCallback(async () => {
    setSettings(null);
    setStatus(await api.lock());
  }, []);

  useEffect(() => {
    void refresh();
    const unlisten = listen("vault-locked", () => {
      setSettings(null);
      void refresh();
    });
    return () => {
      void unlisten.then((f) => f());
    };
  }, [refresh]);

  const unlocked = status?.vault === "unlocked";

  useEffect(() => {
    if (!unlocked) return;
    api.get_settings().then(setSettings, () => undefined);
    api.reference_lists().then(setLists, () => undefined);
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "l") {
        e.preventDefault();
        void lock();
      }
    };
    const events = ["keydown", "pointerdown", "wheel"] as const;
    events.forEach((ev) => window.addEventListener(ev, reportActivity, { passive: true }));
    window.addEventListener("keydown", onKey);
    return () => {
      events.forEach((ev) => window.removeEventListener(ev, reportActivity));
      window.removeEventListener("keydown", onKey);
    };
  }, [unlocked, lock]);

  useEffect(() => {
    const titles = { caseload: "Caseload", "new-referral": "New referral", person: "Person", outcomes: "Outcomes", settings: "Settings", directory: "Directory", asset: "Group or service", "asset-edit": "Group or service", import: "Import or export" };
    document.title = !status ? "Linkwork" : unlocked ? `${titles[view.kind]} – Linkwork` : "Unlock – Linkwork";
  }, [status, unlocked, view]);

  if (problem) return <VaultProblem error={problem} onRetry={() => void refresh()} />;
  if (!status) return <main className="nhsuk-width-container nhsuk-main-wrapper" id="maincontent" aria-busy="true" />;

  if (status.vault === "no_vault") {
    return (
      <div className="nhsuk-width-container">
        <CreateVault dataDir={status.data_dir} onCreate={async (a) => afterOpen(await api.create_vault(a))} />
      </div>
    );
  }

  if (status.vault === "locked") {
    return (
      <div className="nhsuk-width-container">
        {recovering ? (
          <Recover status={status} onRecover={async (a) => afterOpen(await api.recover(a))} onBack={() => setRecovering(false)} />
        ) : (
          <Unlock status={status} onUnlock={async (a) => afterOpen(await api.unlock(a))} onForgotten={() => setRecovering(true)} />
        )}
      </div>
    );
  }

  const onSettingsChanged = (s: SettingsView) => {
    setSettings(s);
    setStatus({ ...status, recovery_recipient: s.recovery_recipient });
  };

  const openPerson = (id: string) => setView({ kind: "person", id });
  return (
    <Shell view={view} onNavigate={setView} onLock={() => void lock()}>
      {!lists ? (
        <main className="nhsuk-main-wrapper" id="maincontent" aria-busy="true" />
      ) : (
        <ListsContext.Provider value={lists}>
          {!status.recovery_recipient && view.kind === "caseload" && (
            <div className="nhsuk-warning-callout app-recovery-warning" data-testid="no-recovery-warning">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  No recovery key
                </span>
              </h2>
              <p>
                If you forget your passphrase, your records cannot be opened.{" "}
                <button type="button" className="app-link-button" onClick={() => setView({ kind: "settings" })}>
                  Add a recovery key in Settings
                </button>
              </p>
            </div>
          )}
          {view.kind === "caseload" && <Caseload onOpen={openPerson} onNewReferral={() => setView({ kind: "new-referral" })} />}
          {view.kind === "new-referral" && <NewReferral onSaved={openPerson} onOpen={openPerson} />}
          {view.kind === "person" && <Person key={view.id} personId={view.id} />}
          {view.kind === "outcomes" && <OutcomeSummary />}
          {view.kind === "directory" && <Directory onOpen={(id) => setView({ kind: "asset", id })} onAdd={() => setView({ kind: "asset-edit", id: null })} onImport={() => setView({ kind: "import" })} />}
          {view.kind === "asset" && <AssetPage key={view.id} assetId={view.id} onEdit={() => setView({ kind: "asset-edit", id: view.id })} />}
          {view.kind === "asset-edit" && <AssetEditor assetId={view.id} onSaved={(id) => setView({ kind: "asset", id })} onCancel={() => setView(view.id ? { kind: "asset", id: view.id } : { kind: "directory" })} />}
          {view.kind === "import" && <ImportExport />}
          {view.kind === "settings" && (
            <Settings
              settings={settings}
              onChanged={onSettingsChanged}
              act={{
                updateAutoLock: (m) => api.update_settings({ auto_lock_minutes: m }),
                updateOutcomes: (f) => api.update_outcome_settings(f),
                changePassphrase: (a) => api.change_passphrase(a),
                setRecovery: (r) => api.set_recovery({ recovery_recipient: r }),
                removeRecovery: () => api.remove_recovery(),
                checkIntegrity: () => api.check_integrity(),
              }}
            />
          )}
        </ListsContext.Provider>
      )}
    </Shell>
  );
}
