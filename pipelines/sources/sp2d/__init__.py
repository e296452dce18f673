"""Payment orders (SP2D, Surat Perintah Pencairan Dana) as the BUD pays them: the BUD's
SP2D register and the FMIS print (xlsx), SIPD-RI's SP2D records (json), one row per SP2D
in raw.sp2d_register; layouts.py tells which a file is, and refuses the rest."""

from pipelines.sources.base import Source
from pipelines.sources.sp2d import register
from pipelines.sources.sp2d.layouts import read_sp2d_file, stream_sp2d_file

SOURCE = Source(
    name="sp2d",
    raw_table=register.TABLE,
    read=read_sp2d_file,
    stream=stream_sp2d_file,
    supersede_key=register.supersede_key,
    amount_column=register.AMOUNT_COLUMN,
)
