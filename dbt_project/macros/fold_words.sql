{#- A text as the keyword rules of the seeds kategori_permasalahan and
    pihak_permasalahan are written against it: upper case, every run of other characters
    one space, a space at each end (' SUDAH DIKERJAKAN TAPI BELUM PENCAIRAN '), so a
    pattern can name a word whole. -#}
{% macro fold_words(column) -%}
    ' ' || trim(regexp_replace(upper({{ column }}), '[^A-Z0-9]+', ' ', 'g')) || ' '
{%- endmacro %}
