import { useEffect, useRef, useState } from "react";
import { api, type AssetHit, type AssetId, type AssetSearchArgs, type NeedCategory } from "../../generated/api";
import { Checkboxes, Select } from "../../components/Inputs";
import { labelOf, useLists } from "../../lib/lists";
import { Star, VerifiedTag } from "./Parts";
import { useAssetSearch } from "./search";
import { TableRegion } from "../../components/TableRegion";

const PAGE = 100;
const FRESH = { text: "", category: "" as NeedCategory | "", filters: ["active_only"], within: "", shown: PAGE };
/** The last search, so coming back from an asset finds it as it was (memory only; never stored). */
let remembered = { ...FRESH };

/** Forgets the last search (on lock). */
export function forgetDirectorySearch() {
  remembered = { ...FRESH };
}

/** The directory: search as you type with filters, favourites toggled in place. */
export function Directory({ onOpen, onAdd, onImport }: { onOpen: (id: AssetId) => void; onAdd: () => void; onImport: () => void }) {
  const lists = useLists();
  const [text, setText] = useState(remembered.text);
  const [category, setCategory] = useState<NeedCategory | "">(remembered.category);
  const [filters, setFilters] = useState<string[]>(remembered.filters);
  const [within, setWithin] = useState(remembered.within);
  const [shown, setShown] = useState(remembered.shown);
  useEffect(() => {
    remembered = { text, category, filters, within, shown };
  }, [text, category, filters, within, shown]);
  // A new search starts at the first page again (but coming back keeps the pages shown).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else setShown(PAGE);
  }, [text, category, filters, within]);
  const args: AssetSearchArgs = {
    text: text || null,
    category: category || null,
    free_only: filters.includes("free_only"),
    accessible_only: filters.includes("accessible_only"),
    active_only: filters.includes("active_only"),
    favourites_only: filters.includes("favourites_only"),
    verified_within_months: within ? Number(within) : null,
    limit: shown,
  };
  const [result, setResult, failed, retry] = useAssetSearch(args);
  const toggle = async (h: AssetHit) => {
    const rec = await api.set_asset_favourite({ asset_id: h.id, favourite: !h.favourite });
    setResult((r) => r && { ...r, hits: r.hits.map((x) => (x.id === h.id ? { ...x, favourite: rec.favourite } : x)) });
  };
  const filterChoices = [
    { value: "free_only", label: "Free only" },
    { value: "accessible_only", label: "Wheelchair accessible" },
    { value: "active_only", label: "Active only" },
    { value: "favourites_only", label: "Favourites only" },
  ];

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="directory">
      <div className="app-title-row app-title-row--compact">
        <h1>Community directory</h1>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button app-button-small" type="button" onClick={onAdd} id="add-asset">
            Add a group or service
          </button>
          <button className="nhsuk-button nhsuk-button--secondary app-button-small" type="button" onClick={onImport} id="import-export">
            Import or export
          </button>
        </div>
      </div>
      <div className="app-directory">
        <div className="app-directory__filters">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="asset-search">
              Search
            </label>
            <div className="nhsuk-hint" id="asset-search-hint">
              Name, organisation, description, category or postcode
            </div>
            <input
              className="nhsuk-input"
              id="asset-search"
              type="search"
              value={text}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              aria-describedby="asset-search-hint"
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <Select id="asset-category" label="Category" choices={lists.needs} value={category} onChange={setCategory} blank="Any category" />
          <Checkboxes id="asset-filters" legend="Show" choices={filterChoices} values={filters} onChange={setFilters} />
          <Select
            id="asset-verified"
            label="Checked with the provider"
            choices={[
              { value: "3", label: "In the last 3 months" },
              { value: "6", label: "In the last 6 months" },
              { value: "12", label: "In the last 12 months" },
            ]}
            value={within}
            onChange={setWithin}
            blank="Any time, or never"
          />
        </div>
        <div className="app-directory__results">
          {failed ? (
            <div className="nhsuk-error-summary" role="alert" data-testid="search-failed">
              <p>Could not search the directory: {failed}</p>
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={retry}>
                Try again
              </button>
            </div>
          ) : (
            <p aria-live="polite" data-testid="asset-count">
              {result
                ? `${result.hits.length < shown ? `${result.hits.length} found` : `First ${result.hits.length} found`}; ${result.total} groups and services in the directory`
                : "Searching…"}
            </p>
          )}
          {result && result.total === 0 && (
            <p data-testid="directory-empty">
              The directory is empty.{" "}
              <button type="button" className="app-link-button" onClick={onImport}>
                Import your area&rsquo;s directory
              </button>{" "}
              (Open Referral UK, or Linkwork&rsquo;s spreadsheet template), or{" "}
              <button type="button" className="app-link-button" onClick={onAdd}>
                add a group or service
              </button>
              .
            </p>
          )}
          {result && result.hits.length > 0 && (
            <TableRegion>
              <table className="nhsuk-table app-table app-dense" data-testid="asset-results">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="nhsuk-u-visually-hidden">Favourite</span>
                    </th>
                    <th scope="col">Name</th>
                    <th scope="col">Categories</th>
                    <th scope="col">Cost</th>
                    <th scope="col">Postcode</th>
                    <th scope="col">Details checked</th>
                  </tr>
                </thead>
                <tbody>
                  {result.hits.map((h) => (
                    <tr key={h.id} data-asset={h.name}>
                      <td>
                        <Star on={h.favourite} name={h.name} onToggle={() => void toggle(h)} />
                      </td>
                      <td>
                        <button type="button" className="app-link-button" onClick={() => onOpen(h.id)}>
                          {h.name}
                        </button>
                        {h.organisation && <div className="app-muted">{h.organisation}</div>}
                        {h.status !== "active" && <strong className="nhsuk-tag nhsuk-tag--red">{labelOf(lists.asset_statuses, h.status)}</strong>}
                      </td>
                      <td>{h.categories.map((c) => labelOf(lists.needs, c)).join(", ")}</td>
                      <td>{labelOf(lists.cost_kinds, h.cost)}</td>
                      <td className="app-nowrap">{h.postcode ?? "–"}</td>
                      <td className="app-nowrap">
                        <VerifiedTag stale={h.stale} on={h.last_verified_on} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          {result && result.hits.length === shown && (
            <button className="nhsuk-button nhsuk-button--secondary" type="button" id="more-assets" onClick={() => setShown(shown + PAGE)}>
              Show {PAGE} more
            </button>
          )}
        </div>
      </div>
    </main>
  );
}
