-- The SP2D of the registers in force, one row per SP2D number (sql/_register_sp2d.sql).
select * from {sql:register_sp2d}
