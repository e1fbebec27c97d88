import type { ReactNode } from "react";
import { api, type AssetId, type GroupId, type PersonId, type SettingsView } from "./generated/api";
import { Caseload } from "./screens/caseload/Caseload";
import { NewReferral, type CarerReferral } from "./screens/caseload/NewReferral";
import { Concerns } from "./screens/caseload/Concerns";
import { AssetEditor } from "./screens/directory/AssetEditor";
import { AssetPage } from "./screens/directory/AssetPage";
import { Directory } from "./screens/directory/Directory";
import { ImportExport } from "./screens/directory/ImportExport";
import { OutcomeSummary } from "./screens/outcomes/OutcomeSummary";
import { Person } from "./screens/person/Person";
import { Settings } from "./screens/settings/Settings";
import { Handover } from "./screens/settings/Handover";
import { ToCode } from "./screens/gp/ToCode";
import { Outreach } from "./screens/outreach/Outreach";
import { Groups } from "./screens/groups/Groups";
import { Report } from "./screens/report/Report";
import { Help } from "./screens/help/Help";
import { About } from "./screens/help/About";
import { Welcome } from "./screens/help/Welcome";

/** Every screen of the unlocked app. */
export type View =
  | { kind: "caseload" }
  | { kind: "new-referral"; carer?: CarerReferral }
  | { kind: "concerns" }
  | { kind: "person"; id: PersonId; log?: boolean }
  | { kind: "outcomes" }
  | { kind: "settings"; section?: SettingsSection }
  | { kind: "handover" }
  | { kind: "directory" }
  | { kind: "asset"; id: AssetId }
  | { kind: "asset-edit"; id: AssetId | null }
  | { kind: "import" }
  | { kind: "to-code" }
  | { kind: "outreach" }
  | { kind: "groups"; group?: GroupId }
  | { kind: "report" }
  | { kind: "help" }
  | { kind: "about" }
  | { kind: "welcome" };

/** A section of Settings a link can open at. */
export type SettingsSection = "backup" | "recovery" | "report" | "about-you";

export type NavKey = "caseload" | "new-referral" | "to-code" | "directory" | "outcomes" | "report" | "settings";

/** The main navigation, in order. */
export const NAV: { kind: NavKey; label: string }[] = [
  { kind: "caseload", label: "Caseload" },
  { kind: "new-referral", label: "New referral" },
  { kind: "to-code", label: "To code" },
  { kind: "directory", label: "Directory" },
  { kind: "outcomes", label: "Outcomes" },
  { kind: "report", label: "Report" },
  { kind: "settings", label: "Settings" },
];

/** What a screen may ask of the app around it. */
export interface RouteContext {
  go: (v: View) => void;
  settings: SettingsView | null;
  onSettingsChanged: (s: SettingsView) => void;
}

interface Route<V extends View> {
  title: string;
  /** The navigation item shown as current (none for Help and its pages). */
  nav: NavKey | null;
  render: (view: V, ctx: RouteContext) => ReactNode;
}

type Routes = { [K in View["kind"]]: Route<Extract<View, { kind: K }>> };

