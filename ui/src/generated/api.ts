// Generated from crates/linkwork-api by `./dev bindings`. Do not edit: change the Rust types.
// A test fails when this file is out of date.

import { invoke } from "../lib/ipc";

/** A file the person chose in Linkwork's own dialog (`chooseFile` in lib/files): the core names
* files only by these, never by a path typed or made up in the window. */
export type FileHandle = string & { readonly __brand: "FileHandle" };

/** The shortest passphrase the core accepts (linkwork-core `MIN_PASSPHRASE_CHARS`). */
export const MIN_PASSPHRASE_CHARS = 12;

export type AboutFile = { 
/**
 * What it is, in words ("Database (encrypted)").
 */
what: string, path: string, };

export type AboutView = { version: string, data_dir: string, 
/**
 * The vault's files, then (when unlocked and set) the backup folder.
 */
files: Array<AboutFile>, 
/**
 * The third-party components in this build, from Cargo and npm metadata.
 */
components: Array<Component>, };

export type AcceptanceMissing = { person_id: PersonId, episode_id: EpisodeId, name: string, nhs_number: string | null, 
/**
 * The first contact that took place.
 */
first_seen: string, };

export type ActionDoneArgs = { action_id: ActionId, done: boolean, };

export type ActionForm = { episode_id: EpisodeId, who: string | null, what: string | null, due_on: string | null, };

export type ActionId = string;

export type ActionView = { id: ActionId, who: string, what: string, due_on: string | null, done_on: string | null, };

export type AlsoOn = { list_id: OutreachListId, list: string, state: OutreachState, last_tried_on: string | null, };

export type AnswerForm = { episode_id: EpisodeId, answer: OfferAnswer | null, 
/**
 * DD/MM/YYYY; the day of the contact it was given at.
 */
on: string | null, };

export type ApiError = { code: ErrorCode, message: string, field: string | null, 
/**
 * The person this error is about, when the UI can offer to open their record.
 */
related_person_id: string | null, 
/**
 * Every field in error (the first is `field`), so a form shows all its problems at once.
 */
problems: Array<FieldProblem>, };

export type AppStatus = { vault: VaultStatus, 
/**
 * Shown on the create and unlock screens so people know where their data lives.
 */
data_dir: string, 
/**
 * The recovery public key (`age1…`), if one is set up. Known even while locked.
 */
recovery_recipient: string | null, 
/**
 * Why the vault is locked, when Linkwork locked it by itself.
 */
locked_reason: LockReason | null, app_version: string, };

export type AssetArgs = { asset_id: AssetId, };

export type AssetFavouriteArgs = { asset_id: AssetId, favourite: boolean, };

export type AssetForm = { 
/**
 * Absent to add a new asset.
 */
asset_id: AssetId | null, name: string, organisation: string | null, description: string | null, categories: Array<NeedCategory>, lga_service_type: string | null, phone: string | null, email: string | null, website: string | null, address: string | null, postcode: string | null, delivery: Delivery | null, 
/**
 * When it runs, in words.
 */
schedule_text: string | null, 
/**
 * "Mon 10:00-12:00; Thu 18:30".
 */
days_and_times: string, cost: CostKind | null, cost_description: string | null, min_age: string | null, max_age: string | null, eligibility: string | null, wheelchair_access: boolean, hearing_loop: boolean, transport: boolean, access_notes: string | null, referral_route: ReferralRoute | null, referral_how: string | null, status: AssetStatus | null, };

export type AssetHit = { id: AssetId, name: string, organisation: string | null, postcode: string | null, categories: Array<NeedCategory>, status: AssetStatus, cost: CostKind, delivery: Delivery, wheelchair_access: boolean, favourite: boolean, last_verified_on: string | null, 
/**
 * Not verified in the last 12 months (or never).
 */
stale: boolean, };

export type AssetId = string;

export type AssetInput = { 
/**
 * The Open Referral UK service id, for imported assets.
 */
oruk_id: string | null, name: string, organisation: string | null, organisation_oruk_id: string | null, description: string | null, categories: Array<NeedCategory>, 
/**
 * LGA service-type code (esd), e.g. "esdServiceType:836".
 */
lga_service_type: string | null, phone: string | null, email: string | null, website: string | null, address: string | null, postcode: string | null, delivery: Delivery | null, 
/**
 * When it runs, in words.
 */
schedule_text: string | null, slots: Array<Slot>, cost: CostKind | null, cost_description: string | null, min_age: number | null, max_age: number | null, 
/**
 * Who it is for.
 */
eligibility: string | null, wheelchair_access: boolean, hearing_loop: boolean, transport: boolean, access_notes: string | null, referral_route: ReferralRoute | null, 
/**
 * How to refer, in words.
 */
referral_how: string | null, status: AssetStatus | null, };

export type AssetNotesArgs = { asset_id: AssetId, notes: string | null, };

export type AssetRecord = { id: AssetId, asset: AssetInput, favourite: boolean, private_notes: string | null, last_verified_on: string | null, 
/**
 * Local: the finer service type that picks an onward referral's SNOMED code.
 */
service_type: ServiceType | null, stale: boolean, usage: AssetUse, 
/**
 * The weekly slots written as the form takes them: "Mon 10:00-12:00; Thu 18:30".
 */
days_and_times: string, 
/**
 * Attended as a percentage of known outcomes.
 */
attendance_percent: number | null, };

export type AssetSearchArgs = { text: string | null, category: NeedCategory | null, free_only: boolean, accessible_only: boolean, active_only: boolean, favourites_only: boolean, verified_within_months: number | null, 
/**
 * At most this many hits (default 200).
 */
limit: number | null, };

export type AssetSearchView = { hits: Array<AssetHit>, 
/**
 * Assets in the whole directory.
 */
total: number, };

export type AssetServiceTypeArgs = { asset_id: AssetId, service_type: ServiceType | null, };

export type AssetStatus = "active" | "temporarily_closed" | "inactive" | "defunct";

export type AssetUse = { referred: number, 
/**
 * Of those with a known outcome: attended or partly attended.
 */
attended: number, 
/**
 * Onward referrals whose outcome is no longer pending.
 */
with_outcome: number, 
/**
 * Each barrier recorded, most frequent first.
 */
barriers: Array<BarrierCount>, };

export type AttemptView = { on: string, contact_type: ContactType, outcome: ContactOutcome, };

export type Attendance = "attended" | "did_not_attend" | "apologies";

export type AuditCompared = { 
/**
 * Every row up to the backup's is here, unchanged, and the chain has no break.
 */
holds: boolean, 
/**
 * What was found, in words.
 */
summary: string, 
/**
 * DD/MM/YYYY HH:MM, local time.
 */
backup_made_at: string, };

export type AuditPage = { rows: Array<AuditRow>, 
/**
 * Pass as `before` for the next (older) page; none at the oldest.
 */
older: number | null, };

export type AuditPageArgs = { 
/**
 * Rows before this row number; none = the newest.
 */
before: number | null, };

export type AuditRow = { row: number, 
/**
 * DD/MM/YYYY HH:MM, local time.
 */
at: string, 
/**
 * "Updated", "Erased", …
 */
action: string, 
/**
 * "Person", "Contact", …
 */
record: string, record_id: string | null, 
/**
 * A colleague's work handed over, or blank for this vault's own.
 */
by: string | null, 
/**
 * Names of the fields an update changed.
 */
fields: Array<string>, };

export type AuditVerified = { ok: boolean, rows: number, 
/**
 * Each row that breaks the chain: "row 412 (06/12/2026 10:15): was changed after it was written".
 */
breaks: Array<string>, };

export type BackupArgs = { 
/**
 * The file to write; none = a new file in the backup folder from Settings.
 */
path: FileHandle | null, 
/**
 * The person confirmed replacing an existing file.
 */
overwrite: boolean, };

export type BackupDue = { 
/**
 * Days since the last backup; `null` when there has never been one.
 */
days: number | null, };

export type BackupFileArgs = { path: FileHandle, passphrase: string | null, 
/**
 * The contents of the recovery key file (`AGE-SECRET-KEY-1…`).
 */
recovery_identity: string | null, };

export type BackupMade = { path: string, bytes: number, 
/**
 * People in the backup.
 */
people: number, 
/**
 * Opens with the recovery key as well as the passphrase.
 */
to_recovery: boolean, 
/**
 * Older backups deleted from the folder to keep the number set in Settings.
 */
pruned: number, };

export type BackupSettingsForm = { 
/**
 * A backup folder just chosen; with neither this nor `no_folder` the folder stays as it is.
 */
new_folder: FileHandle | null, 
/**
 * Forget the backup folder (each backup then asks where).
 */
no_folder: boolean, 
/**
 * How many backups to keep in the folder, as typed.
 */
keep: string, 
/**
 * Remind after this many days, as typed.
 */
remind_after_days: string, on_lock: boolean, };

export type BackupSettingsView = { 
/**
 * Where backups go without asking; `null` = chosen each time.
 */
folder: string | null, keep: number, remind_after_days: number, on_lock: boolean, 
/**
 * When the last backup finished (`YYYY-MM-DDTHH:MM:SSZ`).
 */
last_backup_at: string | null, 
/**
 * Backups open with the recovery key too (one is set up).
 */
to_recovery: boolean, };

export type BackupVerified = { path: string, 
/**
 * When the backup was made (`YYYY-MM-DDTHH:MM:SSZ`).
 */
created_at: string, data_version: number, 
/**
 * Rows per table.
 */
counts: Record<string, number>, bytes: number, 
/**
 * The recovery public key the vault had, if any.
 */
recovery_recipient: string | null, 
/**
 * The signing vault's fingerprint; none for a backup made before backups were signed.
 */
signed_by: string | null, };

export type Barrier = "no_provision" | "cost" | "transport" | "complicated_pathway" | "not_aware" | "relevance" | "quality" | "chose_not_to_attend";

export type BarrierCount = { barrier: Barrier, count: number, };

export type CarerLinkArgs = { person_id: PersonId, link_id: CarerLinkId, };

export type CarerLinkForm = { person_id: PersonId, role: CarerRole | null, other_person_id: PersonId | null, other_name: string | null, relationship: string | null, 
/**
 * `DD/MM/YYYY`; today when blank.
 */
since: string | null, };

export type CarerLinkId = string;

export type CarerLinkView = { id: CarerLinkId, role: CarerRole, 
/**
 * The other side, when they are a person here.
 */
other_person_id: PersonId | null, 
/**
 * Their name (from their record, or as typed).
 */
other_name: string, relationship: string | null, since: string, ended_on: string | null, };

export type CarerRole = "cares_for" | "cared_for_by";

export type CaseStudyArgs = { person_id: PersonId, case_study_id: CaseStudyId, };

export type CaseStudyCheckArgs = { person_id: PersonId, text: string, };

export type CaseStudyChecked = { findings: Array<Finding>, stripped: string, };

export type CaseStudyDraft = { episode_id: EpisodeId | null, title: string, body: string, findings: Array<Finding>, };

export type CaseStudyDraftArgs = { person_id: PersonId, episode_id: EpisodeId | null, };

export type CaseStudyForm = { case_study_id: CaseStudyId | null, person_id: PersonId, episode_id: EpisodeId | null, title: string | null, body: string | null, in_report: boolean, };

export type CaseStudyId = string;

export type CaseStudyLeftOut = { title: string, why: string, };

export type CaseStudyView = { id: CaseStudyId, episode_id: EpisodeId | null, title: string, body: string, 
/**
 * Chosen for the supervisor's report pack.
 */
in_report: boolean, updated_on: string, 
/**
 * What the identifier check finds in it now (against the record as it is now).
 */
findings: Array<Finding>, };

export type CaseloadArgs = { search: string | null, 
/**
 * `waiting` or `active`; every open episode when blank.
 */
status: EpisodeStatus | null, sort: CaseloadSort, descending: boolean, 
/**
 * Only people needing this (a follow-up, an urgent first contact, an overdue review or
 * action, or not reached); everyone when blank.
 */
only: CaseloadFilter | null, };

