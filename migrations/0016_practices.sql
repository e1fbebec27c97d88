-- 0016: practices (issue 35). A Primary Care Network's link worker serves several GP practices,
-- each with its own GP system. The practices already named on people's records become practices
-- here, and nothing on a record changes:
--   - one practice per well-formed ODS code (a letter and five digits). Its name is the one its
--     people's records give when they all give the same one; otherwise the code itself, until
--     the link worker names it (nothing is guessed).
--   - one per name among records with no well-formed code, names compared without case or
--     surrounding spaces, spelt as on the earliest record; unless a practice with a code already
--     has that name.
-- A record's code that is not well formed stays on the record as typed.

CREATE TABLE practice (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    ods_code    TEXT UNIQUE CHECK (ods_code IS NULL OR ods_code GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9]'),
    gp_system   TEXT NOT NULL DEFAULT 'other' CHECK (gp_system IN ('emis_web', 'systmone', 'other')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Two practices may share a name only when their codes tell them apart.
CREATE UNIQUE INDEX practice_name_without_code ON practice (lower(trim(name))) WHERE ods_code IS NULL;

CREATE TEMP TABLE practice_seen AS
SELECT id, created_at,
       nullif(trim(gp_practice_name), '') AS name,
       CASE WHEN upper(replace(trim(gp_practice_ods), ' ', '')) GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9]'
            THEN upper(replace(trim(gp_practice_ods), ' ', '')) END AS ods
FROM person;

INSERT INTO practice (id, name, ods_code, gp_system, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       CASE WHEN count(DISTINCT name) = 1 THEN max(name) ELSE ods END,
       ods, 'other', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM practice_seen WHERE ods IS NOT NULL GROUP BY ods;

INSERT INTO practice (id, name, ods_code, gp_system, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       (SELECT s2.name FROM practice_seen s2 WHERE s2.ods IS NULL AND lower(s2.name) = lower(s.name)
         ORDER BY s2.created_at, s2.id LIMIT 1),
       NULL, 'other', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM practice_seen s
WHERE s.ods IS NULL AND s.name IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM practice p WHERE lower(trim(p.name)) = lower(s.name))
GROUP BY lower(s.name);

DROP TABLE practice_seen;
