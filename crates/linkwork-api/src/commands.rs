//! The command list. Adding a command = a handler in `handlers.rs` + one line here; the dispatcher
//! and the TypeScript client follow from this list, so they cannot drift from it.

use crate::{error::ApiError, handlers, session::Session, types::*};
use linkwork_core::ErrorCode;

macro_rules! commands {
    ($( $(#[doc = $doc:literal])* $name:ident ( $args:ty ) -> $out:ty; )*) => {
        /// Every command name, in declaration order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs one command from its name and JSON arguments (what the desktop shell receives).
        pub fn dispatch(session: &Session, command: &str, args: serde_json::Value) -> Result<serde_json::Value, ApiError> {
            refuse_oversized(command, &args)?;
            match command {
                $(stringify!($name) => {
                    let args: $args = crate::chosen::resolving(session.file_handles(), || serde_path_to_error::deserialize(args))
                        .map_err(|e| ApiError::bad_request(command, e))?;
                    let out: $out = handlers::$name(session, args)?;
                    Ok(serde_json::to_value(out).expect("command results always serialise"))
                })*
                other => Err(ApiError::new(ErrorCode::UnknownCommand, format!("Linkwork has no command called `{other}`."))),
            }
        }

        /// The command list as typed Rust calls, for everything outside this crate (the command
        /// line, the benchmark, tests): each runs the same handler `dispatch` runs for the window,
        /// so a renamed argument fails to compile, and no other way into the core exists.
        #[derive(Clone, Copy)]
        pub struct Client<'s>(&'s Session);

        impl<'s> Client<'s> {
            pub fn new(session: &'s Session) -> Self {
                Self(session)
            }
            $(
                $(#[doc = $doc])*
                pub fn $name(self, args: $args) -> Result<$out, ApiError> {
                    handlers::$name(self.0, args)
                }
            )*
        }

        pub(crate) fn visit_types(v: &mut impl ts_rs::TypeVisitor) {
            // A `Vec<T>` result names `T` only as a generic argument.
            $( v.visit::<$args>(); v.visit::<$out>(); <$out as ts_rs::TS>::visit_generics(v); )*
        }

        /// (name, args type, result type, doc) for the TypeScript client.
        pub(crate) fn signatures() -> Vec<(&'static str, String, String, &'static str)> {
            vec![$( (stringify!($name), <$args as ts_rs::TS>::name(), <$out as ts_rs::TS>::name(), concat!($($doc),*)) ),*]
        }
    };
}

/// The longest text one field may carry (a long contact note is a few tens of KB).
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Refuses a request with any text longer than [`MAX_TEXT_BYTES`] before it is read into a typed
/// argument, naming the field and never quoting it.
fn refuse_oversized(command: &str, args: &serde_json::Value) -> Result<(), ApiError> {
    fn walk(v: &serde_json::Value, path: &mut Vec<String>) -> Option<String> {
        match v {
            serde_json::Value::String(s) if s.len() > MAX_TEXT_BYTES => Some(path.join(".")),
            serde_json::Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| {
                path.push(i.to_string());
                let found = walk(x, path);
                path.pop();
                found
            }),
            serde_json::Value::Object(o) => o.iter().find_map(|(k, x)| {
                path.push(k.clone());
                let found = walk(x, path);
                path.pop();
                found
            }),
            _ => None,
        }
    }
    match walk(args, &mut Vec::new()) {
        None => Ok(()),
        Some(path) => Err(ApiError {
            code: ErrorCode::BadRequest,
            message: format!(
                "The `{command}` request has more text in {path} than Linkwork takes in one field ({} KB). Shorten it, or split it into several notes.",
                MAX_TEXT_BYTES / 1024
            ),
            field: path.split('.').next().map(str::to_owned),
            problems: Vec::new(),
            related_person_id: None,
        }),
    }
}

commands! {
    /// Is there a vault, and is it locked? Needs no passphrase.
    status(NoArgs) -> AppStatus;
    /// Version, where the vault's files are, and the third-party components and their licences.
    about(NoArgs) -> AboutView;
    /// First launch: make the vault.
    create_vault(CreateVaultArgs) -> AppStatus;
    unlock(UnlockArgs) -> AppStatus;
    /// Forgotten passphrase: open with the recovery key and set a new passphrase.
    recover(RecoverArgs) -> AppStatus;
    lock(NoArgs) -> AppStatus;
    /// The person is active (keeps the idle lock away).
    touch(NoArgs) -> ();
    get_settings(NoArgs) -> SettingsView;
    update_settings(UpdateSettingsArgs) -> SettingsView;
    /// Ctrl+= / Ctrl+- / Ctrl+0: a step larger, smaller, or back to 100%; remembered.
    zoom(ZoomArgs) -> SettingsView;
    /// Passphrase and recovery key changes give the database a fresh key (re-encrypting it),
    /// so old key files and secrets open nothing current.
    change_passphrase(ChangePassphraseArgs) -> ();
    set_recovery(SetRecoveryArgs) -> SettingsView;
    remove_recovery(RemoveRecoveryArgs) -> SettingsView;
    check_integrity(NoArgs) -> IntegrityView;
    /// The audit trail's hash chain, checked row by row.
    verify_audit(NoArgs) -> AuditVerified;
    /// The audit trail beside a backup's record of where it ended: rows deleted since show.
    compare_audit_with_backup(BackupFileArgs) -> AuditCompared;
    /// Fifty rows of the audit trail, newest first (`before` pages back).
    audit_page(AuditPageArgs) -> AuditPage;
    /// Everything held about one person (HTML + JSON in a zip), encrypted with a passphrase or,
    /// after a warning, not.
    subject_access(SubjectAccessArgs) -> SubjectAccessMade;
    /// Removes every record about a person (confirmed by typing their name); audited without content.
    erase_person(ErasePersonArgs) -> RecordsRemoved;
    /// Closed episodes past the retention period (default 8 years after closing).
    retention(NoArgs) -> RetentionView;
    set_retention(SetRetentionArgs) -> RetentionView;
    /// Removes the confirmed episodes still past the period, and anyone left with none.
    purge_retention(PurgeArgs) -> RecordsRemoved;
    /// The backup folder, how many to keep, the reminder and backing up on lock.
    backup_settings(NoArgs) -> BackupSettingsView;
    update_backup_settings(BackupSettingsForm) -> BackupSettingsView;
    /// Starts a backup (a job): to the file given, or into the backup folder.
    backup(BackupArgs) -> JobStarted;
    /// Opens and checks a backup without touching the vault.
    verify_backup(BackupFileArgs) -> BackupVerified;
    /// First run or a new laptop: restore a backup into the data folder, then open it.
    restore_backup(RestoreArgs) -> RestoreDone;
    /// This vault's public key, for colleagues handing people over.
    handover_key(NoArgs) -> HandoverKey;
    /// Seals people's records for a colleague's handover key, into one age file.
    /// Every problem with a handover but its file, at once, before the save dialog opens.
    check_handover(HandoverCheckArgs) -> ();
    export_handover(HandoverExportArgs) -> HandoverExported;
    /// What importing a handover would do (nothing is written).
    preview_handover(HandoverFileArgs) -> HandoverView;
    /// Imports a handover, all or nothing, once its signer's key is accepted (`accept_signer`
    /// accepts it, with the fingerprint compared by phone).
    import_handover(HandoverFileArgs) -> HandoverView;
    /// Colleagues whose handovers this vault accepts, by their signing key.
    colleague_keys(NoArgs) -> ColleagueKeys;
    /// Stops accepting handovers signed with this key.
    forget_colleague_key(ForgetColleagueArgs) -> ColleagueKeys;
    /// After a handover: close those people's open episodes as "handed over".
    close_handed_over(CloseHandedOverArgs) -> HandedOverClosed;
    /// Every fixed list (methods, needs, tags, outcomes…) with its labels.
    reference_lists(NoArgs) -> ReferenceLists;
    /// Open episodes with counters; search by name or NHS number, filter, sort.
    caseload(CaseloadArgs) -> CaseloadView;
    /// Only the rows, for each keystroke and filter change: the counters and reminders do not
    /// depend on them, so the page loads those once.
    caseload_rows(CaseloadArgs) -> Vec<linkwork_core::caseload::CaseloadRow>;
    /// People by name or NHS number (any spacing); everyone when the search is blank.
    list_people(PeopleArgs) -> Vec<linkwork_core::caseload::PersonSummary>;
    /// Before saving a referral: known NHS number, or likely duplicates by name and date of birth.
    intake_check(IntakeCheckArgs) -> IntakeCheck;
    add_referral(ReferralForm) -> ReferralAddedView;
    person(PersonArgs) -> linkwork_core::caseload::PersonRecord;
    update_person(UpdatePersonArgs) -> linkwork_core::caseload::PersonRecord;
    /// Who the service reaches: sex, ethnic group, first language and interpreter, disability,
    /// the practice's deprivation decile; all optional, replaced whole.
    update_person_profile(PersonProfileForm) -> linkwork_core::caseload::PersonRecord;
    /// Records that the person cares for someone, or is cared for by someone (on the caseload,
    /// or a name only).
    add_carer_link(CarerLinkForm) -> linkwork_core::caseload::PersonRecord;
    /// The caring has ended (today).
    end_carer_link(CarerLinkArgs) -> linkwork_core::caseload::PersonRecord;
    /// A carer named only has been referred in their own right: the link points at their record.
    link_carer_record(CarerLinkArgs) -> linkwork_core::caseload::PersonRecord;
    /// A consent decision for one purpose (each purpose has its own history).
    record_consent(ConsentForm) -> linkwork_core::caseload::PersonRecord;
    /// When the person died: their open episode and concerns close (or, with `remove`, takes a
    /// date recorded by mistake back).
    record_death(DeathForm) -> linkwork_core::caseload::PersonRecord;
    /// Every open concern, anyone's (closed episodes included), reviews overdue first.
    open_concerns(NoArgs) -> Vec<linkwork_core::caseload::OpenConcern>;
    /// Two records of one person become `keep_id`: episodes, contacts, outcomes, plans, risks and
    /// consent move across; refused while either has an unsaved contact note.
    merge_people(MergeArgs) -> linkwork_core::caseload::PersonRecord;
    add_contact(ContactForm) -> linkwork_core::caseload::PersonRecord;
    /// Saves the contact being written; called every few seconds and on blur.
    /// What a new contact form starts with (the last contact's length).
    contact_defaults(PersonArgs) -> ContactDefaults;
    save_draft(SaveDraftArgs) -> ();
    discard_draft(EpisodeArgs) -> linkwork_core::caseload::PersonRecord;
    update_plan(PlanForm) -> linkwork_core::caseload::PersonRecord;
    update_offer(OfferForm) -> linkwork_core::caseload::PersonRecord;
    /// The answer to the offer on its own (asked after a contact when none is recorded).
    record_answer(AnswerForm) -> linkwork_core::caseload::PersonRecord;
    /// Adds a goal (with `episode_id`) or changes one (with `goal_id`).
    save_goal(GoalForm) -> linkwork_core::caseload::PersonRecord;
    add_action(ActionForm) -> linkwork_core::caseload::PersonRecord;
    set_action_done(ActionDoneArgs) -> linkwork_core::caseload::PersonRecord;
    /// Raises a new concern in the risk log; the flag is on while any concern is open.
    raise_concern(ConcernForm) -> linkwork_core::caseload::PersonRecord;
    update_concern(ConcernEntryForm) -> linkwork_core::caseload::PersonRecord;
    /// Closes one concern; the person's other concerns stay open.
    close_concern(ConcernEntryForm) -> linkwork_core::caseload::PersonRecord;
    /// Marks a contact, outcome record, onward referral or risk entry entered in error: kept, struck
    /// through, and left out of every figure.
    mark_entered_in_error(EnteredInErrorForm) -> linkwork_core::caseload::PersonRecord;
    close_episode(CloseForm) -> linkwork_core::caseload::PersonRecord;
    add_ons4(Ons4Form) -> linkwork_core::caseload::PersonRecord;
    add_pam(PamForm) -> linkwork_core::caseload::PersonRecord;
    /// Change from first to last record in a period, across the caseload.
    outcome_summary(OutcomeSummaryArgs) -> linkwork_core::outcomes::OutcomeSummary;
    update_outcome_settings(OutcomeSettingsForm) -> SettingsView;
    /// The caseload's practice rules: the urgent first-contact target, when someone is "not reached".
    update_caseload_rules(CaseloadRulesForm) -> SettingsView;
    /// The GP practices the link worker serves, each with how many records name it.
    practices(NoArgs) -> Vec<linkwork_core::practices::Practice>;
    /// Adds a practice (without `practice_id`) or changes one: name, ODS code, GP system.
    save_practice(PracticeForm) -> linkwork_core::practices::Practice;
    /// The asset directory: full-text search as you type, with filters.
    search_assets(AssetSearchArgs) -> AssetSearchView;
    asset(AssetArgs) -> linkwork_core::assets::AssetRecord;
    /// Adds an asset (without `asset_id`) or saves changes to one.
    save_asset(AssetForm) -> linkwork_core::assets::AssetRecord;
    set_asset_favourite(AssetFavouriteArgs) -> linkwork_core::assets::AssetRecord;
    /// The details were checked with the provider today.
    verify_asset(AssetArgs) -> linkwork_core::assets::AssetRecord;
    set_asset_notes(AssetNotesArgs) -> linkwork_core::assets::AssetRecord;
    /// The asset's finer service type (local): it picks an onward referral's SNOMED code.
    set_asset_service_type(AssetServiceTypeArgs) -> linkwork_core::assets::AssetRecord;
    /// The SNOMED CT code map: the practice's own codes, then the shipped ones.
    gp_code_map(GpCodeMapArgs) -> GpCodeMapView;
    /// Adds or replaces the practice's code for one event (a concept id passing the Verhoeff check).
    set_gp_local_code(LocalCodeArgs) -> GpCodeMapView;
    remove_gp_local_code(RemoveLocalCodeArgs) -> GpCodeMapView;
    /// The events the practice's referrers code themselves (their lines leave the to-code list).
    set_gp_referrer_codes(ReferrerCodesArgs) -> GpCodeMapView;
    /// An episode's lines for the GP record, newest first; codes only without consent to share.
    gp_summary(GpSummaryArgs) -> linkwork_core::coding::GpSummary;
    /// Every coded line not yet entered in the GP record, and corrections the GP record needs.
    gp_checklist(NoArgs) -> linkwork_core::coding::GpChecklist;
    gp_mark_entered(GpLinesArgs) -> linkwork_core::coding::GpChecklist;
    /// Undo for marking: the lines are due again (not for a line whose correction was recorded).
    gp_unmark_entered(GpLinesArgs) -> linkwork_core::coding::GpChecklist;
    gp_mark_corrected(GpLinesArgs) -> linkwork_core::coding::GpChecklist;
    /// Going live: marks every line dated before a day as already entered.
    gp_mark_entered_before(GpBeforeArgs) -> linkwork_core::coding::GpChecklist;
    /// The letter to the GP practice or to the referrer about an episode, holding only what the
    /// consent for that purpose covers.
    gp_letter(GpLetterArgs) -> linkwork_core::coding::GpLetter;
    /// The episode as a FHIR R4 Bundle (UK Core), as JSON text.
    gp_fhir(GpSummaryArgs) -> GpFhirView;
    /// Saves the letter or the FHIR Bundle to a file the person chose. Never inside the data
    /// folder; an existing file is replaced only with `overwrite`.
    save_gp_file(SaveGpFileArgs) -> SavedFile;
    /// Starts importing (or, with `dry_run`, previewing) an ORUK feed or the Linkwork CSV template
    /// as a job: all or nothing. Watch it with `job_status`.
    import_assets(ImportArgs) -> JobStarted;
    /// Starts writing the directory to a file as a job. Never inside the data folder; an existing
    /// file is replaced only with `overwrite`.
    export_assets(ExportArgs) -> JobStarted;
    /// Saves the Linkwork CSV template (headings and one example row) for a team without a feed.
    save_asset_template(TemplateArgs) -> ExportView;
    /// The whole directory as text (audited as an export); for the command line and scripts.
    directory_text(DirectoryTextArgs) -> String;
    /// The Linkwork CSV template as text (no vault needed).
    asset_template_text(NoArgs) -> String;
    /// Refers or signposts the person on to an asset.
    add_onward(OnwardForm) -> linkwork_core::caseload::PersonRecord;
    record_onward_outcome(OnwardOutcomeForm) -> linkwork_core::caseload::PersonRecord;
    /// The monthly supervisor report for a month (default: last month) or a range of dates, as
    /// tables (small numbers suppressed unless turned off in Settings).
    report_preview(ReportPeriod) -> ReportPreview;
    /// Starts writing the report (HTML, CSV, XLSX and the figures file, zipped) encrypted with age
    /// to the supervisor's keys or a one-off passphrase, as a job; optionally an unencrypted copy.
    export_report(ExportReportArgs) -> JobStarted;
    /// The report's usual file name for a period.
    report_file_name(ReportPeriod) -> String;
    /// For supervisors (no vault): a key for link workers to encrypt their reports to.
    supervisor_keygen(SupervisorKeygenArgs) -> SupervisorKey;
    /// Whether a supervisor's identity file needs its passphrase.
    supervisor_identity(SupervisorIdentityArgs) -> SupervisorIdentityView;
    /// The team report from link workers' report packs, each one's signature checked.
    supervisor_merge(SupervisorMergeArgs) -> Merged;
    /// Fills a new, empty vault with deterministic fake people (test-range NHS numbers) for
    /// training, screenshots and benchmarks; refuses a vault with anything in it.
    demo_fill(DemoArgs) -> DemoFilled;
    report_settings(NoArgs) -> ReportSettingsView;
    /// The supervisor's public keys (`age1…`, each checked) and small-number suppression.
    update_report_settings(ReportSettingsForm) -> ReportSettingsView;
    /// What importing a practice search's CSV would do: each row matched to people already known
    /// and to other lists, or every problem by line and column.
    outreach_preview(OutreachFileArgs) -> linkwork_core::outreach::OutreachPreview;
    /// Imports a practice search's list whole (nothing when any row has a problem).
    import_outreach(OutreachImportArgs) -> linkwork_core::outreach::OutreachListView;
    /// Every outreach list, open ones first.
    outreach_lists(NoArgs) -> Vec<linkwork_core::outreach::OutreachListSummary>;
    /// One list, in the order to call.
    outreach_list(OutreachListArgs) -> linkwork_core::outreach::OutreachListView;
    /// Logs a call to someone on a list (no answer, a message, reached) or their decision.
    log_outreach(OutreachLogArgs) -> linkwork_core::outreach::OutreachListView;
    /// They accepted: makes their referral (source "proactive search").
    accept_outreach(OutreachEntryArgs) -> OutreachAccepted;
    /// Closes a list, or reopens it.
    close_outreach_list(OutreachCloseArgs) -> linkwork_core::outreach::OutreachListView;
    /// Every group activity, open ones first: who is booked, the next session, registers due.
    groups(NoArgs) -> Vec<linkwork_core::groups::GroupSummary>;
    /// One group: who is booked and its sessions.
    group(GroupArgs) -> linkwork_core::groups::GroupView;
    /// Makes a group, or changes, closes or reopens one.
    save_group(GroupForm) -> linkwork_core::groups::GroupView;
    /// Books someone on a group from today.
    join_group(GroupMemberArgs) -> linkwork_core::groups::GroupView;
    /// Ends someone's booking on a group from today (the registers saved keep them).
    leave_group(GroupMemberArgs) -> linkwork_core::groups::GroupView;
    /// Adds a session to a group.
    add_group_session(GroupSessionForm) -> linkwork_core::groups::GroupSessionView;
    /// A session and its register.
    group_session(GroupSessionArgs) -> linkwork_core::groups::GroupSessionView;
    /// Saves a session's register: one group contact for each person on it (came, did not come,
    /// sent apologies); a changed row marks its old contact entered in error.
    save_register(RegisterForm) -> RegisterSavedView;
    /// The groups a person is or was booked on.
    person_groups(PersonArgs) -> Vec<linkwork_core::groups::PersonGroup>;
    /// A person's case studies, each checked again against their record as it is now.
    case_studies(PersonArgs) -> Vec<linkwork_core::case_study::CaseStudyView>;
    /// A first draft from the record (weeks, never dates; kinds of service, never names); only
    /// with the person's consent to a case study.
    case_study_draft(CaseStudyDraftArgs) -> CaseStudyDraft;
    /// What in a text identifies the person (or might), and the text with that taken out.
    check_case_study(CaseStudyCheckArgs) -> CaseStudyChecked;
    /// Saves a case study: refused without consent, or while it holds anything identifying.
    save_case_study(CaseStudyForm) -> Vec<linkwork_core::case_study::CaseStudyView>;
    delete_case_study(CaseStudyArgs) -> Vec<linkwork_core::case_study::CaseStudyView>;
    /// How far a job has got, and its result once done. Answers at once, even while it runs.
    job_status(JobArgs) -> JobView;
    /// Stops a job; nothing it did is kept.
    cancel_job(JobArgs) -> JobView;
}