/** The one route table: each screen's title, its place in the navigation, and how to show it. */
export const ROUTES: Routes = {
  caseload: {
    title: "Caseload",
    nav: "caseload",
    render: (_, { go }) => (
      <Caseload
        onOpen={(id) => go({ kind: "person", id })}
        onLog={(id) => go({ kind: "person", id, log: true })}
        onNewReferral={() => go({ kind: "new-referral" })}
        onReport={() => go({ kind: "report" })}
        onBackup={() => go({ kind: "settings", section: "backup" })}
        onGuide={() => go({ kind: "welcome" })}
        onConcerns={() => go({ kind: "concerns" })}
        onOutreach={() => go({ kind: "outreach" })}
        onGroups={() => go({ kind: "groups" })}
      />
    ),
  },
  concerns: { title: "Open concerns", nav: "caseload", render: (_, { go }) => <Concerns onOpen={(id) => go({ kind: "person", id })} /> },
  "new-referral": {
    title: "New referral",
    nav: "new-referral",
    render: (v, { go }) => (
      <NewReferral key={v.carer?.link ?? ""} carer={v.carer} onSaved={(id) => go({ kind: "person", id })} onOpen={(id) => go({ kind: "person", id })} />
    ),
  },
  person: {
    title: "Person",
    nav: "caseload",
    render: (v, { go }) => (
      <Person
        key={`${v.id}${v.log ? "-log" : ""}`}
        personId={v.id}
        log={v.log}
        onOpen={(id) => go({ kind: "person", id })}
        onCaseload={() => go({ kind: "caseload" })}
        onGroup={(group) => go({ kind: "groups", group })}
        onReferCarer={(carer) => go({ kind: "new-referral", carer })}
      />
    ),
  },
  outcomes: { title: "Outcomes", nav: "outcomes", render: () => <OutcomeSummary /> },
  report: { title: "Monthly report", nav: "report", render: (_, { go }) => <Report onSettings={() => go({ kind: "settings" })} /> },
  // Caseload work, opened from the caseload: the header holds seven sections on one line at 1024 px.
  outreach: { title: "Outreach lists", nav: "caseload", render: (_, { go }) => <Outreach onOpen={(id) => go({ kind: "person", id })} /> },
  groups: {
    title: "Groups",
    nav: "caseload",
    render: (v, { go }) => <Groups key={v.group ?? ""} start={v.group} onOpen={(id) => go({ kind: "person", id })} />,
  },
  "to-code": { title: "To code in the GP record", nav: "to-code", render: (_, { go }) => <ToCode onOpen={(id) => go({ kind: "person", id })} /> },
  directory: {
    title: "Directory",
    nav: "directory",
    render: (_, { go }) => (
      <Directory onOpen={(id) => go({ kind: "asset", id })} onAdd={() => go({ kind: "asset-edit", id: null })} onImport={() => go({ kind: "import" })} />
    ),
  },
  asset: {
    title: "Group or service",
    nav: "directory",
    render: (v, { go }) => <AssetPage key={v.id} assetId={v.id} onEdit={() => go({ kind: "asset-edit", id: v.id })} onBack={() => go({ kind: "directory" })} />,
  },
  "asset-edit": {
    title: "Group or service",
    nav: "directory",
    render: (v, { go }) => (
      <AssetEditor assetId={v.id} onSaved={(id) => go({ kind: "asset", id })} onCancel={() => go(v.id ? { kind: "asset", id: v.id } : { kind: "directory" })} />
    ),
  },
  import: { title: "Import or export", nav: "directory", render: () => <ImportExport /> },
  handover: { title: "Caseload handover", nav: "settings", render: () => <Handover /> },
  help: {
    title: "Help",
    nav: null,
    render: (_, { go }) => (
      <Help
        go={{
          guide: () => go({ kind: "welcome" }),
          about: () => go({ kind: "about" }),
          settings: (section) => go({ kind: "settings", section }),
          handover: () => go({ kind: "handover" }),
          report: () => go({ kind: "report" }),
        }}
      />
    ),
  },
  about: { title: "About", nav: null, render: (_, { go }) => <About onHelp={() => go({ kind: "help" })} /> },
  welcome: {
    title: "Getting started",
    nav: null,
    render: (_, { go, settings }) => (
      <Welcome
        settings={settings}
        go={{
          settings: (section) => go({ kind: "settings", section }),
          importDirectory: () => go({ kind: "import" }),
          newReferral: () => go({ kind: "new-referral" }),
          caseload: () => go({ kind: "caseload" }),
          help: () => go({ kind: "help" }),
        }}
      />
    ),
  },
  settings: {
    title: "Settings",
    nav: "settings",
    render: (v, { settings, onSettingsChanged, go }) => (
      <Settings
        section={v.section}
        onHandover={() => go({ kind: "handover" })}
        onAbout={() => go({ kind: "about" })}
        settings={settings}
        onChanged={onSettingsChanged}
        act={{
          updateSettings: (a) => api.update_settings(a),
          updateOutcomes: (f) => api.update_outcome_settings(f),
          updateCaseloadRules: (f) => api.update_caseload_rules(f),
          changePassphrase: (a) => api.change_passphrase(a),
          setRecovery: (passphrase, r) => api.set_recovery({ passphrase, recovery_recipient: r }),
          removeRecovery: (passphrase) => api.remove_recovery({ passphrase }),
          checkIntegrity: () => api.check_integrity(),
        }}
      />
    ),
  },
};

export function routeOf<V extends View>(view: V): Route<V> {
  return ROUTES[view.kind] as unknown as Route<V>;
}