export type CaseloadCounters = { open: number, waiting: number, 
/**
 * Median days the people now on the waiting list have waited so far.
 */
median_days_waiting: number | null, 
/**
 * Median days from referral to first contact that took place, over first contacts in the last 12 months.
 */
median_days_to_first_contact: number | null, 
/**
 * Referrals in the last 12 months contacted within 7 days, and those who waited 14 days or more.
 */
contacted_within_7_days: Share, waited_14_days_or_more: Share, 
/**
 * People with a contact that took place in the last 12 months.
 */
supported_last_12_months: number, safe_max: number, amber_over: number, level: GaugeLevel, 
/**
 * Open episodes with an outcome record due (within the due window) or overdue.
 */
follow_ups_due: number, follow_ups_overdue: number, 
/**
 * Urgent referrals still waiting past the first-contact target.
 */
urgent_overdue: number, reviews_overdue: number, actions_overdue: number, not_reached: number, 
/**
 * Concerns open in the risk log, anyone's (closed episodes included), and those past their
 * review date.
 * People still to work on open outreach lists.
 */
outreach_to_work: number, open_concerns: number, concern_reviews_overdue: number, };

export type CaseloadFilter = "follow_ups" | "urgent_overdue" | "reviews_overdue" | "actions_overdue" | "not_reached";

export type CaseloadRow = { episode_id: EpisodeId, person_id: PersonId, 
/**
 * "Given Family" (preferred name shown separately).
 */
name: string, preferred_name: string | null, 
/**
 * Formatted 3-3-4.
 */
nhs_number: string | null, status: EpisodeStatus, referral_received_on: string, 
/**
 * Waiting episodes: days since the referral arrived, and the band that marks a long wait.
 */
days_waiting: number | null, wait_band: WaitBand | null, priority: Priority, 
/**
 * Urgent and waiting: when the first contact is due (the referral date plus the target).
 */
first_contact_due_on: string | null, 
/**
 * Urgent, still waiting, past the target.
 */
urgent_overdue: boolean, 
/**
 * Waiting episodes: tries at a first contact so far, and the latest.
 */
attempts: number, last_attempt: AttemptView | null, 
/**
 * Active episodes: days since the last contact that took place.
 */
days_since_contact: number | null, next_review_on: string | null, 
/**
 * Earliest due date of an action not yet done.
 */
next_action_due: string | null, 
/**
 * The next review's date has passed.
 */
review_overdue: boolean, 
/**
 * An action not done is past its due date.
 */
action_overdue: boolean, 
/**
 * The tries in a row that did not reach the person, once they reach the practice's number.
 */
not_reached: number | null, risk: boolean, 
/**
 * A contact note is being written (unsaved draft).
 */
draft: boolean, 
/**
 * An ONS4 or PAM record that is due or overdue now.
 */
follow_up: Reminder | null, };

export type CaseloadRulesForm = { 
/**
 * Days from an urgent referral to its first contact (1 to 14).
 */
urgent_first_contact_days: string, 
/**
 * Tries in a row that did not reach someone before they are "not reached" (1 to 6).
 */
not_reached_after: string, 
/**
 * Months an outreach list's rows that did not become referrals are kept after it closes
 * (1 to 24).
 */
outreach_keep_months: string, };

export type CaseloadSort = "attention" | "name" | "nhs_number" | "status" | "waiting" | "last_contact" | "next_review" | "risk" | "follow_up";

export type CaseloadView = { rows: Array<CaseloadRow>, counters: CaseloadCounters, 
/**
 * The date the figures were worked out for (UK local).
 */
today: string, 
/**
 * In a month's first week, until last month's report is exported: that month ("October 2026").
 */
report_due: string | null, 
/**
 * The last backup is older than the days set in Settings, or there is none yet.
 */
backup_due: BackupDue | null, };

export type Cell = { "kind": "text", "value": string } | { "kind": "count", "value": number } | { "kind": "percent", "value": number } | { "kind": "decimal", "value": number } | { "kind": "suppressed" } | { "kind": "too_few" } | { "kind": "withheld" } | { "kind": "blank" };

export type ChangePassphraseArgs = { old_passphrase: string, new_passphrase: string, new_passphrase_confirm: string, };

export type ChartSpec = { title: string, 
/**
 * The column that names each bar.
 */
label_column: number, value_columns: Array<number>, 
/**
 * Series are stacked (parts of one whole) rather than side by side.
 */
stacked: boolean, };

export type Choice = { value: string, label: string, };

export type CloseForm = { episode_id: EpisodeId, closed_on: string | null, reason: CloseReason | null, note: string | null, 
/**
 * What happens to each of the person's open concerns: every one must be decided.
 */
concerns: Array<ConcernOnClosing>, };

export type CloseHandedOverArgs = { people: Array<PersonId>, 
/**
 * The colleague's name, for the closing note.
 */
to_name: string | null, };

export type CloseReason = "goals_met" | "declined" | "unable_to_contact" | "moved_away" | "deceased" | "referred_elsewhere" | "inappropriate_referral" | "disengaged" | "escalated" | "handed_over" | "other";

export type CodeUse = "episode.offered" | "episode.accepted" | "episode.declined" | "contact.held" | "episode.closed" | "episode.signposted_in" | "onward.voluntary" | "onward.community" | "onward.support_group" | "onward.housing" | "onward.finance" | "onward.legal" | "onward.faith" | "onward.carers" | "onward.physical_activity" | "onward.arts" | "onward.learning" | "onward.employment" | "onward.counselling" | "onward.bereavement" | "onward.mental_health" | "onward.social_care" | "onward.food" | "onward.day_centre" | "onward.weight" | "onward.smoking" | "onward.drugs_alcohol" | "onward.self_help" | "ons4.life_satisfaction" | "ons4.worthwhile" | "ons4.happiness" | "ons4.anxiety" | "pam.score";

export type CodedLine = { 
/**
 * Stable across recomputations ("contact:<id>:held"): what "entered in the GP record" marks.
 */
key: string, episode_id: EpisodeId, on: string, 
/**
 * The event, when the line records one the map knows.
 */
use: CodeUse | null, 
/**
 * `None`: a text line (no code exists, or the practice has not added one).
 */
concept_id: string | null, 
/**
 * The code's term, or for a text line the words to record.
 */
term: string, value: string | null, 
/**
 * The code is the practice's own.
 */
local: boolean, 
/**
 * The practice's referrers enter this event themselves: shown, never on the to-code list.
 */
by_referrer: boolean, 
/**
 * [`CodedLine::tsv`], for the window's Copy (so the paste format lives here only).
 */
paste: string, };

export type ColleagueKey = { fingerprint: string, name: string | null, 
/**
 * DD/MM/YYYY.
 */
accepted_on: string, };

export type ColleagueKeys = { colleagues: Array<ColleagueKey>, };

export type Column = { 
/**
 * Stable: the CSV header and the XLSX heading row.
 */
name: string, label: string, 
/**
 * What the column holds, for the column list shipped with the CSV set.
 */
about: string, };

export type Component = { kind: ComponentKind, name: string, version: string, 
/**
 * An SPDX licence expression, as the component declares it.
 */
licence: string, };

export type ComponentKind = "crate" | "npm";

export type ConcernEntryForm = { concern_id: ConcernId, 
/**
 * Blank for today.
 */
recorded_on: string | null, note: string | null, action_taken: string | null, 
/**
 * A new level (updates only; ignored when closing).
 */
level: RiskLevel | null, 
/**
 * A new review date (updates only; blank keeps the one set).
 */
review_on: string | null, };

export type ConcernForm = { person_id: PersonId, 
/**
 * Blank for today. Earlier dates are allowed (the flag goes on whatever the date).
 */
raised_on: string | null, 
/**
 * Who raised it: the person, a family member, the GP…
 */
raised_by: string | null, concern: string | null, level: RiskLevel | null, action_taken: string | null, 
/**
 * When to look at it again (DD/MM/YYYY); optional.
 */
review_on: string | null, };

export type ConcernId = string;

export type ConcernOnClosing = { concern_id: ConcernId, 
/**
 * `None` until the link worker chooses.
 */
keep_open: boolean | null, 
/**
 * Why it closes (required to close it).
 */
note: string | null, };

export type ConcernView = { id: ConcernId, raised_on: string, 
/**
 * Who raised it (the person, a family member, the GP…), if recorded.
 */
raised_by: string | null, concern: string, 
/**
 * The current level; `None` only for concerns carried over from the old single log.
 */
level: RiskLevel | null, closed_on: string | null, 
/**
 * When it is next to be looked at (open concerns).
 */
review_on: string | null, 
/**
 * Open, and the review date has passed.
 */
review_overdue: boolean, 
/**
 * Open and not entered in error: it keeps the person's risk flag on ([`ConcernView::is_live`]).
 */
live: boolean, entered_in_error: EnteredInError | null, 
/**
 * Oldest first.
 */
entries: Array<RiskEntryView>, };

export type ConsentDecision = "yes" | "no";

export type ConsentForm = { person_id: PersonId, purpose: ConsentPurpose, decision: ConsentDecision | null, 
/**
 * DD/MM/YYYY; today when blank.
 */
decided_on: string | null, };

export type ConsentId = string;

export type ConsentPurpose = "share_with_gp" | "share_with_referrer" | "case_study";

export type ConsentToShare = "yes" | "no" | "not_asked";

export type ConsentView = { id: ConsentId, purpose: ConsentPurpose, decision: ConsentDecision, decided_on: string, 
/**
 * The link worker who recorded it; `None` = this vault's link worker before names were kept.
 */
recorded_by: string | null, };

export type ContactDefaults = { 
/**
 * How long this person's latest contact of each type took; a type not listed starts empty,
 * and the form asks.
 */
minutes: Array<TypeMinutes>, };

export type ContactDraft = { 
/**
 * DD/MM/YYYY HH:MM, as typed.
 */
occurred_at: string, contact_type: ContactType, 
/**
 * As typed.
 */
duration_minutes: string, outcome: ContactOutcome, notes: string, };

export type ContactForm = { episode_id: EpisodeId, 
/**
 * UK local date and time, `YYYY-MM-DDTHH:MM` or `DD/MM/YYYY HH:MM`.
 */
occurred_at: string, contact_type: ContactType | null, duration_minutes: number | null, outcome: ContactOutcome | null, notes: string | null, };

export type ContactId = string;

export type ContactOutcome = "took_place" | "did_not_attend" | "cancelled_by_person" | "cancelled_by_link_worker" | "unable_to_contact" | "left_message" | "cancelled";

export type ContactType = "phone" | "face_to_face" | "face_to_face_community" | "home_visit" | "video" | "group" | "text_message" | "email" | "letter" | "other";

export type ContactView = { id: ContactId, occurred_at: string, contact_type: ContactType, duration_minutes: number | null, outcome: ContactOutcome, notes: string | null, entered_in_error: EnteredInError | null, };

export type Correctable = { "kind": "contact", "id": ContactId } | { "kind": "ons4", "id": OutcomeId } | { "kind": "pam", "id": OutcomeId } | { "kind": "onward", "id": OnwardId } | { "kind": "concern", "id": ConcernId } | { "kind": "risk_entry", "id": RiskEntryId };

export type CostKind = "free" | "paid" | "unknown";

export type CreateVaultArgs = { passphrase: string, passphrase_confirm: string, 
/**
 * Optional `age1…` public key of the practice manager or supervisor.
 */
recovery_recipient: string | null, };

export type DeathForm = { person_id: PersonId, 
/**
 * DD/MM/YYYY.
 */
date_of_death: string | null, 
/**
 * The date was recorded by mistake: remove it (closed episodes stay closed).
 */
remove: boolean, };

export type Delivery = "in_person" | "online" | "both";

export type DemoArgs = { 
/**
 * The same seed (and the same today) gives the same people.
 */
seed: bigint, 
/**
 * Link-worker-years: per year about 300 people, 360 episodes, 3,000 contacts, 1,200 outcome
 * records, 1,000 directory entries and 800 onward referrals, some records entered in error
 * and older GP lines marked entered. Without it, a classic demo of `people` (default 50).
 */
years: number | null, 
/**
 * How many people (overrides the count `years` gives).
 */
people: number | null, 
/**
 * How many community assets (overrides the count the size gives).
 */
assets: number | null, };

export type DemoFilled = { people: number, episodes: number, contacts: number, 
/**
 * ONS4 and PAM records.
 */
outcomes: number, assets: number, onward: number, };

export type Direction = "improved" | "same" | "worse";

export type DirectoryTextArgs = { format: ExportFormat, };

export type Disability = "yes" | "no" | "not_stated";

export type EnteredInError = { on: string, reason: string, };

export type EnteredInErrorForm = { record: Correctable, reason: string | null, };

