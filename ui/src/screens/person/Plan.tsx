import { useState } from "react";
import { OnDemand } from "../../components/OnDemand";
import { api, type EpisodeView, type GoalStatus, type NeedCategory } from "../../generated/api";
import { ErrorSummary, TextField, SaveOrCancel } from "../../components/Form";
import { Checkboxes, Select, TextArea } from "../../components/Inputs";
import { isoToGB } from "../../lib/format";
import { useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Act, Update } from "./update";

const IMPORTANCE = [...Array(10)].map((_, i) => ({ value: String(i + 1), label: String(i + 1) }));

function WhatMatters({ episode, update, open }: { episode: EpisodeView; update: Update; open: boolean }) {
  const lists = useLists();
  const [what, setWhat] = useState(episode.what_matters ?? "");
  const [needs, setNeeds] = useState<NeedCategory[]>(episode.plan_needs);
  const [review, setReview] = useState(isoToGB(episode.next_review_on));
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, submit } = useForm(["next_review_on", "needs"]);
  return (
    <form
      id="plan-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        void submit(() => update(api.update_plan({ episode_id: episode.id, what_matters: what, needs, next_review_on: review }))).then(
          (r) => r && setSaved("Plan saved."),
        );
      }}
    >
      <ErrorSummary errors={errors} />
      <TextArea id="what_matters" label="What matters to me" hint="In the person's own words." value={what} onChange={setWhat} />
      <Checkboxes id="needs" legend="Needs and concerns agreed" choices={lists.needs} values={needs} onChange={setNeeds} error={errors.fields.needs} />
      <TextField
        id="next_review_on"
        label="Next review"
        hint="For example, 05/01/2027."
        inputClass="nhsuk-input--width-10"
        value={review}
        onChange={setReview}
        error={errors.fields.next_review_on}
      />
      {open && (
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Save plan
        </button>
      )}
      <p className="app-saved" role="status">
        {saved}
      </p>
    </form>
  );
}

function Goals({ episode, update, act, open }: { episode: EpisodeView; update: Update; act: Act; open: boolean }) {
  const lists = useLists();
  const [goal, setGoal] = useState({ text: "", importance: "5" });
  const { errors, submit } = useForm(["goal_text", "importance"]);
  return (
    <>
      <h3>Goals</h3>
      {episode.goals.length === 0 && <p>No goals yet.</p>}
      <ul className="nhsuk-list app-goals" data-testid="goals">
        {episode.goals.map((g) => (
          <li key={g.id}>
            <strong>{g.text}</strong> <span className="app-muted">(importance {g.importance} of 10)</span>
            <label className="nhsuk-u-visually-hidden" htmlFor={`goal-${g.id}`}>
              Status of {g.text}
            </label>
            <select
              className="nhsuk-select app-inline-select"
              id={`goal-${g.id}`}
              value={g.status}
              disabled={!open}
              onChange={(e) =>
                act(api.save_goal({ goal_id: g.id, episode_id: null, text: g.text, importance: g.importance, status: e.target.value as GoalStatus }))
              }
            >
              {lists.goal_statuses.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      {open && (
        <OnDemand id="add-goal" label="Add a goal">
          {(done) => (
            <form
              id="goal-form"
              noValidate
              className="app-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void submit(() =>
                  update(api.save_goal({ episode_id: episode.id, goal_id: null, text: goal.text, importance: Number(goal.importance), status: "not_started" })),
                ).then((r) => {
                  if (!r) return;
                  setGoal({ text: "", importance: "5" });
                  done();
                });
              }}
            >
              <ErrorSummary errors={errors} />
              <TextField id="goal_text" label="New goal" value={goal.text} onChange={(v) => setGoal({ ...goal, text: v })} error={errors.fields.goal_text} />
              <Select
                id="importance"
                label="How important (1 to 10)"
                choices={IMPORTANCE}
                value={goal.importance}
                onChange={(v) => setGoal({ ...goal, importance: v })}
                error={errors.fields.importance}
              />
              <SaveOrCancel label="Add goal" onCancel={() => done()} />
            </form>
          )}
        </OnDemand>
      )}
    </>
  );
}

function Actions({ episode, update, act, open }: { episode: EpisodeView; update: Update; act: Act; open: boolean }) {
  const [action, setAction] = useState({ who: "", what: "", due_on: "" });
  const { errors, submit } = useForm(["action_who", "action_what", "action_due_on"]);
  return (
    <>
      <h3>Actions</h3>
      {episode.actions.length === 0 && <p>No actions yet.</p>}
      <ul className="nhsuk-list" data-testid="actions">
        {episode.actions.map((a) => (
          <li key={a.id} className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              type="checkbox"
              id={`action-${a.id}`}
              checked={a.done_on !== null}
              onChange={(e) => act(api.set_action_done({ action_id: a.id, done: e.target.checked }))}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`action-${a.id}`}>
              {a.who}: {a.what}
              {a.due_on ? ` (by ${isoToGB(a.due_on)})` : ""}
              {a.done_on ? ` – done ${isoToGB(a.done_on)}` : ""}
            </label>
          </li>
        ))}
      </ul>
      {open && (
        <OnDemand id="add-action" label="Add an action">
          {(done) => (
            <form
              id="action-form"
              noValidate
              className="app-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void submit(() => update(api.add_action({ episode_id: episode.id, ...action }))).then((r) => {
                  if (!r) return;
                  setAction({ who: "", what: "", due_on: "" });
                  done();
                });
              }}
            >
              <ErrorSummary errors={errors} />
              <TextField
                id="action_who"
                label="Who"
                inputClass="nhsuk-input--width-20"
                value={action.who}
                onChange={(v) => setAction({ ...action, who: v })}
                error={errors.fields.action_who}
              />
              <TextField
                id="action_what"
                label="What"
                value={action.what}
                onChange={(v) => setAction({ ...action, what: v })}
                error={errors.fields.action_what}
              />
              <TextField
                id="action_due_on"
                label="By when (optional)"
                hint="For example, 05/12/2026."
                inputClass="nhsuk-input--width-10"
                value={action.due_on}
                onChange={(v) => setAction({ ...action, due_on: v })}
                error={errors.fields.action_due_on}
              />
              <SaveOrCancel label="Add action" onCancel={() => done()} />
            </form>
          )}
        </OnDemand>
      )}
    </>
  );
}

/** What matters, agreed needs, next review, goals and actions of an episode. */
export function Plan({ episode, update, act }: { episode: EpisodeView; update: Update; act: Act }) {
  const open = episode.status !== "closed";
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">What matters and the plan</h2>
      <WhatMatters episode={episode} update={update} open={open} />
      <Goals episode={episode} update={update} act={act} open={open} />
      <Actions episode={episode} update={update} act={act} open={open} />
    </section>
  );
}
