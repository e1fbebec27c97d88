-- 0008: how the person prefers to be contacted (NULL: not asked).
ALTER TABLE person ADD COLUMN preferred_contact TEXT CHECK (preferred_contact IN ('phone', 'text_message', 'letter', 'in_person'));