export type EnteredMark = { key: string, person_id: PersonId, episode_id: EpisodeId, on: string, concept_id: string | null, term: string, value: string | null, 
/**
 * `value` was kept when the line was marked (marks made before data version 12 did not keep
 * it, so a changed value cannot be told for them).
 */
value_known: boolean, 
/**
 * When it was marked (RFC 3339).
 */
entered_at: string, 
/**
 * When its correction in the GP record was marked done.
 */
corrected_at: string | null, };

export type EpisodeArgs = { episode_id: EpisodeId, };

export type EpisodeId = string;

export type EpisodeOutcomes = { 
/**
 * Oldest first.
 */
ons4: Array<Ons4View>, pam: Array<PamView>, ons4_change: Array<ItemChange> | null, pam_change: PamChange | null, 
/**
 * Open episodes only: the next record each measure needs.
 */
reminders: Array<Reminder>, 
/**
 * Open episodes of people seen: closing today would leave ONS4 (or PAM, where used) without a final record.
 */
final_missing: Array<Measure>, 
/**
 * Records marked entered in error, oldest first: shown struck through, used in nothing.
 */
in_error: Array<OutcomeInError>, };

export type EpisodeStatus = "waiting" | "active" | "closed";

export type EpisodeView = { id: EpisodeId, status: EpisodeStatus, referral_received_on: string, referral_method: ReferralMethod, referrer_name: string | null, referrer_role: string | null, referrer_organisation: string | null, referrer_ods: string | null, referral_notes: string | null, 
/**
 * Who referred, as a role; `None` on referrals recorded before it was asked.
 */
referral_source: ReferralSource | null, priority: Priority, 
/**
 * The needs and concerns the referral gave.
 */
referral_reasons: Array<ReferralReason>, 
/**
 * Reasons recorded before needs and concerns had their own list, as the categories they were.
 */
referral_categories: Array<NeedCategory>, offered_on: string | null, accepted_on: string | null, declined_on: string | null, 
/**
 * A contact with the person took place but neither accepting nor declining is recorded, so the
 * "referral accepted" code has no date (computed: [`acceptance_missing`]).
 */
acceptance_missing: boolean, 
/**
 * Open: the tries in a row that did not reach the person, once at the practice's number
 * (computed: [`not_reached`]).
 */
not_reached: number | null, 
/**
 * Urgent and waiting: when the first contact is due (computed: [`first_contact_due`]).
 */
first_contact_due_on: string | null, 
/**
 * That day has passed, by the session's clock (computed).
 */
first_contact_overdue: boolean, 
/**
 * Referral to first contact that took place, in days (computed, never typed).
 */
days_to_first_contact: number | null, what_matters: string | null, plan_needs: Array<NeedCategory>, next_review_on: string | null, closed_on: string | null, close_reason: CloseReason | null, close_note: string | null, contacts: Array<ContactView>, goals: Array<GoalView>, actions: Array<ActionView>, 
/**
 * The next dated thing to do: the review or an action not done (computed: [`next_due`]).
 */
next_due: NextDue | null, 
/**
 * The unsaved contact form, if one is waiting to be finished.
 */
draft: ContactDraft | null, outcomes: EpisodeOutcomes, 
/**
 * Signposts and referrals on to community assets, newest first.
 */
onward: Array<OnwardView>, };

export type ErasePersonArgs = { person_id: PersonId, confirm_name: string, };

export type ErasedPeople = "leave_out" | "bring_back";

export type ErrorCode = "INVALID_INPUT" | "BAD_REQUEST" | "UNKNOWN_COMMAND" | "LOCKED" | "CANCELLED" | "INTERNAL" | "NO_DATA_FOLDER" | "DATA_FOLDER_MISSING" | "DATA_FOLDER_PARENT_MISSING" | "DATA_FOLDER_SYNCED" | "NO_VAULT" | "VAULT_EXISTS" | "VAULT_INCOMPLETE" | "VAULT_IN_USE" | "WRONG_PASSPHRASE" | "WRONG_RECOVERY_KEY" | "KEY_FILE_DAMAGED" | "KEY_FILE_TOO_COSTLY" | "DATABASE_DAMAGED" | "PLAINTEXT_DATABASE" | "ENCRYPTION_UNAVAILABLE" | "NEWER_VERSION" | "MIGRATION_FAILED" | "FILE_ERROR" | "FILE_EXISTS" | "PATH_IN_DATA_FOLDER" | "SECRET_UNREADABLE" | "KEY_WRAP_FAILED" | "INTEGRITY_FAILED" | "OPEN_EPISODE_EXISTS" | "POSSIBLE_DUPLICATE" | "NHS_NUMBER_TAKEN" | "NOT_FOUND" | "EPISODE_CLOSED" | "DRAFT_PENDING" | "ENTERED_IN_ERROR" | "IDENTITY_MISMATCH" | "MERGE_REFUSED" | "CONCERN_CLOSED" | "IMPORT_REFUSED" | "BUSY" | "EXPORT_INVALID" | "DATABASE_ERROR" | "NOTHING_TO_REPORT" | "REPORT_UNREADABLE" | "REPORT_WRONG_KEY" | "REPORT_MISMATCH" | "BACKUP_WRONG_KEY" | "BACKUP_DAMAGED" | "BACKUP_FORGED" | "BACKUP_UNSIGNED" | "SIGNER_NOT_ACCEPTED";

export type EthnicGroup = "white_british" | "white_irish" | "white_other" | "mixed_white_black_caribbean" | "mixed_white_black_african" | "mixed_white_asian" | "mixed_other" | "asian_indian" | "asian_pakistani" | "asian_bangladeshi" | "asian_other" | "black_caribbean" | "black_african" | "black_other" | "chinese" | "other" | "not_stated";

export type ExportArgs = { 
/**
 * Where to write (chosen in the save dialog). Never inside Linkwork's data folder.
 */
path: FileHandle, format: ExportFormat, 
/**
 * The person confirmed replacing an existing file.
 */
overwrite: boolean, };

export type ExportFormat = "oruk-json" | "csv";

export type ExportReportArgs = { 
/**
 * Where the encrypted `.age` file goes.
 */
path: FileHandle, overwrite: boolean, 
/**
 * Encrypt to this one-off passphrase instead of the saved keys (the supervisor has no key).
 */
passphrase: string | null, passphrase_confirm: string | null, 
/**
 * Also an unencrypted copy (a zip) here; only with `plain_copy_understood`.
 */
plain_copy_path: FileHandle | null, plain_copy_overwrite: boolean, 
/**
 * The person read the warning that the copy is not encrypted.
 */
plain_copy_understood: boolean, 
/**
 * Seal to these supervisor keys (`age1…`) instead of the ones saved in Settings; empty = the
 * saved ones.
 */
supervisor_keys: Array<string>, 
/**
 * Which files go in the pack (all, the default; or only the HTML, CSV or workbook).
 */
files: ReportFiles, 
/**
 * Counts from 1 to 4 shown as they are, for internal use only (the settings' choice otherwise).
 */
no_suppression: boolean, month: string | null, from: string | null, to: string | null, };

export type ExportView = { assets: number, path: string, };

export type FieldProblem = { field: string, message: string, };

export type Finding = { kind: FindingKind, text: string, start: number, end: number, blocking: boolean, 
/**
 * In words, for the editor: "“Ivy” is a name from their record".
 */
message: string, };

export type FindingKind = "name" | "nhs_number" | "phone_number" | "postcode" | "address" | "date" | "possible_name" | "number";

export type ForgetColleagueArgs = { fingerprint: string, };

export type GaugeLevel = "ok" | "amber" | "red";

export type GoalForm = { 
/**
 * Set to add a goal to this episode…
 */
episode_id: EpisodeId | null, 
/**
 * …or to change this goal.
 */
goal_id: GoalId | null, text: string | null, importance: number | null, 
/**
 * Not started when blank.
 */
status: GoalStatus | null, };

export type GoalId = string;

export type GoalStatus = "not_started" | "in_progress" | "achieved" | "no_longer_relevant";

export type GoalView = { id: GoalId, text: string, importance: number, status: GoalStatus, };

export type GpBeforeArgs = { 
/**
 * Lines dated before this day (not on it), as typed (DD/MM/YYYY).
 */
before: string, };

export type GpChecklist = { 
/**
 * People with lines to enter, the one waiting longest first.
 */
people: Array<PersonToCode>, to_correct: Array<ToCorrect>, 
/**
 * Coded lines still to enter, in all.
 */
pending: number, 
/**
 * Episodes with contacts but no acceptance recorded, the longest seen first.
 */
no_acceptance: Array<AcceptanceMissing>, };

export type GpCodeMapArgs = { practice_id: PracticeId | null, };

export type GpCodeMapView = { 
/**
 * The practice shown; none is the map for every practice (and people with no practice).
 */
practice_id: PracticeId | null, entries: Array<MapEntry>, 
/**
 * Every event a code can record, for the "add a local code" form.
 */
uses: Array<Choice>, 
/**
 * The events the practice's referrers code themselves (never on the to-code list).
 */
by_referrer: Array<CodeUse>, 
/**
 * For a practice: its referrers' habits follow the setting for every practice.
 */
referrer_as_every_practice: boolean, 
/**
 * The events a referrer may code, for that setting.
 */
referrer_may_code: Array<Choice>, };

export type GpFhirView = { mode: SummaryMode, json: string, };

export type GpFileFormat = "letter_html" | "fhir_json";

export type GpLetter = { episode_id: EpisodeId, to: LetterTo, mode: SummaryMode, 
/**
 * The letter may hold more than the codes (GP) or the plain notice (referrer): the person's
 * current consent for this letter's purpose is "yes".
 */
full_allowed: boolean, 
/**
 * The letter's body as an HTML fragment (escaped; no scripts, no styles).
 */
body_html: string, 
/**
 * A standalone page: the body with its own print styles, to save as a file.
 */
html: string, 
/**
 * A file name to suggest; it holds no name or NHS number (file names show in lists).
 */
file_name: string, };

export type GpLetterArgs = { episode_id: EpisodeId, 
/**
 * Full falls back to the codes (GP) or a plain notice (referrer) without consent for that
 * letter's purpose.
 */
mode: SummaryMode, to: LetterTo, };

export type GpLinesArgs = { keys: Array<string>, };

export type GpSummary = { episode_id: EpisodeId, mode: SummaryMode, 
/**
 * Full is allowed only when the person's current consent to share is "yes".
 */
full_allowed: boolean, 
/**
 * Newest first. Codes only: coded lines alone.
 */
lines: Array<CodedLine>, 
/**
 * Full only: a few sentences (what matters, support given, outcomes).
 */
narrative: Array<string>, 
/**
 * The whole block, paste-ready (tab-separated lines, then the narrative).
 */
text: string, 
/**
 * Lines already marked entered in the GP record: key → when (RFC 3339). Filled by the caller,
 * which holds the marks.
 */
entered: { [key in string]?: string }, };

export type GpSummaryArgs = { episode_id: EpisodeId, 
/**
 * Full falls back to codes only when the person has not consented to share.
 */
mode: SummaryMode, };

export type GpSystem = "emis_web" | "systmone" | "other";

export type GroupArgs = { group_id: GroupId, };

export type GroupForm = { group_id: GroupId | null, name: string | null, 
/**
 * The directory entry it is, when it is one.
 */
asset_id: AssetId | null, place: string | null, closed: boolean, };

export type GroupId = string;

export type GroupMemberArgs = { group_id: GroupId, person_id: PersonId, };

export type GroupMemberView = { person_id: PersonId, name: string, 
/**
 * 3-3-4, when known (two people can share a name).
 */
nhs_number: string | null, joined_on: string, left_on: string | null, 
/**
 * Has an open referral (only they can be on a register).
 */
on_caseload: boolean, };

export type GroupSessionArgs = { session_id: GroupSessionId, };

export type GroupSessionForm = { group_id: GroupId, date: string, time: string, duration_minutes: number | null, place: string | null, };

export type GroupSessionId = string;

export type GroupSessionSummary = { id: GroupSessionId, starts_at: string, duration_minutes: number, place: string | null, register_saved: boolean, attended: number, did_not_attend: number, };

export type GroupSessionView = { id: GroupSessionId, group_id: GroupId, group_name: string, starts_at: string, duration_minutes: number, place: string | null, register_saved: boolean, rows: Array<RegisterRow>, };

export type GroupSummary = { id: GroupId, name: string, asset_id: AssetId | null, asset_name: string | null, place: string | null, closed_on: string | null, 
/**
 * Booked now (not left).
 */
members: number, 
/**
 * The next session from today, or else the latest.
 */
next_session: string | null, 
/**
 * Sessions whose time has come with no register saved.
 */
registers_due: number, };

