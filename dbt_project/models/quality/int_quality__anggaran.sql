-- The rows of the suite anggaran (expectations/anggaran.json): the Rekap 5 rows of the
-- budget exports in force (files loaded) of the pemda the quality step checks. Raw's
-- rows as landed, not staging's: the rules judge what was written (staging trims and
-- types it).
select rekap5.*
from {{ source('raw', 'anggaran_rekap5') }} as rekap5
join quality.files_in_scope('anggaran') as files using (file_id)
