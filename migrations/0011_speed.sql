-- 0011: indexes for whole-caseload figures, and each asset's full-text row found by rowid.

-- The caseload counters ask for contacts since a date and episodes referred since a date, across
-- everyone; without these they read every contact on every page load.
CREATE INDEX contact_time ON contact (occurred_at);
CREATE INDEX episode_received ON episode (referral_received_on);

-- A person's episodes were found by reading every episode (the only index on person_id is the
-- partial one for open episodes); outcomes by contact, when a contact is erased or corrected.
CREATE INDEX episode_person ON episode (person_id, referral_received_on);
CREATE INDEX ons4_record_contact ON ons4_record (contact_id);
CREATE INDEX pam_record_contact ON pam_record (contact_id);

-- `asset_id` is UNINDEXED in asset_fts, so replacing one asset's text scanned the whole index
-- (an import of 10,000 services scanned it 10,000 times). Each asset now keeps its row's rowid;
-- a stale or copied value is harmless, since a row is only replaced when its asset_id matches.
-- A one-letter prefix after other words ("hx7 6") merged every term with that letter; the index
-- now keeps one-letter prefixes too. Rows keep their rowids.
CREATE VIRTUAL TABLE asset_fts_new USING fts5 (
    asset_id UNINDEXED, name, organisation, description, categories, postcode,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
INSERT INTO asset_fts_new (rowid, asset_id, name, organisation, description, categories, postcode)
    SELECT rowid, asset_id, name, organisation, description, categories, postcode FROM asset_fts;
DROP TABLE asset_fts;
ALTER TABLE asset_fts_new RENAME TO asset_fts;

ALTER TABLE asset ADD COLUMN fts_rowid INTEGER;
UPDATE asset SET fts_rowid = f.rowid FROM asset_fts f WHERE f.asset_id = asset.id;

-- The directory's browsing order (favourites, then most recently checked, then by name), so a
-- list with no search text or a very broad one stops reading once the page is full.
CREATE INDEX asset_browse ON asset (favourite DESC, last_verified_on IS NULL, last_verified_on DESC, lower(name));