export type GroupTag = "mental_health_problems" | "severe_mental_illness" | "carers" | "financial_hardship" | "unemployed_neet" | "dementia" | "chronic_fatigue" | "frailty" | "long_term_conditions" | "cancer" | "homelessness" | "refugees_asylum_seekers" | "care_leavers" | "prison" | "new_postnatal_mothers" | "children_young_people" | "neurodiversity" | "learning_disabilities" | "loneliness" | "domestic_abuse";

export type GroupView = { id: GroupId, name: string, asset_id: AssetId | null, asset_name: string | null, place: string | null, closed_on: string | null, members: Array<GroupMemberView>, sessions: Array<GroupSessionSummary>, };

export type HandedOverClosed = { closed: number, };

export type HandoverCheckArgs = { to: string, people: Array<PersonId>, all_open: boolean, passphrase: string, };

export type HandoverExportArgs = { 
/**
 * The colleague's handover key (`age1…`).
 */
to: string, 
/**
 * The people to hand over (ignored with `all_open`).
 */
people: Array<PersonId>, 
/**
 * Everyone with an open episode.
 */
all_open: boolean, path: FileHandle, overwrite: boolean, 
/**
 * The passphrase, asked again: records are leaving for someone else's vault (script in the
 * window alone cannot seal the caseload to a key of its choosing).
 */
passphrase: string, };

export type HandoverExported = { path: string, 
/**
 * Who was handed over, to offer closing their open episodes.
 */
people: Array<PersonId>, episodes: number, open_episodes: number, };

export type HandoverFileArgs = { path: FileHandle, 
/**
 * An age identity file's contents, when the package was not encrypted to this vault's key.
 */
identity: string | null, 
/**
 * Import only: the signing fingerprint the person compared with the sender, to accept a
 * colleague's key the first time (or after it changed).
 */
accept_signer: string | null, 
/**
 * What to do with people erased from this vault before; an import with any refuses until
 * this is given (a preview counts them left out).
 */
erased: ErasedPeople | null, };

export type HandoverKey = { 
/**
 * This vault's public key (`age1…`): colleagues encrypt a handover to it.
 */
recipient: string, 
/**
 * The fingerprint of this vault's signing key, which colleagues compare by phone before they
 * accept the first handover from you (20 hex digits in groups of four).
 */
fingerprint: string, };

export type HandoverMatch = "new" | "same_record" | "same_nhs_number";

export type HandoverPerson = { name: string, 
/**
 * 3-3-4.
 */
nhs_number: string | null, matched: HandoverMatch, 
/**
 * Why this person stops the import.
 */
conflict: string | null, episodes: number, 
/**
 * When they were erased from this vault before, in words; `null` if never.
 */
erased: string | null, };

export type HandoverSigner = { fingerprint: string, trust: SignerTrust, 
/**
 * With `changed`: the name the other key was accepted under.
 */
accepted_name: string | null, };

export type HandoverView = { from: string | null, signer: HandoverSigner, created_at: string, people: Array<HandoverPerson>, 
/**
 * Records added, per kind ("contact": 12).
 */
added: Record<string, number>, 
/**
 * Records already here, kept as they are.
 */
already: Record<string, number>, 
/**
 * The records added, in words: "2 people", "15 contacts"… (empty when nothing is new).
 */
summary: Array<string>, };

export type IdentityResolution = "update_details" | "keep_details";

export type ImportArgs = { path: FileHandle, 
/**
 * Preview only: count and check, write nothing.
 */
dry_run: boolean, };

export type ImportProblem = { file: string, 
/**
 * "row 4" for CSV (counting the header as row 1), a JSON path like "/contents/2/status", or
 * "line 3, column 7" for JSON that does not parse.
 */
place: string, field: string | null, message: string, 
/**
 * About the file as a whole (it cannot be opened or parsed, or holds nothing to import), not
 * one record: shown on top rather than in the table of record problems.
 */
whole_file: boolean, };

export type ImportReport = { 
/**
 * True when nothing was written: a preview, or a feed with errors.
 */
dry_run: boolean, committed: boolean, added: number, updated: number, unchanged: number, 
/**
 * Every error (all-or-nothing: any error means nothing was imported).
 */
problems: Array<ImportProblem>, 
/**
 * Problems beyond the first 1,000 are counted, not listed.
 */
more_problems: number, 
/**
 * Files in a CSV folder that Linkwork does not read (funding.csv and so on).
 */
ignored_files: Array<string>, 
/**
 * Values that break a format annotation (a uuid, email or uri that is not one): imported as
 * they are, and listed so the feed's owner can fix them. Never blocking.
 */
warnings: Array<ImportProblem>, 
/**
 * Warnings beyond the first 1,000 are counted, not listed.
 */
more_warnings: number, };

export type IntakeCheck = { 
/**
 * The person with this NHS number, if already known (the referral will attach to them).
 */
existing: PersonSummary | null, 
/**
 * `existing` has a different name or date of birth from the typed ones: saving needs `identity`.
 */
identity_differs: boolean, 
/**
 * Same name and date of birth (only records without an NHS number, when one was typed).
 */
possible_duplicates: Array<PersonSummary>, 
/**
 * A valid number outside the ranges England issues ("looks like a Scottish CHI number").
 */
nhs_warning: string | null, };

export type IntakeCheckArgs = { nhs_number: string | null, given_name: string | null, family_name: string | null, date_of_birth: string | null, };

export type IntegrityView = { ok: boolean, data_version: number, problems: Array<string>, };

export type ItemChange = { item: Ons4Item, label: string, baseline: ItemScore, latest: ItemScore, 
/**
 * latest − baseline (raw score; for anxiety a fall is an improvement).
 */
difference: number | null, direction: Direction | null, 
/**
 * "↑ 3 points, improved" — arrow for the score's movement, words for what it means.
 */
summary: string, };

export type ItemScore = { item: Ons4Item, 
/**
 * `None`: declined to answer.
 */
value: number | null, band: Ons4Band | null, band_label: string | null, tone: Tone | null, };

export type ItemSummary = { item: Ons4Item, label: string, 
/**
 * People whose first and last record in the period both answer this item.
 */
n: number, 
/**
 * The changes added up (the mean is this over `n`): what a team total adds exactly.
 */
sum_change: number, mean_change: number | null, 
/**
 * The mean change in words with its direction ("down 0.5 on average (better)" for anxiety).
 */
mean_change_text: string | null, improved: number, same: number, worse: number, improved_pct: number | null, same_pct: number | null, worse_pct: number | null, 
/**
 * "low" (or "high" for anxiety).
 */
concern_band: string, started_in_concern_band: number, moved_out_of_concern_band: number, moved_out_pct: number | null, };

export type JobArgs = { job_id: JobId, };

export type JobId = string;

export type JobKind = "import_assets" | "export_assets" | "export_report" | "backup";

export type JobOutput = { "kind": "import", "report": ImportReport } | { "kind": "export", "report": ExportView } | { "kind": "report", "report": ReportExported } | { "kind": "backup", "report": BackupMade };

export type JobStarted = { job_id: JobId, };

export type JobState = "running" | "done" | "failed" | "cancelled";

export type JobView = { job_id: JobId, kind: JobKind, state: JobState, 
/**
 * How far it has got, in bytes read or records written.
 */
done: number, total: number, 
/**
 * When done.
 */
output: JobOutput | null, 
/**
 * When failed (or cancelled: what stopped it).
 */
error: ApiError | null, };

export type KnownPerson = { person_id: PersonId, name: string, 
/**
 * "NHS number" or "name and date of birth".
 */
matched_by: string, open_episode_id: EpisodeId | null, };

export type LetterTo = "gp" | "referrer";

export type LocalCodeArgs = { 
/**
 * None: the code is for every practice.
 */
practice_id: PracticeId | null, use: CodeUse | null, concept_id: string, term: string, };

export type LockReason = "requested" | "idle";

export type MapEntry = { use: CodeUse, concept_id: string, term: string, 
/**
 * When to record it, in words.
 */
rule: string, 
/**
 * Where the code was read (shipped), or which practices a local code was added for.
 */
source: string, local: boolean, 
/**
 * The practice a local code is for; none for a code for every practice (or a shipped one).
 */
practice_id: PracticeId | null, };

export type Measure = "ons4" | "pam";

export type MergeArgs = { keep_id: PersonId, other_id: PersonId, };

export type Merged = { 
/**
 * Each pack merged, with who signed it.
 */
packs: Array<PackSource>, out: string, workers: Array<string>, files: Array<string>, period: string, };

export type NeedCategory = "mental_health" | "finance" | "carers" | "age_related" | "housing" | "social_care" | "healthcare" | "physical_activity" | "green_nature" | "arts_culture" | "heritage" | "faith" | "employment" | "domestic_abuse" | "learning" | "befriending" | "food";

export type NextDue = { on: string, 
/**
 * "review", or who does what ("Sam: call the housing officer").
 */
what: string, 
/**
 * Its day has passed, by the session's clock.
 */
overdue: boolean, };

export type OfferAnswer = "accepted" | "declined";

export type OfferForm = { episode_id: EpisodeId, offered_on: string | null, accepted_on: string | null, declined_on: string | null, };

export type Ons4Band = "very_low" | "low" | "medium" | "high" | "very_high";

export type Ons4Form = { episode_id: EpisodeId, contact_id: ContactId | null, 
/**
 * Defaults to today.
 */
recorded_on: string | null, life_satisfaction: string, worthwhile: string, happiness: string, anxiety: string, };

export type Ons4Item = "life_satisfaction" | "worthwhile" | "happiness" | "anxiety";

export type Ons4ItemInfo = { item: Ons4Item, label: string, question: string, zero: string, ten: string, 
/**
 * Band of each answer 0 to 10 (index = score), so the form shows bands without its own rules.
 */
bands: Array<ItemScore>, };

export type Ons4View = { id: OutcomeId, recorded_on: string, contact_id: ContactId | null, role: OutcomeRole, 
/**
 * In [`Ons4Item::ALL`] order.
 */
items: Array<ItemScore>, };

export type OnwardForm = { episode_id: EpisodeId, 
/**
 * Required; blank when nothing was picked yet.
 */
asset_id: AssetId | null, 
/**
 * Defaults to today.
 */
referred_on: string | null, kind: OnwardKind | null, 
/**
 * Required: the link worker's choice (it decides the GP code), never guessed from the asset.
 */
category: NeedCategory | null, notes: string | null, follow_up_on: string | null, };

export type OnwardId = string;

export type OnwardKind = "signpost" | "referral";

export type OnwardOutcome = "pending" | "attended" | "partly_attended" | "did_not_attend" | "declined" | "service_full" | "not_suitable";

export type OnwardOutcomeForm = { onward_id: OnwardId, outcome: OnwardOutcome | null, 
/**
 * Defaults to today (ignored for "pending").
 */
outcome_on: string | null, barriers: Array<Barrier>, };

export type OnwardView = { id: OnwardId, episode_id: EpisodeId, asset_id: AssetId, asset_name: string, 
/**
 * The asset's own finer service type, when the link worker set one (it picks the code).
 */
service_type: ServiceType | null, referred_on: string, kind: OnwardKind, category: NeedCategory, notes: string | null, follow_up_on: string | null, outcome: OnwardOutcome, outcome_on: string | null, barriers: Array<Barrier>, entered_in_error: EnteredInError | null, };

export type OpenConcern = { concern_id: ConcernId, person_id: PersonId, name: string, 
/**
 * 3-3-4.
 */
nhs_number: string | null, concern: string, level: RiskLevel | null, raised_on: string, review_on: string | null, review_overdue: boolean, 
/**
 * The person has an open episode.
 */
episode_open: boolean, date_of_death: string | null, };

export type OutcomeId = string;

export type OutcomeInError = { id: OutcomeId, measure: Measure, recorded_on: string, 
/**
 * What it said, in words ("life satisfaction 4, worthwhile 5, …" or "score 52.3, level 2").
 */
summary: string, entered_in_error: EnteredInError, };

export type OutcomeRole = "baseline" | "follow_up" | "final";

export type OutcomeSettingsForm = { follow_up_weeks: string, 
/**
 * All three PAM cut-offs, or none of them.
 */
pam_level2_from: string | null, pam_level3_from: string | null, pam_level4_from: string | null, };

