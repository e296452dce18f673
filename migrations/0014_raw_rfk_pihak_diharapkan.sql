-- Who the OPD expects to help solve a line's problem (FORM-M's PIHAK YANG DIHARAPKAN
-- DAPAT MEMBANTU), as the template's FORM-M sheet gives it for the line; null in rows of
-- the field's own forms, whose FORM-M lands in raw.rfk_permasalahan.
alter table raw.rfk_laporan
    add column if not exists pihak_diharapkan text;
