//! Case studies: a draft from the record, the identifier check as the link worker types, saving
//! (refused without consent, or while anything identifies the person), and choosing for the report.

use super::Result;
use crate::{session::Session, types::*};
use linkwork_core::{
    case_study::{check, draft, strip, CaseStudyView, Sentinels},
    caseload::required_text,
    vocab::{ConsentPurpose, ConsentToShare, EpisodeStatus},
    AllValid, ValidationError,
};
use linkwork_store::{case_studies, person_record::person_record};

pub fn case_studies(s: &Session, a: PersonArgs) -> Result<Vec<CaseStudyView>> {
    let today = s.today();
    s.with_vault(|v| Ok(case_studies::for_person(v.read(), &a.person_id, today)?))
}

pub fn case_study_draft(s: &Session, a: CaseStudyDraftArgs) -> Result<CaseStudyDraft> {
    let today = s.today();
    s.with_vault(|v| {
        let rec = person_record(v.read(), &a.person_id, today)?;
        if rec.consent_for(ConsentPurpose::CaseStudy) != ConsentToShare::Yes {
            return Err(ValidationError::new(
                "body",
                format!(
                    "{} has not agreed to a case study: record their consent (Details, consent) first.",
                    rec.person.given_name
                ),
            )
            .into());
        }
        let e = match &a.episode_id {
            Some(id) => rec.episodes.iter().find(|e| e.id == *id),
            None => rec
                .episodes
                .iter()
                .find(|e| e.status != EpisodeStatus::Closed)
                .or(rec.episodes.first()),
        }
        .ok_or_else(|| ValidationError::new("episode_id", "There is no referral to write about yet."))?;
        let body = draft(e);
        let s = Sentinels::of(&rec);
        Ok(CaseStudyDraft {
            episode_id: Some(e.id.clone()),
            title: "A story of support".into(),
            findings: check(&body, &s),
            body,
        })
    })
}

pub fn check_case_study(s: &Session, a: CaseStudyCheckArgs) -> Result<CaseStudyChecked> {
    let today = s.today();
    s.with_vault(|v| {
        let rec = person_record(v.read(), &a.person_id, today)?;
        let sentinels = Sentinels::of(&rec);
        Ok(CaseStudyChecked {
            findings: check(&a.text, &sentinels),
            stripped: strip(&a.text, &sentinels),
        })
    })
}

pub fn save_case_study(s: &Session, f: CaseStudyForm) -> Result<Vec<CaseStudyView>> {
    let (title, body) = (
        required_text("title", "case study's title", f.title.as_deref()),
        required_text("body", "case study", f.body.as_deref()),
    )
        .all_valid()?;
    let today = s.today();
    let input = case_studies::CaseStudyInput {
        id: f.case_study_id,
        person: f.person_id.clone(),
        episode: f.episode_id,
        title,
        body,
        in_report: f.in_report,
    };
    s.with_vault(|v| {
        v.write(|tx| case_studies::save(tx, &input, today))?;
        Ok(case_studies::for_person(v.read(), &f.person_id, today)?)
    })
}

pub fn delete_case_study(s: &Session, a: CaseStudyArgs) -> Result<Vec<CaseStudyView>> {
    let today = s.today();
    s.with_vault(|v| {
        v.write(|tx| case_studies::delete(tx, &a.case_study_id))?;
        Ok(case_studies::for_person(v.read(), &a.person_id, today)?)
    })
}
