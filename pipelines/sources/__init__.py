"""The inputs serapan reads, one module per source; SOURCES is the registry."""

from pipelines.sources.anggaran import SOURCE as ANGGARAN
from pipelines.sources.lra import SOURCE as LRA
from pipelines.sources.rak import SOURCE as RAK
from pipelines.sources.realisasi import SOURCE as REALISASI
from pipelines.sources.rfk import SOURCE as RFK
from pipelines.sources.sidak import SOURCE as SIDAK
from pipelines.sources.sp2d import SOURCE as SP2D

SOURCES = {source.name: source for source in (ANGGARAN, RAK, REALISASI, SP2D, RFK, LRA, SIDAK)}
