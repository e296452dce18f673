"""Payment orders (SP2D, Surat Perintah Pencairan Dana): the SP2D list (csv or xlsx),
the BUD's SP2D register and the FMIS print (xlsx), SIPD-RI's SP2D records (json);
layouts.py tells which a file is."""

from pathlib import Path

from pipelines.sources.base import Source
from pipelines.sources.sp2d.copy_load import load_csv
from pipelines.sources.sp2d.layouts import read_sp2d_file, stream_sp2d_file, supersede_key

SOURCE = Source(
    name="sp2d",
    raw_table="raw.sp2d_rincian",
    ddl=Path(__file__).with_name("raw.sql"),
    read=read_sp2d_file,
    stream=stream_sp2d_file,
    supersede_key=supersede_key,
    amount_column="nilai",
    load_copy=load_csv,  # the csv exports carry the volume: millions of lines a year
    copy_suffixes=(".csv",),
    layout_tables=(("raw.sp2d_register", "bruto"),),
)
