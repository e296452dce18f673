{#- The code of a higher level: the first `segments` dot-separated parts of `kode`
    (an account's akun 1, kelompok 2, jenis 3, objek 4, rincian objek 5). Cut by parts,
    not characters, so both account formats give the same levels: 5.1.02.01.01.0024 and
    5.1.02.01.001.00024 are both in objek 5.1.02.01. -#}
{% macro kode_induk(kode, segments) -%}
    array_to_string((string_to_array({{ kode }}, '.'))[1:{{ segments }}], '.')
{%- endmacro %}
