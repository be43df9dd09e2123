-- PostgreSQL edition of ../0003_catalogue_citizen_and_staff_text.sql (identical).
-- What a citizen reads and what only the catalogue's maintainers read are kept apart (issue 18).
-- level: the level that decides the procedure (cấp thực hiện on the national database): 'commune'
--   (cấp xã), 'province' (cấp tỉnh, whose dossiers the ward's centre also accepts), 'ministry'; ''
--   when no source says.
-- fee_online: the fee when the dossier is submitted online, shown beside fee (the in-person fee);
--   they differ in Hà Nội from 1 January 2026 (NQ 77/2025/NQ-HĐND). '' when not known.
-- staff_note: working notes for whoever maintains the catalogue (what is still to check, why the
--   certainty is what it is); never shown to citizens.
ALTER TABLE catalogue_procedures ADD COLUMN level TEXT NOT NULL DEFAULT ''
    CHECK (level IN ('', 'commune', 'province', 'ministry'));
ALTER TABLE catalogue_procedures ADD COLUMN fee_online TEXT NOT NULL DEFAULT '';
ALTER TABLE catalogue_procedures ADD COLUMN staff_note TEXT NOT NULL DEFAULT '';
