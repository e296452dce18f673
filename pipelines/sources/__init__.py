"""The inputs serapan reads, one module per source; SOURCES is the registry."""

from pipelines.sources.anggaran import SOURCE as ANGGARAN

SOURCES = {source.name: source for source in (ANGGARAN,)}
