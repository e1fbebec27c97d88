import { useState, type FormEvent } from "react";
import { api, type AssetForm as AssetFormArgs, type AssetId, type AssetRecord } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Checkboxes, Select, TextArea } from "../../components/Inputs";
import { useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

const ASSET_FIELDS = [
  "name",
  "organisation",
  "description",
  "categories",
  "delivery",
  "days_and_times",
  "schedule_text",
  "cost",
  "cost_description",
  "min_age",
  "max_age",
  "eligibility",
  "postcode",
  "address",
  "phone",
  "email",
  "website",
  "status",
  "referral_route",
  "referral_how",
  "lga_service_type",
  "access_notes",
];

function blankForm(): AssetFormArgs {
  return {
    asset_id: null,
    name: "",
    organisation: "",
    description: "",
    categories: [],
    lga_service_type: "",
    phone: "",
    email: "",
    website: "",
    address: "",
    postcode: "",
    delivery: "in_person",
    schedule_text: "",
    days_and_times: "",
    cost: "free",
    cost_description: "",
    min_age: "",
    max_age: "",
    eligibility: "",
    wheelchair_access: false,
    hearing_loop: false,
    transport: false,
    access_notes: "",
    referral_route: null,
    referral_how: "",
    status: "active",
  };
}

/** A new asset, or an existing one's details; the form is drawn only from details that loaded. */
export function AssetEditor({ assetId, onSaved, onCancel }: { assetId: AssetId | null; onSaved: (id: AssetId) => void; onCancel: () => void }) {
  const loaded = useCommand(() => (assetId ? api.asset({ asset_id: assetId }).then(formOf) : Promise.resolve(blankForm())), [assetId]);
  if (!loaded.data)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent" data-screen="asset-editor" aria-busy={!loaded.error}>
        <h1>{assetId ? "Edit a group or service" : "Add a group or service"}</h1>
        <Loading loaded={loaded} what="the group or service" />
      </main>
    );
  return <AssetForm key={assetId ?? "new"} initial={loaded.data} onSaved={onSaved} onCancel={onCancel} />;
}

/** The form's fields from an asset as stored. */
function formOf(r: AssetRecord): AssetFormArgs {
  const a = r.asset;
  return {
    ...blankForm(),
    ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v ?? ""])),
    asset_id: r.id,
    categories: a.categories,
    min_age: a.min_age?.toString() ?? "",
    max_age: a.max_age?.toString() ?? "",
    days_and_times: r.days_and_times,
    delivery: a.delivery ?? "in_person",
    cost: a.cost ?? "unknown",
    status: a.status ?? "active",
    referral_route: a.referral_route,
  } as AssetFormArgs;
}

function AssetForm({ initial, onSaved, onCancel }: { initial: AssetFormArgs; onSaved: (id: AssetId) => void; onCancel: () => void }) {
  const lists = useLists();
  const [f, setF] = useState<AssetFormArgs>(initial);
  const { errors, submit } = useForm(ASSET_FIELDS);
  const set = (k: keyof AssetFormArgs) => (v: string) => setF({ ...f, [k]: v });
  const text = (k: keyof AssetFormArgs, label: string, hint?: string) => (
    <TextField id={k} label={label} hint={hint} value={(f[k] as string | null) ?? ""} onChange={set(k)} error={errors.fields[k]} />
  );
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await submit(() => api.save_asset(f!));
    if (r) onSaved(r.id);
  }
  const flags = [
    { value: "wheelchair_access", label: "Wheelchair accessible" },
    { value: "hearing_loop", label: "Hearing loop" },
    { value: "transport", label: "Transport can be arranged" },
  ];
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="asset-editor">
      <h1>{initial.asset_id ? `Edit ${initial.name}` : "Add a group or service"}</h1>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void save(e)} noValidate>
        {text("name", "Name")}
        {text("organisation", "Organisation that runs it")}
        <TextArea id="description" label="What it is" value={f.description ?? ""} onChange={set("description")} rows={3} />
        <Checkboxes
          id="categories"
          legend="Categories"
          choices={lists.needs}
          values={f.categories}
          onChange={(v) => setF({ ...f, categories: v })}
          error={errors.fields.categories}
        />
        <Select id="status" label="Status" choices={lists.asset_statuses} value={f.status ?? ""} onChange={set("status")} />
        <Select id="delivery" label="How it runs" choices={lists.deliveries} value={f.delivery ?? ""} onChange={set("delivery")} />
        {text("schedule_text", "When it runs, in words", "For example: every Tuesday in term time")}
        {text("days_and_times", "Days and times", "For example: Mon 10:00-12:00; Thu 18:30-20:00")}
        {text("address", "Address")}
        {text("postcode", "Postcode")}
        <Select id="cost" label="Cost" choices={lists.cost_kinds} value={f.cost ?? ""} onChange={set("cost")} />
        {text("cost_description", "Cost details", "For example: £3 a session, first one free")}
        {text("eligibility", "Who it is for")}
        {text("min_age", "Youngest age")}
        {text("max_age", "Oldest age")}
        <Checkboxes
          id="access"
          legend="Access"
          choices={flags}
          values={flags.map((x) => x.value).filter((k) => f[k as "transport"])}
          onChange={(v) =>
            setF({ ...f, wheelchair_access: v.includes("wheelchair_access"), hearing_loop: v.includes("hearing_loop"), transport: v.includes("transport") })
          }
        />
        {text("access_notes", "Access notes")}
        <Select
          id="referral_route"
          label="How people get there"
          choices={lists.referral_routes}
          value={f.referral_route ?? ""}
          onChange={set("referral_route")}
          blank="Not known"
        />
        {text("referral_how", "How to refer", "For example: email the coordinator with the person's consent")}
        {text("phone", "Phone")}
        {text("email", "Email")}
        {text("website", "Website")}
        {text("lga_service_type", "LGA service type (optional)", "The esd code, for example esdServiceType:836")}
        <div className="nhsuk-button-group">
          <button className="nhsuk-button" type="submit" id="save-asset">
            Save
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </main>
  );
}
