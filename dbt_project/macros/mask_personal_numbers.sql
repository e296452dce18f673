{#- Personal numbers in free text (an NPWP, NIK, NIP or bank account number typed into
    PERMASALAHAN, a payment's URAIAN, a name) masked to their last four digits, amounts,
    dates and codes as written: "NPWP 01.234.567.8-901.000" reads "NPWP
    **.***.***.*-**1.000". The staging models apply it to each text a person typed, so
    no mart is ever written with such a number (the BI login reads a mart as soon as its
    build commits). The rule is one SQL function, raw.mask_personal_numbers
    (migrations/R__raw_mask_personal_numbers.sql), so that the quality findings, written
    before dbt runs, mask exactly as the models do. -#}
{% macro mask_personal_numbers(column) -%}
    raw.mask_personal_numbers({{ column }})
{%- endmacro %}
