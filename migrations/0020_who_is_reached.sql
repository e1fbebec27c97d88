-- 0020: who the service reaches (issue 36). Optional details on the person, never required, shown
-- only on their Details tab; the report counts referrals and people supported by age band, sex and
-- broad ethnic group. Every existing person has none recorded.

ALTER TABLE person ADD COLUMN sex TEXT CHECK (sex IN ('female', 'male', 'another', 'not_stated'));
ALTER TABLE person ADD COLUMN ethnic_group TEXT CHECK (ethnic_group IN ('white_british', 'white_irish', 'white_other', 'mixed_white_black_caribbean', 'mixed_white_black_african', 'mixed_white_asian', 'mixed_other', 'asian_indian', 'asian_pakistani', 'asian_bangladeshi', 'asian_other', 'black_caribbean', 'black_african', 'black_other', 'chinese', 'other', 'not_stated'));
ALTER TABLE person ADD COLUMN first_language TEXT;
ALTER TABLE person ADD COLUMN interpreter_needed INTEGER CHECK (interpreter_needed IN (0, 1));
ALTER TABLE person ADD COLUMN disability TEXT CHECK (disability IN ('yes', 'no', 'not_stated'));
ALTER TABLE person ADD COLUMN imd_decile INTEGER CHECK (imd_decile BETWEEN 1 AND 10);