export type OutcomeSummary = { from: string, to: string, 
/**
 * People (episodes) compared: a baseline ONS4 and a final or latest one dated in the period.
 */
ons4_people: number, 
/**
 * Episodes open in the period with a baseline ONS4 and no follow-up yet.
 */
ons4_baseline_only: number, items: Array<ItemSummary>, pam: PamSummary, };

export type OutcomeSummaryArgs = { from: string | null, to: string | null, };

export type OutreachAccepted = { person_id: PersonId, episode_id: EpisodeId, list: OutreachListView, };

export type OutreachAttemptView = { at: string, outcome: OutreachOutcome, };

export type OutreachCloseArgs = { list_id: OutreachListId, closed: boolean, };

export type OutreachEntryArgs = { entry_id: OutreachEntryId, };

export type OutreachEntryId = string;

export type OutreachEntryView = { id: OutreachEntryId, line: number, given_name: string, family_name: string, 
/**
 * 3-3-4.
 */
nhs_number: string | null, date_of_birth: string | null, phone: string | null, postcode: string | null, reason: string | null, state: OutreachState, 
/**
 * Newest first.
 */
attempts: Array<OutreachAttemptView>, 
/**
 * Known already (by NHS number, else name and date of birth).
 */
person_id: PersonId | null, 
/**
 * Their open episode, when they are on the caseload now.
 */
open_episode_id: EpisodeId | null, 
/**
 * The referral made when they accepted.
 */
episode_id: EpisodeId | null, also_on: Array<AlsoOn>, };

export type OutreachFileArgs = { path: FileHandle, };

export type OutreachImportArgs = { path: FileHandle, practice_id: PracticeId | null, name: string, 
/**
 * `DD/MM/YYYY` or `YYYY-MM-DD`; today when blank.
 */
searched_on: string, };

export type OutreachListArgs = { list_id: OutreachListId, };

export type OutreachListId = string;

export type OutreachListSummary = { id: OutreachListId, name: string, practice_id: PracticeId, practice: string, 
/**
 * The day the practice ran the search.
 */
searched_on: string, closed_on: string | null, 
/**
 * When the rows that did not become referrals are removed (closed lists only).
 */
removal_due_on: string | null, people: number, 
/**
 * Still to work (not tried, tried, reached).
 */
open: number, reached: number, accepted: number, 
/**
 * Rows removed after the list closed (no names are kept, only how many).
 */
removed: number, };

export type OutreachListView = { list: OutreachListSummary, entries: Array<OutreachEntryView>, };

export type OutreachLogArgs = { entry_id: OutreachEntryId, outcome: OutreachOutcome | null, 
/**
 * When (a UK local date and time); now when blank.
 */
at: string | null, };

export type OutreachOutcome = "no_answer" | "left_message" | "wrong_number" | "reached" | "accepted" | "declined" | "not_suitable" | "died_or_moved";

export type OutreachPreview = { rows: Array<PreviewRow>, problems: Array<RowProblem>, 
/**
 * How the file's headings were read, as (what, heading).
 */
columns: Array<[string, string]>, 
/**
 * People the import adds (rows less those repeated in the file).
 */
people: number, known: number, on_other_lists: number, };

export type OutreachState = "not_tried" | "tried" | "reached" | "accepted" | "declined" | "not_suitable" | "died_or_moved";

export type PackSource = { file: string, worker: string, 
/**
 * The fingerprint of the vault key that signed it; `None` for a pack made before Linkwork
 * signed reports.
 */
signed_by: string | null, 
/**
 * Rows in the maker's audit trail when the pack was made.
 */
audit_rows: number | null, };

export type PamChange = { baseline_score: string, baseline_level: number, latest_score: string, latest_level: number, difference: number, direction: Direction, 
/**
 * A gain of 3 points or more.
 */
gain_of_3: boolean, summary: string, };

export type PamForm = { episode_id: EpisodeId, contact_id: ContactId | null, recorded_on: string | null, 
/**
 * 0 to 100, one decimal at most: "56.4".
 */
score: string, level: string, version: PamVersion | null, };

export type PamSummary = { n: number, 
/**
 * The changes added up, in tenths of a point.
 */
sum_change_tenths: number, mean_change: number | null, gained_3: number, gained_3_pct: number | null, 
/**
 * Pairs whose later record is within 12 months of the baseline: the usual test's denominator.
 */
pairs_within_year: number, 
/**
 * Of those, gained 3 points or more (the usual test).
 */
gained_3_within_year: number, 
/**
 * Episodes open in the period with a baseline PAM and no later one.
 */
baseline_only: number, 
/**
 * Of the `n` compared, those whose baseline and latest are different versions (PAM-13 and PAM-10).
 */
mixed_versions: number, };

export type PamVersion = "pam_13" | "pam_10";

export type PamView = { id: OutcomeId, recorded_on: string, contact_id: ContactId | null, role: OutcomeRole, score: number, 
/**
 * The score as entered, one decimal: "56.4".
 */
score_text: string, level: number, level_meaning: string, version: PamVersion, 
/**
 * Set when the organisation's cut-offs give a different level.
 */
level_warning: string | null, };

export type PeopleArgs = { search: string | null, };

export type PersonArgs = { person_id: PersonId, };

export type PersonDetails = { id: PersonId, nhs_number: string | null, given_name: string, family_name: string, preferred_name: string | null, date_of_birth: string | null, 
/**
 * Whole years at today, by the session's clock (computed: [`age_on`]).
 */
age: number | null, pronouns: string | null, phone: string | null, preferred_contact: PreferredContact | null, address: string | null, postcode: string | null, 
/**
 * The practice they are registered at, when it is known; its name and code are the two
 * fields below. Without one, those fields are as typed before practices were listed.
 */
practice_id: PracticeId | null, gp_practice_name: string | null, gp_practice_ods: string | null, communication_needs: string | null, consent_to_share: ConsentToShare, consent_recorded_on: string | null, notes: string | null, tags: Array<GroupTag>, 
/**
 * When the person died, once the link worker has recorded it: their open episodes closed
 * then, and they leave the waiting list, reminders and prompts.
 */
date_of_death: string | null, 
/**
 * Who the service reaches: optional, shown on Details only.
 */
profile: PersonProfile, };

export type PersonForm = { nhs_number: string | null, given_name: string | null, family_name: string | null, preferred_name: string | null, 
/**
 * `YYYY-MM-DD` or `DD/MM/YYYY`.
 */
date_of_birth: string | null, pronouns: string | null, phone: string | null, 
/**
 * Not asked when blank.
 */
preferred_contact: PreferredContact | null, address: string | null, postcode: string | null, 
/**
 * The practice they are registered at, from Settings' list. Without one, a typed name and
 * ODS code are looked up among the practices, and added when not listed.
 */
practice_id: PracticeId | null, gp_practice_name: string | null, gp_practice_ods: string | null, communication_needs: string | null, 
/**
 * Not asked when blank.
 */
consent_to_share: ConsentToShare | null, consent_recorded_on: string | null, notes: string | null, tags: Array<GroupTag>, };

export type PersonGroup = { group_id: GroupId, name: string, joined_on: string, left_on: string | null, 
/**
 * Sessions they came to, and were booked on and did not come to.
 */
attended: number, missed: number, };

export type PersonId = string;

export type PersonProfile = { sex: Sex | null, ethnic_group: EthnicGroup | null, first_language: string | null, interpreter_needed: boolean | null, disability: Disability | null, 
/**
 * The Index of Multiple Deprivation decile the practice gives (1 most deprived, 10 least).
 */
imd_decile: number | null, };

export type PersonProfileForm = { person_id: PersonId, sex: Sex | null, ethnic_group: EthnicGroup | null, first_language: string | null, interpreter_needed: boolean | null, disability: Disability | null, 
/**
 * 1 (most deprived) to 10, as the practice gives it.
 */
imd_decile: string | null, };

export type PersonRecord = { person: PersonDetails, 
/**
 * On while any concern is open (and not entered in error).
 */
risk: boolean, 
/**
 * Open concerns first (newest raised first), then closed ones, then any entered in error.
 */
concerns: Array<ConcernView>, 
/**
 * Newest first. The newest per purpose is the current value (also in `person`).
 */
consent_history: Array<ConsentView>, 
/**
 * The practices they have been registered at, newest first (the first is the current one).
 */
practice_history: Array<PracticeRegistration>, 
/**
 * Who they care for and who cares for them, current ones first.
 */
carers: Array<CarerLinkView>, 
/**
 * Newest first; at most one is not closed.
 */
episodes: Array<EpisodeView>, };

export type PersonSummary = { id: PersonId, name: string, date_of_birth: string | null, nhs_number: string | null, postcode: string | null, open_episode_id: EpisodeId | null, };

export type PersonToCode = { person_id: PersonId, name: string, 
/**
 * 3-3-4, as the GP system shows it.
 */
nhs_number: string | null, 
/**
 * Whose GP record it is (the practice's name, else its ODS code), for working through one
 * practice at a time.
 */
practice: string | null, 
/**
 * The practice they are registered at, to group and filter by.
 */
practice_id: PracticeId | null, 
/**
 * Oldest first.
 */
lines: Array<CodedLine>, };

export type PlanForm = { episode_id: EpisodeId, what_matters: string | null, needs: Array<NeedCategory>, next_review_on: string | null, };

export type Practice = { id: PracticeId, name: string, 
/**
 * Its ODS code (B86002), when known.
 */
ods_code: string | null, gp_system: GpSystem, 
/**
 * People registered at this practice.
 */
people: number, };

export type PracticeForm = { 
/**
 * The practice to change; none adds one.
 */
practice_id: PracticeId | null, name: string, 
/**
 * A letter and five digits (B86002); blank when not known.
 */
ods_code: string | null, gp_system: GpSystem | null, };

export type PracticeId = string;

export type PracticeRegistration = { practice_id: PracticeId | null, 
/**
 * The practice's name and code as they are now (a practice renamed in Settings is shown by
 * its new name).
 */
name: string | null, ods_code: string | null, since: string, };

export type PreferredContact = "phone" | "text_message" | "letter" | "in_person";

export type PreviewRow = { line: number, name: string, nhs_number: string | null, date_of_birth: string | null, 
/**
 * Someone already known, and how they were matched.
 */
known: KnownPerson | null, 
/**
 * The earlier line of this file with the same person: this row is left out.
 */
same_as_line: number | null, also_on: Array<AlsoOn>, };

export type Priority = "routine" | "urgent";

export type PurgeArgs = { episode_ids: Array<EpisodeId>, };

export type RecordsRemoved = { rows: number, episodes: number, people: number, };

export type RecoverArgs = { 
/**
 * The contents of the recovery key file (`AGE-SECRET-KEY-1…`).
 */
recovery_identity: string, new_passphrase: string, new_passphrase_confirm: string, };

export type ReferenceLists = { referral_methods: Array<Choice>, 
/**
 * Referral categories: onward referrals and the needs agreed in the plan.
 */
needs: Array<Choice>, 
/**
 * Needs and concerns: why a person is referred.
 */
referral_reasons: Array<Choice>, referral_sources: Array<Choice>, priorities: Array<Choice>, 
/**
 * Every contact outcome, for showing old rows ("cancelled" is no longer offered).
 */
all_contact_outcomes: Array<Choice>, group_tags: Array<Choice>, episode_statuses: Array<Choice>, close_reasons: Array<Choice>, contact_types: Array<Choice>, 
/**
 * The outcomes a new contact may have.
 */
contact_outcomes: Array<Choice>, goal_statuses: Array<Choice>, consent: Array<Choice>, risk_kinds: Array<Choice>, risk_levels: Array<Choice>, consent_decisions: Array<Choice>, 
/**
 * What consent to share is for (the GP practice, the referrer), each with its own history.
 */
consent_purposes: Array<Choice>, identity_resolutions: Array<Choice>, preferred_contacts: Array<Choice>, sexes: Array<Choice>, ethnic_groups: Array<Choice>, disabilities: Array<Choice>, carer_roles: Array<Choice>, 
/**
 * Read to the person before the four ONS4 questions.
 */
ons4_introduction: string, ons4_items: Array<Ons4ItemInfo>, pam_versions: Array<Choice>, 
/**
 * Baseline, follow-up, final.
 */
outcome_roles: Array<Choice>, 
/**
 * ONS4, PAM.
 */
measures: Array<Choice>, 
/**
 * "1" to "4", labelled with the level's public meaning.
 */
pam_levels: Array<Choice>, asset_statuses: Array<Choice>, deliveries: Array<Choice>, cost_kinds: Array<Choice>, referral_routes: Array<Choice>, onward_kinds: Array<Choice>, onward_outcomes: Array<Choice>, barriers: Array<Choice>, 
/**
 * An asset's finer service type (it picks the onward referral's SNOMED code).
 */
service_types: Array<Choice>, 
/**
 * The clinical systems a GP practice may use (EMIS Web, SystmOne, another).
 */
gp_systems: Array<Choice>, outreach_states: Array<Choice>, outreach_outcomes: Array<Choice>, };

export type ReferralAddedView = { person_id: PersonId, episode_id: EpisodeId, new_person: boolean, };

export type ReferralForm = { 
/**
 * Attach to this existing person (picked from the duplicate warning) instead of `person`.
 */
person_id: PersonId | null, person: PersonForm, received_on: string, method: ReferralMethod | null, 
/**
 * Who referred, as a role.
 */
source: ReferralSource | null, 
/**
 * Routine when blank.
 */
priority: Priority | null, referrer_name: string | null, referrer_role: string | null, referrer_organisation: string | null, referrer_ods: string | null, 
/**
 * Needs and concerns: why the person was referred.
 */
reasons: Array<ReferralReason>, notes: string | null, 
/**
 * The link worker has seen the likely duplicates and says this is someone new.
 */
allow_possible_duplicate: boolean, 
/**
 * The NHS number is known under another name or date of birth, and the link worker says it is
 * the same person: update the stored details, or keep them. Blank until asked.
 */
identity: IdentityResolution | null, 
/**
 * A carer named only on someone's record, referred in their own right: the link then points
 * at their record (in the same transaction).
 */
carer_link: CarerLinkId | null, };

export type ReferralMethod = "phone" | "letter" | "secure_email" | "secure_messaging" | "nhs_ers" | "self_referral" | "other";

export type ReferralReason = "loneliness" | "low_mood_anxiety" | "bereavement" | "long_term_condition" | "money_debt" | "housing" | "work_benefits" | "caring" | "physical_activity" | "weight" | "alcohol_drugs" | "smoking" | "relationships" | "domestic_abuse" | "digital_exclusion" | "other";

export type ReferralRoute = "self_referral" | "signpost" | "formal_referral";

export type ReferralSource = "gp" | "practice_nurse" | "other_practice_staff" | "proactive_search" | "secondary_care" | "social_care" | "vcse" | "self_referral" | "other";

export type ReferrerCodesArgs = { 
/**
 * None: the setting for every practice.
 */
practice_id: PracticeId | null, uses: Array<CodeUse>, 
/**
 * For a practice: follow the setting for every practice (`uses` is then ignored).
 */
as_every_practice: boolean, };

export type RegisterForm = { session_id: GroupSessionId, came: Array<PersonId>, apologies: Array<PersonId>, };

export type RegisterRow = { person_id: PersonId, name: string, nhs_number: string | null, 
/**
 * What the saved register says; `None` before it is saved for them.
 */
attendance: Attendance | null, 
/**
 * Why they cannot be on it (then `attendance` is `None` unless saved earlier).
 */
why_not: string | null, 
/**
 * The saved row's contact was marked entered in error on their record since.
 */
contact_in_error: boolean, };

export type RegisterSavedView = { recorded: number, corrected: number, session: GroupSessionView, };

export type Reminder = { measure: Measure, state: ReminderState, 
/**
 * `None` for a baseline that has not been recorded yet.
 */
due_on: string | null, 
/**
 * Plain words, e.g. "ONS4 follow-up overdue since 12/02/2027".
 */
text: string, };

export type ReminderState = "upcoming" | "due" | "overdue";

export type RemoveLocalCodeArgs = { practice_id: PracticeId | null, use: CodeUse, };

export type RemoveRecoveryArgs = { passphrase: string, };

export type ReportExported = { path: string, 
/**
 * To whom: "2 supervisor keys" or "a passphrase".
 */
encrypted_to: string, plain_copy_path: string | null, 
/**
 * The files inside the pack.
 */
files: Array<string>, period_label: string, };

export type ReportFiles = "all" | "html" | "csv" | "xlsx";

export type ReportPeriod = { month: string | null, from: string | null, to: string | null, };

export type ReportPreview = { from: string, to: string, 
/**
 * "October 2026", or "01/10/2026 to 15/10/2026" for a range.
 */
period_label: string, 
/**
 * The calendar month, when the period is one ("2026-10").
 */
month: string | null, worker: string, 
/**
 * No name is saved in Settings yet: the export asks for one first.
 */
needs_name: boolean, suppression: Suppression, 
/**
 * Every table of the report, as the HTML, CSV and workbook hold them.
 */
tables: Array<Table>, 
/**
 * A file name to offer in the save dialog.
 */
file_name: string, 
/**
 * The supervisor's keys saved in Settings (the export encrypts to all of them).
 */
supervisor_keys: Array<string>, 
/**
 * This month's report was exported before.
 */
exported: boolean, 
/**
 * The titles of the case studies the pack will hold (chosen, consent given, nothing in
 * them that identifies anyone).
 */
case_studies: Array<string>, 
/**
 * Chosen ones left out, and why.
 */
case_studies_left_out: Array<CaseStudyLeftOut>, };

export type ReportSettingsForm = { 
/**
 * One `age1…` key per entry (blank entries are ignored).
 */
supervisor_keys: Array<string>, suppression: Suppression, };

export type ReportSettingsView = { supervisor_keys: Array<string>, suppression: Suppression, };

export type RestoreArgs = { 
/**
 * Needed when opening with the recovery key: the restored vault's new passphrase.
 */
new_passphrase: string | null, new_passphrase_confirm: string | null, 
/**
 * Replace the vault in the data folder (it is moved aside, not deleted).
 */
replace: boolean, 
/**
 * Accept a backup made before backups were signed: the person's own old backup only.
 */
unsigned: boolean, 
/**
 * People in the backup erased from the vault it replaces since: asked for only when there
 * are any (the restore refuses, on this field, until it is given).
 */
erased: RestoreErased | null, path: FileHandle, passphrase: string | null, 
/**
 * The contents of the recovery key file (`AGE-SECRET-KEY-1…`).
 */
recovery_identity: string | null, };

export type RestoreDone = { status: AppStatus, verified: BackupVerified, 
/**
 * Where the vault that was in the data folder went.
 */
moved_aside: string | null, 
/**
 * People erased again as the backup was restored (erased from the replaced vault since).
 */
erased_again: Array<string>, 
/**
 * The replaced vault had erased people, but a backup from an older version of Linkwork
 * cannot be checked against them: erase them again by hand if they are back.
 */
erasures_unchecked: boolean, };

export type RestoreErased = "erase_again" | "keep";

export type RetentionRow = { episode_id: EpisodeId, person_id: PersonId, name: string, 
/**
 * DD/MM/YYYY.
 */
received_on: string, closed_on: string, 
/**
 * The person has no other episode: their whole record goes.
 */
whole_record: boolean, };

export type RetentionView = { years: number, 
/**
 * Episodes closed before this day (DD/MM/YYYY) are past the period.
 */
cutoff: string, due: Array<RetentionRow>, };

export type RiskEntryId = string;

export type RiskEntryKind = "raised" | "update" | "cleared";

export type RiskEntryView = { id: RiskEntryId, recorded_on: string, kind: RiskEntryKind, 
/**
 * What was raised, the update, or why it was closed.
 */
concern: string, action_taken: string | null, 
/**
 * The level set by this entry, if it set one.
 */
level: RiskLevel | null, entered_in_error: EnteredInError | null, };

export type RiskLevel = "low" | "medium" | "high";

export type RowProblem = { line: number, 
/**
 * The column's heading as the file spells it (empty for the whole row or file).
 */
column: string, message: string, };

export type SaveDraftArgs = { episode_id: EpisodeId, 
/**
 * The contact form as the UI holds it; restored exactly.
 */
form: ContactDraft, };

export type SaveGpFileArgs = { episode_id: EpisodeId, mode: SummaryMode, format: GpFileFormat, 
/**
 * Whom the letter is for (letters only; a FHIR file is for the GP record).
 */
to: LetterTo, path: FileHandle, overwrite: boolean, };

export type SavedFile = { path: string, 
/**
 * What was saved, for the message ("letter", "FHIR file").
 */
what: string, mode: SummaryMode, };

export type ServiceType = "counselling" | "bereavement" | "legal" | "stop_smoking" | "weight_management" | "drugs_alcohol" | "day_centre" | "support_group" | "self_help" | "community_service" | "voluntary_group" | "mental_health_team" | "arts_therapy" | "vocational_rehabilitation" | "community_meals";

export type SetRecoveryArgs = { passphrase: string, recovery_recipient: string, };

export type SetRetentionArgs = { 
/**
 * As typed.
 */
years: string, };

export type SettingsView = { auto_lock_minutes: number, worker_name: string | null, 
/**
 * "1.0" full time, "0.6" three days a week.
 */
whole_time_equivalent: string, 
/**
 * The safe number of people a year for these hours (250 at full time).
 */
safe_caseload: number, 
/**
 * How large the window is drawn (Ctrl+= / Ctrl+- / Ctrl+0).
 */
zoom_percent: number, auto_lock_min: number, auto_lock_max: number, recovery_recipient: string | null, data_dir: string, 
/**
 * Database schema version, for support calls.
 */
data_version: number, follow_up_weeks: number, 
/**
 * Days from an urgent referral to its first contact.
 */
urgent_first_contact_days: number, 
/**
 * Tries in a row that did not reach someone before they are "not reached".
 */
not_reached_after: number, 
/**
 * Months an outreach list's rows that did not become referrals are kept after it closes.
 */
outreach_keep_months: number, 
/**
 * The organisation's PAM cut-offs as entered ("47.0"), or none.
 */
pam_level2_from: string | null, pam_level3_from: string | null, pam_level4_from: string | null, };

export type Sex = "female" | "male" | "another" | "not_stated";

export type Share = { n: number, of: number, };

export type SignerTrust = "accepted" | "new" | "changed";

export type Slot = { weekday: number, opens_at: string | null, closes_at: string | null, };

export type SubjectAccessArgs = { person_id: PersonId, 
/**
 * The file to write (`.zip.age`, or `.zip` unencrypted).
 */
path: FileHandle, overwrite: boolean, 
/**
 * The passphrase to give the person (or their representative) another way.
 */
passphrase: string | null, passphrase_confirm: string | null, 
/**
 * No passphrase: the person read the warning that the file is not encrypted.
 */
unencrypted_understood: boolean, };

export type SubjectAccessMade = { path: string, encrypted: boolean, 
/**
 * Records copied (rows), and audit events about them.
 */
records: number, audit_events: number, };

export type SummaryMode = "codes_only" | "full";

export type SupervisorIdentityArgs = { path: FileHandle, };

export type SupervisorIdentityView = { 
/**
 * The file is protected by a passphrase: the merge needs it.
 */
needs_passphrase: boolean, };

export type SupervisorKey = { 
/**
 * The public key (`age1…`) to give to link workers.
 */
public: string, path: string, };

export type SupervisorKeygenArgs = { 
/**
 * Where the identity file goes (encrypted to the passphrase, owner-only).
 */
path: FileHandle, overwrite: boolean, passphrase: string, passphrase_confirm: string, };

export type SupervisorMergeArgs = { 
/**
 * The link workers' report packs (`.age`, or an unencrypted copy).
 */
packs: Array<FileHandle>, 
/**
 * The supervisor's identity file.
 */
identity: FileHandle, 
/**
 * Its passphrase, when `supervisor_identity` says it needs one.
 */
passphrase: string | null, 
/**
 * A new folder for the team report.
 */
out: FileHandle, 
/**
 * Counts from 1 to 4 shown as they are, for internal use only.
 */
no_suppression: boolean, };

export type Suppression = "on" | "off";

export type Table = { 
/**
 * Stable: the CSV file name and the XLSX sheet name.
 */
name: string, section: string, title: string, columns: Array<Column>, rows: Array<Array<Cell>>, chart: ChartSpec | null, 
/**
 * Said under the table when it has no rows.
 */
empty: string, };

export type TemplateArgs = { path: FileHandle, overwrite: boolean, };

export type ToCorrect = { 
/**
 * The line as it was entered.
 */
mark: EnteredMark, 
/**
 * The line as the record gives it now, when it changed; `None` when it is gone (or is now a
 * text line, with no code to enter).
 */
now: CodedLine | null, 
/**
 * Whose GP record holds the line (as it was when entered).
 */
name: string, nhs_number: string | null, practice: string | null, practice_id: PracticeId | null, 
/**
 * What to do, in words.
 */
why: string, };

export type Tone = "poor" | "fair" | "good" | "very_good";

export type TypeMinutes = { contact_type: ContactType, minutes: number, };

export type UnlockArgs = { passphrase: string, };

export type UpdatePersonArgs = { person_id: PersonId, person: PersonForm, };

export type UpdateSettingsArgs = { auto_lock_minutes: number, 
/**
 * The link worker's name, recorded with consent decisions; blank for none.
 */
worker_name: string | null, 
/**
 * Hours as a whole-time equivalent ("1.0", "0.6"); the safe caseload scales with it.
 * Unchanged when left out.
 */
whole_time_equivalent: string | null, };

export type VaultStatus = "no_vault" | "locked" | "unlocked";

export type WaitBand = "over_two_weeks" | "over_four_weeks";

export type ZoomArgs = { change: ZoomChange, };

export type ZoomChange = "larger" | "smaller" | "reset";

/** Every command the core offers, typed from the Rust handlers. Rejects with an `ApiError`. */
export const api = {
  /** Is there a vault, and is it locked? Needs no passphrase. */
  status: (): Promise<AppStatus> => invoke("call", { command: "status", args: {} }),
  /** Version, where the vault's files are, and the third-party components and their licences. */
  about: (): Promise<AboutView> => invoke("call", { command: "about", args: {} }),
  /** First launch: make the vault. */
  create_vault: (args: CreateVaultArgs): Promise<AppStatus> => invoke("call", { command: "create_vault", args }),
  unlock: (args: UnlockArgs): Promise<AppStatus> => invoke("call", { command: "unlock", args }),
  /** Forgotten passphrase: open with the recovery key and set a new passphrase. */
  recover: (args: RecoverArgs): Promise<AppStatus> => invoke("call", { command: "recover", args }),
  lock: (): Promise<AppStatus> => invoke("call", { command: "lock", args: {} }),
  /** The person is active (keeps the idle lock away). */
  touch: (): Promise<void> => invoke("call", { command: "touch", args: {} }),
  get_settings: (): Promise<SettingsView> => invoke("call", { command: "get_settings", args: {} }),
  update_settings: (args: UpdateSettingsArgs): Promise<SettingsView> => invoke("call", { command: "update_settings", args }),
  /** Ctrl+= / Ctrl+- / Ctrl+0: a step larger, smaller, or back to 100%; remembered. */
  zoom: (args: ZoomArgs): Promise<SettingsView> => invoke("call", { command: "zoom", args }),
  /** Passphrase and recovery key changes give the database a fresh key (re-encrypting it), so old key files and secrets open nothing current. */
  change_passphrase: (args: ChangePassphraseArgs): Promise<void> => invoke("call", { command: "change_passphrase", args }),
  set_recovery: (args: SetRecoveryArgs): Promise<SettingsView> => invoke("call", { command: "set_recovery", args }),
  remove_recovery: (args: RemoveRecoveryArgs): Promise<SettingsView> => invoke("call", { command: "remove_recovery", args }),
  check_integrity: (): Promise<IntegrityView> => invoke("call", { command: "check_integrity", args: {} }),
  /** The audit trail's hash chain, checked row by row. */
  verify_audit: (): Promise<AuditVerified> => invoke("call", { command: "verify_audit", args: {} }),
  /** The audit trail beside a backup's record of where it ended: rows deleted since show. */
  compare_audit_with_backup: (args: BackupFileArgs): Promise<AuditCompared> => invoke("call", { command: "compare_audit_with_backup", args }),
  /** Fifty rows of the audit trail, newest first (`before` pages back). */
  audit_page: (args: AuditPageArgs): Promise<AuditPage> => invoke("call", { command: "audit_page", args }),
  /** Everything held about one person (HTML + JSON in a zip), encrypted with a passphrase or, after a warning, not. */
  subject_access: (args: SubjectAccessArgs): Promise<SubjectAccessMade> => invoke("call", { command: "subject_access", args }),
  /** Removes every record about a person (confirmed by typing their name); audited without content. */
  erase_person: (args: ErasePersonArgs): Promise<RecordsRemoved> => invoke("call", { command: "erase_person", args }),
  /** Closed episodes past the retention period (default 8 years after closing). */
  retention: (): Promise<RetentionView> => invoke("call", { command: "retention", args: {} }),
  set_retention: (args: SetRetentionArgs): Promise<RetentionView> => invoke("call", { command: "set_retention", args }),
  /** Removes the confirmed episodes still past the period, and anyone left with none. */
  purge_retention: (args: PurgeArgs): Promise<RecordsRemoved> => invoke("call", { command: "purge_retention", args }),
  /** The backup folder, how many to keep, the reminder and backing up on lock. */
  backup_settings: (): Promise<BackupSettingsView> => invoke("call", { command: "backup_settings", args: {} }),
  update_backup_settings: (args: BackupSettingsForm): Promise<BackupSettingsView> => invoke("call", { command: "update_backup_settings", args }),
  /** Starts a backup (a job): to the file given, or into the backup folder. */
  backup: (args: BackupArgs): Promise<JobStarted> => invoke("call", { command: "backup", args }),
  /** Opens and checks a backup without touching the vault. */
  verify_backup: (args: BackupFileArgs): Promise<BackupVerified> => invoke("call", { command: "verify_backup", args }),
  /** First run or a new laptop: restore a backup into the data folder, then open it. */
  restore_backup: (args: RestoreArgs): Promise<RestoreDone> => invoke("call", { command: "restore_backup", args }),
  /** This vault's public key, for colleagues handing people over. */
  handover_key: (): Promise<HandoverKey> => invoke("call", { command: "handover_key", args: {} }),
  /** Seals people's records for a colleague's handover key, into one age file. Every problem with a handover but its file, at once, before the save dialog opens. */
  check_handover: (args: HandoverCheckArgs): Promise<void> => invoke("call", { command: "check_handover", args }),
  export_handover: (args: HandoverExportArgs): Promise<HandoverExported> => invoke("call", { command: "export_handover", args }),
  /** What importing a handover would do (nothing is written). */
  preview_handover: (args: HandoverFileArgs): Promise<HandoverView> => invoke("call", { command: "preview_handover", args }),
  /** Imports a handover, all or nothing, once its signer's key is accepted (`accept_signer` accepts it, with the fingerprint compared by phone). */
  import_handover: (args: HandoverFileArgs): Promise<HandoverView> => invoke("call", { command: "import_handover", args }),
  /** Colleagues whose handovers this vault accepts, by their signing key. */
  colleague_keys: (): Promise<ColleagueKeys> => invoke("call", { command: "colleague_keys", args: {} }),
  /** Stops accepting handovers signed with this key. */
  forget_colleague_key: (args: ForgetColleagueArgs): Promise<ColleagueKeys> => invoke("call", { command: "forget_colleague_key", args }),
  /** After a handover: close those people's open episodes as "handed over". */
  close_handed_over: (args: CloseHandedOverArgs): Promise<HandedOverClosed> => invoke("call", { command: "close_handed_over", args }),
  /** Every fixed list (methods, needs, tags, outcomes…) with its labels. */
  reference_lists: (): Promise<ReferenceLists> => invoke("call", { command: "reference_lists", args: {} }),
  /** Open episodes with counters; search by name or NHS number, filter, sort. */
  caseload: (args: CaseloadArgs): Promise<CaseloadView> => invoke("call", { command: "caseload", args }),
  /** Only the rows, for each keystroke and filter change: the counters and reminders do not depend on them, so the page loads those once. */
  caseload_rows: (args: CaseloadArgs): Promise<Array<CaseloadRow>> => invoke("call", { command: "caseload_rows", args }),
  /** People by name or NHS number (any spacing); everyone when the search is blank. */
  list_people: (args: PeopleArgs): Promise<Array<PersonSummary>> => invoke("call", { command: "list_people", args }),
  /** Before saving a referral: known NHS number, or likely duplicates by name and date of birth. */
  intake_check: (args: IntakeCheckArgs): Promise<IntakeCheck> => invoke("call", { command: "intake_check", args }),
  add_referral: (args: ReferralForm): Promise<ReferralAddedView> => invoke("call", { command: "add_referral", args }),
  person: (args: PersonArgs): Promise<PersonRecord> => invoke("call", { command: "person", args }),
  update_person: (args: UpdatePersonArgs): Promise<PersonRecord> => invoke("call", { command: "update_person", args }),
  /** Who the service reaches: sex, ethnic group, first language and interpreter, disability, the practice's deprivation decile; all optional, replaced whole. */
  update_person_profile: (args: PersonProfileForm): Promise<PersonRecord> => invoke("call", { command: "update_person_profile", args }),
  /** Records that the person cares for someone, or is cared for by someone (on the caseload, or a name only). */
  add_carer_link: (args: CarerLinkForm): Promise<PersonRecord> => invoke("call", { command: "add_carer_link", args }),
  /** The caring has ended (today). */
  end_carer_link: (args: CarerLinkArgs): Promise<PersonRecord> => invoke("call", { command: "end_carer_link", args }),
  /** A carer named only has been referred in their own right: the link points at their record. */
  link_carer_record: (args: CarerLinkArgs): Promise<PersonRecord> => invoke("call", { command: "link_carer_record", args }),
  /** A consent decision for one purpose (each purpose has its own history). */
  record_consent: (args: ConsentForm): Promise<PersonRecord> => invoke("call", { command: "record_consent", args }),
  /** When the person died: their open episode and concerns close (or, with `remove`, takes a date recorded by mistake back). */
  record_death: (args: DeathForm): Promise<PersonRecord> => invoke("call", { command: "record_death", args }),
  /** Every open concern, anyone's (closed episodes included), reviews overdue first. */
  open_concerns: (): Promise<Array<OpenConcern>> => invoke("call", { command: "open_concerns", args: {} }),
  /** Two records of one person become `keep_id`: episodes, contacts, outcomes, plans, risks and consent move across; refused while either has an unsaved contact note. */
  merge_people: (args: MergeArgs): Promise<PersonRecord> => invoke("call", { command: "merge_people", args }),
  add_contact: (args: ContactForm): Promise<PersonRecord> => invoke("call", { command: "add_contact", args }),
  /** Saves the contact being written; called every few seconds and on blur. What a new contact form starts with (the last contact's length). */
  contact_defaults: (args: PersonArgs): Promise<ContactDefaults> => invoke("call", { command: "contact_defaults", args }),
  save_draft: (args: SaveDraftArgs): Promise<void> => invoke("call", { command: "save_draft", args }),
  discard_draft: (args: EpisodeArgs): Promise<PersonRecord> => invoke("call", { command: "discard_draft", args }),
  update_plan: (args: PlanForm): Promise<PersonRecord> => invoke("call", { command: "update_plan", args }),
  update_offer: (args: OfferForm): Promise<PersonRecord> => invoke("call", { command: "update_offer", args }),
  /** The answer to the offer on its own (asked after a contact when none is recorded). */
  record_answer: (args: AnswerForm): Promise<PersonRecord> => invoke("call", { command: "record_answer", args }),
  /** Adds a goal (with `episode_id`) or changes one (with `goal_id`). */
  save_goal: (args: GoalForm): Promise<PersonRecord> => invoke("call", { command: "save_goal", args }),
  add_action: (args: ActionForm): Promise<PersonRecord> => invoke("call", { command: "add_action", args }),
  set_action_done: (args: ActionDoneArgs): Promise<PersonRecord> => invoke("call", { command: "set_action_done", args }),
  /** Raises a new concern in the risk log; the flag is on while any concern is open. */
  raise_concern: (args: ConcernForm): Promise<PersonRecord> => invoke("call", { command: "raise_concern", args }),
  update_concern: (args: ConcernEntryForm): Promise<PersonRecord> => invoke("call", { command: "update_concern", args }),
  /** Closes one concern; the person's other concerns stay open. */
  close_concern: (args: ConcernEntryForm): Promise<PersonRecord> => invoke("call", { command: "close_concern", args }),
  /** Marks a contact, outcome record, onward referral or risk entry entered in error: kept, struck through, and left out of every figure. */
  mark_entered_in_error: (args: EnteredInErrorForm): Promise<PersonRecord> => invoke("call", { command: "mark_entered_in_error", args }),
  close_episode: (args: CloseForm): Promise<PersonRecord> => invoke("call", { command: "close_episode", args }),
  add_ons4: (args: Ons4Form): Promise<PersonRecord> => invoke("call", { command: "add_ons4", args }),
  add_pam: (args: PamForm): Promise<PersonRecord> => invoke("call", { command: "add_pam", args }),
  /** Change from first to last record in a period, across the caseload. */
  outcome_summary: (args: OutcomeSummaryArgs): Promise<OutcomeSummary> => invoke("call", { command: "outcome_summary", args }),
  update_outcome_settings: (args: OutcomeSettingsForm): Promise<SettingsView> => invoke("call", { command: "update_outcome_settings", args }),
  /** The caseload's practice rules: the urgent first-contact target, when someone is "not reached". */
  update_caseload_rules: (args: CaseloadRulesForm): Promise<SettingsView> => invoke("call", { command: "update_caseload_rules", args }),
  /** The GP practices the link worker serves, each with how many records name it. */
  practices: (): Promise<Array<Practice>> => invoke("call", { command: "practices", args: {} }),
  /** Adds a practice (without `practice_id`) or changes one: name, ODS code, GP system. */
  save_practice: (args: PracticeForm): Promise<Practice> => invoke("call", { command: "save_practice", args }),
  /** The asset directory: full-text search as you type, with filters. */
  search_assets: (args: AssetSearchArgs): Promise<AssetSearchView> => invoke("call", { command: "search_assets", args }),
  asset: (args: AssetArgs): Promise<AssetRecord> => invoke("call", { command: "asset", args }),
  /** Adds an asset (without `asset_id`) or saves changes to one. */
  save_asset: (args: AssetForm): Promise<AssetRecord> => invoke("call", { command: "save_asset", args }),
  set_asset_favourite: (args: AssetFavouriteArgs): Promise<AssetRecord> => invoke("call", { command: "set_asset_favourite", args }),
  /** The details were checked with the provider today. */
  verify_asset: (args: AssetArgs): Promise<AssetRecord> => invoke("call", { command: "verify_asset", args }),
  set_asset_notes: (args: AssetNotesArgs): Promise<AssetRecord> => invoke("call", { command: "set_asset_notes", args }),
  /** The asset's finer service type (local): it picks an onward referral's SNOMED code. */
  set_asset_service_type: (args: AssetServiceTypeArgs): Promise<AssetRecord> => invoke("call", { command: "set_asset_service_type", args }),
  /** The SNOMED CT code map: the practice's own codes, then the shipped ones. */
  gp_code_map: (args: GpCodeMapArgs): Promise<GpCodeMapView> => invoke("call", { command: "gp_code_map", args }),
  /** Adds or replaces the practice's code for one event (a concept id passing the Verhoeff check). */
  set_gp_local_code: (args: LocalCodeArgs): Promise<GpCodeMapView> => invoke("call", { command: "set_gp_local_code", args }),
  remove_gp_local_code: (args: RemoveLocalCodeArgs): Promise<GpCodeMapView> => invoke("call", { command: "remove_gp_local_code", args }),
  /** The events the practice's referrers code themselves (their lines leave the to-code list). */
  set_gp_referrer_codes: (args: ReferrerCodesArgs): Promise<GpCodeMapView> => invoke("call", { command: "set_gp_referrer_codes", args }),
  /** An episode's lines for the GP record, newest first; codes only without consent to share. */
  gp_summary: (args: GpSummaryArgs): Promise<GpSummary> => invoke("call", { command: "gp_summary", args }),
  /** Every coded line not yet entered in the GP record, and corrections the GP record needs. */
  gp_checklist: (): Promise<GpChecklist> => invoke("call", { command: "gp_checklist", args: {} }),
  gp_mark_entered: (args: GpLinesArgs): Promise<GpChecklist> => invoke("call", { command: "gp_mark_entered", args }),
  /** Undo for marking: the lines are due again (not for a line whose correction was recorded). */
  gp_unmark_entered: (args: GpLinesArgs): Promise<GpChecklist> => invoke("call", { command: "gp_unmark_entered", args }),
  gp_mark_corrected: (args: GpLinesArgs): Promise<GpChecklist> => invoke("call", { command: "gp_mark_corrected", args }),
  /** Going live: marks every line dated before a day as already entered. */
  gp_mark_entered_before: (args: GpBeforeArgs): Promise<GpChecklist> => invoke("call", { command: "gp_mark_entered_before", args }),
  /** The letter to the GP practice or to the referrer about an episode, holding only what the consent for that purpose covers. */
  gp_letter: (args: GpLetterArgs): Promise<GpLetter> => invoke("call", { command: "gp_letter", args }),
  /** The episode as a FHIR R4 Bundle (UK Core), as JSON text. */
  gp_fhir: (args: GpSummaryArgs): Promise<GpFhirView> => invoke("call", { command: "gp_fhir", args }),
  /** Saves the letter or the FHIR Bundle to a file the person chose. Never inside the data folder; an existing file is replaced only with `overwrite`. */
  save_gp_file: (args: SaveGpFileArgs): Promise<SavedFile> => invoke("call", { command: "save_gp_file", args }),
  /** Starts importing (or, with `dry_run`, previewing) an ORUK feed or the Linkwork CSV template as a job: all or nothing. Watch it with `job_status`. */
  import_assets: (args: ImportArgs): Promise<JobStarted> => invoke("call", { command: "import_assets", args }),
  /** Starts writing the directory to a file as a job. Never inside the data folder; an existing file is replaced only with `overwrite`. */
  export_assets: (args: ExportArgs): Promise<JobStarted> => invoke("call", { command: "export_assets", args }),
  /** Saves the Linkwork CSV template (headings and one example row) for a team without a feed. */
  save_asset_template: (args: TemplateArgs): Promise<ExportView> => invoke("call", { command: "save_asset_template", args }),
  /** The whole directory as text (audited as an export); for the command line and scripts. */
  directory_text: (args: DirectoryTextArgs): Promise<string> => invoke("call", { command: "directory_text", args }),
  /** The Linkwork CSV template as text (no vault needed). */
  asset_template_text: (): Promise<string> => invoke("call", { command: "asset_template_text", args: {} }),
  /** Refers or signposts the person on to an asset. */
  add_onward: (args: OnwardForm): Promise<PersonRecord> => invoke("call", { command: "add_onward", args }),
  record_onward_outcome: (args: OnwardOutcomeForm): Promise<PersonRecord> => invoke("call", { command: "record_onward_outcome", args }),
  /** The monthly supervisor report for a month (default: last month) or a range of dates, as tables (small numbers suppressed unless turned off in Settings). */
  report_preview: (args: ReportPeriod): Promise<ReportPreview> => invoke("call", { command: "report_preview", args }),
  /** Starts writing the report (HTML, CSV, XLSX and the figures file, zipped) encrypted with age to the supervisor's keys or a one-off passphrase, as a job; optionally an unencrypted copy. */
  export_report: (args: ExportReportArgs): Promise<JobStarted> => invoke("call", { command: "export_report", args }),
  /** The report's usual file name for a period. */
  report_file_name: (args: ReportPeriod): Promise<string> => invoke("call", { command: "report_file_name", args }),
  /** For supervisors (no vault): a key for link workers to encrypt their reports to. */
  supervisor_keygen: (args: SupervisorKeygenArgs): Promise<SupervisorKey> => invoke("call", { command: "supervisor_keygen", args }),
  /** Whether a supervisor's identity file needs its passphrase. */
  supervisor_identity: (args: SupervisorIdentityArgs): Promise<SupervisorIdentityView> => invoke("call", { command: "supervisor_identity", args }),
  /** The team report from link workers' report packs, each one's signature checked. */
  supervisor_merge: (args: SupervisorMergeArgs): Promise<Merged> => invoke("call", { command: "supervisor_merge", args }),
  /** Fills a new, empty vault with deterministic fake people (test-range NHS numbers) for training, screenshots and benchmarks; refuses a vault with anything in it. */
  demo_fill: (args: DemoArgs): Promise<DemoFilled> => invoke("call", { command: "demo_fill", args }),
  report_settings: (): Promise<ReportSettingsView> => invoke("call", { command: "report_settings", args: {} }),
  /** The supervisor's public keys (`age1…`, each checked) and small-number suppression. */
  update_report_settings: (args: ReportSettingsForm): Promise<ReportSettingsView> => invoke("call", { command: "update_report_settings", args }),
  /** What importing a practice search's CSV would do: each row matched to people already known and to other lists, or every problem by line and column. */
  outreach_preview: (args: OutreachFileArgs): Promise<OutreachPreview> => invoke("call", { command: "outreach_preview", args }),
  /** Imports a practice search's list whole (nothing when any row has a problem). */
  import_outreach: (args: OutreachImportArgs): Promise<OutreachListView> => invoke("call", { command: "import_outreach", args }),
  /** Every outreach list, open ones first. */
  outreach_lists: (): Promise<Array<OutreachListSummary>> => invoke("call", { command: "outreach_lists", args: {} }),
  /** One list, in the order to call. */
  outreach_list: (args: OutreachListArgs): Promise<OutreachListView> => invoke("call", { command: "outreach_list", args }),
  /** Logs a call to someone on a list (no answer, a message, reached) or their decision. */
  log_outreach: (args: OutreachLogArgs): Promise<OutreachListView> => invoke("call", { command: "log_outreach", args }),
  /** They accepted: makes their referral (source "proactive search"). */
  accept_outreach: (args: OutreachEntryArgs): Promise<OutreachAccepted> => invoke("call", { command: "accept_outreach", args }),
  /** Closes a list, or reopens it. */
  close_outreach_list: (args: OutreachCloseArgs): Promise<OutreachListView> => invoke("call", { command: "close_outreach_list", args }),
  /** Every group activity, open ones first: who is booked, the next session, registers due. */
  groups: (): Promise<Array<GroupSummary>> => invoke("call", { command: "groups", args: {} }),
  /** One group: who is booked and its sessions. */
  group: (args: GroupArgs): Promise<GroupView> => invoke("call", { command: "group", args }),
  /** Makes a group, or changes, closes or reopens one. */
  save_group: (args: GroupForm): Promise<GroupView> => invoke("call", { command: "save_group", args }),
  /** Books someone on a group from today. */
  join_group: (args: GroupMemberArgs): Promise<GroupView> => invoke("call", { command: "join_group", args }),
  /** Ends someone's booking on a group from today (the registers saved keep them). */
  leave_group: (args: GroupMemberArgs): Promise<GroupView> => invoke("call", { command: "leave_group", args }),
  /** Adds a session to a group. */
  add_group_session: (args: GroupSessionForm): Promise<GroupSessionView> => invoke("call", { command: "add_group_session", args }),
  /** A session and its register. */
  group_session: (args: GroupSessionArgs): Promise<GroupSessionView> => invoke("call", { command: "group_session", args }),
  /** Saves a session's register: one group contact for each person on it (came, did not come, sent apologies); a changed row marks its old contact entered in error. */
  save_register: (args: RegisterForm): Promise<RegisterSavedView> => invoke("call", { command: "save_register", args }),
  /** The groups a person is or was booked on. */
  person_groups: (args: PersonArgs): Promise<Array<PersonGroup>> => invoke("call", { command: "person_groups", args }),
  /** A person's case studies, each checked again against their record as it is now. */
  case_studies: (args: PersonArgs): Promise<Array<CaseStudyView>> => invoke("call", { command: "case_studies", args }),
  /** A first draft from the record (weeks, never dates; kinds of service, never names); only with the person's consent to a case study. */
  case_study_draft: (args: CaseStudyDraftArgs): Promise<CaseStudyDraft> => invoke("call", { command: "case_study_draft", args }),
  /** What in a text identifies the person (or might), and the text with that taken out. */
  check_case_study: (args: CaseStudyCheckArgs): Promise<CaseStudyChecked> => invoke("call", { command: "check_case_study", args }),
  /** Saves a case study: refused without consent, or while it holds anything identifying. */
  save_case_study: (args: CaseStudyForm): Promise<Array<CaseStudyView>> => invoke("call", { command: "save_case_study", args }),
  delete_case_study: (args: CaseStudyArgs): Promise<Array<CaseStudyView>> => invoke("call", { command: "delete_case_study", args }),
  /** How far a job has got, and its result once done. Answers at once, even while it runs. */
  job_status: (args: JobArgs): Promise<JobView> => invoke("call", { command: "job_status", args }),
  /** Stops a job; nothing it did is kept. */
  cancel_job: (args: JobArgs): Promise<JobView> => invoke("call", { command: "cancel_job", args }),
} as const;
