"""Static names of the synthetic kabupaten: nomenclature, work units, places, accounts.

The nomenclature follows the shape of Permendagri 90/2019 (urusan > bidang > program >
kegiatan > sub kegiatan) with names written for this sample; codes are assigned in
universe.py from the position of each entry, so the lists here only carry names.
A sub kegiatan is a (name, kind) pair; the kind tells budget.py which accounts its lines use.
"""

from __future__ import annotations

URUSAN = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "3": "URUSAN PEMERINTAHAN PILIHAN",
    "4": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "6": "UNSUR PENGAWASAN URUSAN PEMERINTAHAN",
    "7": "UNSUR KEWILAYAHAN",
    "8": "UNSUR PEMERINTAHAN UMUM",
}

BIDANG = {
    "1.01": "URUSAN PEMERINTAHAN BIDANG PENDIDIKAN",
    "1.02": "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
    "1.03": "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
    "1.04": "URUSAN PEMERINTAHAN BIDANG PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN",
    "1.05": ("URUSAN PEMERINTAHAN BIDANG KETENTERAMAN DAN KETERTIBAN UMUM SERTA PERLINDUNGAN "
             "MASYARAKAT"),
    "1.06": "URUSAN PEMERINTAHAN BIDANG SOSIAL",
    "2.07": "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA",
    "2.08": "URUSAN PEMERINTAHAN BIDANG PEMBERDAYAAN PEREMPUAN DAN PELINDUNGAN ANAK",
    "2.09": "URUSAN PEMERINTAHAN BIDANG PANGAN",
    "2.10": "URUSAN PEMERINTAHAN BIDANG PERTANAHAN",
    "2.11": "URUSAN PEMERINTAHAN BIDANG LINGKUNGAN HIDUP",
    "2.12": "URUSAN PEMERINTAHAN BIDANG ADMINISTRASI KEPENDUDUKAN DAN PENCATATAN SIPIL",
    "2.13": "URUSAN PEMERINTAHAN BIDANG PEMBERDAYAAN MASYARAKAT DAN DESA",
    "2.14": "URUSAN PEMERINTAHAN BIDANG PENGENDALIAN PENDUDUK DAN KELUARGA BERENCANA",
    "2.15": "URUSAN PEMERINTAHAN BIDANG PERHUBUNGAN",
    "2.16": "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA",
    "2.17": "URUSAN PEMERINTAHAN BIDANG KOPERASI, USAHA KECIL, DAN MENENGAH",
    "2.18": "URUSAN PEMERINTAHAN BIDANG PENANAMAN MODAL",
    "2.19": "URUSAN PEMERINTAHAN BIDANG KEPEMUDAAN DAN OLAHRAGA",
    "2.20": "URUSAN PEMERINTAHAN BIDANG STATISTIK",
    "2.21": "URUSAN PEMERINTAHAN BIDANG PERSANDIAN",
    "2.22": "URUSAN PEMERINTAHAN BIDANG KEBUDAYAAN",
    "2.23": "URUSAN PEMERINTAHAN BIDANG PERPUSTAKAAN",
    "2.24": "URUSAN PEMERINTAHAN BIDANG KEARSIPAN",
    "3.25": "URUSAN PEMERINTAHAN BIDANG KELAUTAN DAN PERIKANAN",
    "3.26": "URUSAN PEMERINTAHAN BIDANG PARIWISATA",
    "3.27": "URUSAN PEMERINTAHAN BIDANG PERTANIAN",
    "3.30": "URUSAN PEMERINTAHAN BIDANG PERDAGANGAN",
    "3.31": "URUSAN PEMERINTAHAN BIDANG PERINDUSTRIAN",
    "3.32": "URUSAN PEMERINTAHAN BIDANG TRANSMIGRASI",
    "4.01": "SEKRETARIAT DAERAH",
    "4.02": "SEKRETARIAT DPRD",
    "5.01": "PERENCANAAN",
    "5.02": "KEUANGAN",
    "5.03": "KEPEGAWAIAN",
    "5.04": "PENDIDIKAN DAN PELATIHAN",
    "5.05": "PENELITIAN DAN PENGEMBANGAN",
    "6.01": "INSPEKTORAT DAERAH",
    "7.01": "KECAMATAN",
    "8.01": "KESATUAN BANGSA DAN POLITIK",
}

# Sub kegiatan kinds (budget.py maps each to the accounts its lines use).
GAJI, KANTOR, UTILITAS, JASA_TENAGA, PEMELIHARAAN = (
    "gaji", "kantor", "utilitas", "jasa_tenaga", "pemeliharaan")
# operasional: running a service facility (medicines in a Puskesmas, BOS in a school).
KEGIATAN, PENGADAAN, FISIK, OPERASIONAL = "kegiatan", "pengadaan", "fisik", "operasional"
HIBAH, BANSOS, BTT, TRANSFER = "hibah", "bansos", "btt", "transfer"

# Infrastructure-like kegiatan: its sub kegiatan names are these templates applied to an
# object ("Jalan Kabupaten" -> "Pembangunan Jalan Kabupaten").
_BANGUN = (
    ("Perencanaan Teknis {}", KEGIATAN),
    ("Pembangunan {}", FISIK),
    ("Rehabilitasi {}", FISIK),
    ("Peningkatan {}", FISIK),
    ("Pemeliharaan Rutin {}", PEMELIHARAAN),
    ("Pengadaan Sarana dan Prasarana {}", PENGADAAN),
    ("Pengawasan Pembangunan {}", KEGIATAN),
)
# Service-like kegiatan.
_LAYAN = (
    ("Penyelenggaraan {}", KEGIATAN),
    ("Pembinaan dan Pengawasan {}", KEGIATAN),
    ("Pendataan dan Pengelolaan Sistem Informasi {}", KEGIATAN),
    ("Koordinasi, Sinkronisasi, dan Pelaksanaan {}", KEGIATAN),
    ("Sosialisasi dan Edukasi {}", KEGIATAN),
    ("Peningkatan Kapasitas Sumber Daya Manusia {}", KEGIATAN),
    ("Penyediaan Sarana Pendukung {}", PENGADAAN),
    ("Fasilitasi {}", KEGIATAN),
    ("Monitoring, Evaluasi, dan Pelaporan {}", KEGIATAN),
)


def kegiatan(nama: str, bangun: str = "", layan: str = "", khusus=()) -> tuple:
    """A kegiatan entry: its name and its (sub kegiatan name, kind) pairs, in code order."""
    subs = [(t.format(bangun), kind) for t, kind in _BANGUN] if bangun else []
    subs += [(t.format(layan), kind) for t, kind in _LAYAN] if layan else []
    return nama, tuple(subs) + tuple(khusus)


def _layanan(nama: str, obj: str) -> tuple:
    return kegiatan(nama, layan=obj)


# Program "01" of every bidang: the support program every SKPD runs for itself.
# (kegiatan number, name, ((sub kegiatan number, name, kind), ...)) with the gaps the
# national numbering has.
PROGRAM_PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
PENUNJANG = (
    (1, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", (
        (1, "Penyusunan Dokumen Perencanaan Perangkat Daerah", KEGIATAN),
        (2, "Koordinasi dan Penyusunan Dokumen RKA-SKPD", KEGIATAN),
        (3, "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD", KEGIATAN),
        (4, "Koordinasi dan Penyusunan DPA-SKPD", KEGIATAN),
        (5, "Koordinasi dan Penyusunan Perubahan DPA-SKPD", KEGIATAN),
        (6, "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi "
            "Kinerja SKPD", KEGIATAN),
        (7, "Evaluasi Kinerja Perangkat Daerah", KEGIATAN),
    )),
    (2, "Administrasi Keuangan Perangkat Daerah", (
        (1, "Penyediaan Gaji dan Tunjangan ASN", GAJI),
        (2, "Penyediaan Administrasi Pelaksanaan Tugas ASN", KEGIATAN),
        (3, "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", KEGIATAN),
        (4, "Koordinasi dan Pelaksanaan Akuntansi SKPD", KEGIATAN),
        (5, "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD", KEGIATAN),
        (6, "Pengelolaan dan Penyiapan Bahan Tanggapan Pemeriksaan", KEGIATAN),
        (7, "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
         KEGIATAN),
    )),
    (3, "Administrasi Barang Milik Daerah pada Perangkat Daerah", (
        (1, "Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD", KEGIATAN),
        (2, "Pengamanan Barang Milik Daerah SKPD", KEGIATAN),
        (5, "Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD", KEGIATAN),
        (6, "Penatausahaan Barang Milik Daerah pada SKPD", KEGIATAN),
    )),
    (5, "Administrasi Kepegawaian Perangkat Daerah", (
        (2, "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya", KANTOR),
        (3, "Pendataan dan Pengolahan Administrasi Kepegawaian", KEGIATAN),
        (5, "Monitoring, Evaluasi, dan Penilaian Kinerja Pegawai", KEGIATAN),
        (9, "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", KEGIATAN),
        (10, "Sosialisasi Peraturan Perundang-Undangan", KEGIATAN),
        (11, "Bimbingan Teknis Implementasi Peraturan Perundang-Undangan", KEGIATAN),
    )),
    (6, "Administrasi Umum Perangkat Daerah", (
        (1, "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor", KANTOR),
        (2, "Penyediaan Peralatan dan Perlengkapan Kantor", KANTOR),
        (3, "Penyediaan Peralatan Rumah Tangga", KANTOR),
        (4, "Penyediaan Bahan Logistik Kantor", KANTOR),
        (5, "Penyediaan Barang Cetakan dan Penggandaan", KANTOR),
        (6, "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan", KANTOR),
        (8, "Fasilitasi Kunjungan Tamu", KEGIATAN),
        (9, "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", KEGIATAN),
        (11, "Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD",
         KEGIATAN),
    )),
    (7, "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", (
        (2, "Pengadaan Kendaraan Dinas Operasional atau Lapangan", PENGADAAN),
        (5, "Pengadaan Mebel", PENGADAAN),
        (6, "Pengadaan Peralatan dan Mesin Lainnya", PENGADAAN),
        (9, "Pengadaan Gedung Kantor atau Bangunan Lainnya", FISIK),
        (10, "Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya", PENGADAAN),
    )),
    (8, "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", (
        (1, "Penyediaan Jasa Surat Menyurat", KANTOR),
        (2, "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", UTILITAS),
        (3, "Penyediaan Jasa Peralatan dan Perlengkapan Kantor", KANTOR),
        (4, "Penyediaan Jasa Pelayanan Umum Kantor", JASA_TENAGA),
    )),
    (9, "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", (
        (1, "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan "
            "Perorangan Dinas atau Kendaraan Dinas Jabatan", PEMELIHARAAN),
        (2, "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan "
            "Kendaraan Dinas Operasional atau Lapangan", PEMELIHARAAN),
        (5, "Pemeliharaan Mebel", PEMELIHARAAN),
        (6, "Pemeliharaan Peralatan dan Mesin Lainnya", PEMELIHARAAN),
        (9, "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya", PEMELIHARAAN),
        (10, "Pemeliharaan/Rehabilitasi Sarana dan Prasarana Gedung Kantor atau Bangunan "
             "Lainnya", PEMELIHARAAN),
    )),
)

_LAYANAN_UKM_UKP = tuple(
    (f"Pengelolaan Pelayanan Kesehatan {target}", KEGIATAN)
    for target in (
        "Ibu Hamil", "Ibu Bersalin", "Bayi Baru Lahir", "Balita", "pada Usia Pendidikan Dasar",
        "pada Usia Produktif", "pada Usia Lanjut", "Penderita Hipertensi",
        "Penderita Diabetes Melitus", "Orang dengan Gangguan Jiwa Berat",
        "Orang Terduga Tuberkulosis", "Orang dengan Risiko Terinfeksi HIV", "Gizi Masyarakat",
        "Lingkungan", "Tradisional, Akupuntur, Asuhan Mandiri dan Tradisional Lainnya",
    )
) + (
    ("Pelayanan Kesehatan Penyakit Menular dan Tidak Menular", KEGIATAN),
    ("Pengelolaan Surveilans Kesehatan", KEGIATAN),
    ("Pengelolaan Pelayanan Promosi Kesehatan", KEGIATAN),
    ("Operasional Pelayanan Puskesmas", OPERASIONAL),
)

# Kegiatan that the Puskesmas and the hospital (sub units of Dinas Kesehatan) run.
KEGIATAN_PUSKESMAS = ("Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
                      "Kabupaten/Kota")
KEGIATAN_RUMAH_SAKIT = "Penyelenggaraan Rumah Sakit dan Fasilitas Pelayanan Kesehatan Rujukan"

# bidang -> programs (numbered 02, 03, ... after the support program) -> kegiatan.
NOMENKLATUR: dict[str, tuple] = {
    "1.01": (
        ("PROGRAM PENGELOLAAN PENDIDIKAN", (
            kegiatan("Pengelolaan Pendidikan Sekolah Dasar", "Ruang Kelas Sekolah Dasar",
                     "Pendidikan Sekolah Dasar",
                     khusus=(("Penyediaan Biaya Operasional Pendidikan Sekolah Dasar",
                              OPERASIONAL),)),
            kegiatan("Pengelolaan Pendidikan Sekolah Menengah Pertama",
                     "Ruang Kelas Sekolah Menengah Pertama",
                     "Pendidikan Sekolah Menengah Pertama",
                     khusus=(("Penyediaan Biaya Operasional Pendidikan Sekolah Menengah "
                              "Pertama", OPERASIONAL),)),
            kegiatan("Pengelolaan Pendidikan Anak Usia Dini (PAUD)", "Gedung PAUD",
                     "Pendidikan Anak Usia Dini"),
            _layanan("Pengelolaan Pendidikan Nonformal/Kesetaraan", "Pendidikan Kesetaraan"),
        )),
        ("PROGRAM PENGEMBANGAN KURIKULUM", (
            _layanan("Penetapan Kurikulum Muatan Lokal", "Kurikulum Muatan Lokal"),
        )),
        ("PROGRAM PENDIDIK DAN TENAGA KEPENDIDIKAN", (
            _layanan("Pemerataan Kuantitas dan Kualitas Pendidik dan Tenaga Kependidikan",
                     "Pendidik dan Tenaga Kependidikan"),
        )),
    ),
    "2.22": (
        ("PROGRAM PENGEMBANGAN KEBUDAYAAN", (
            _layanan("Pelestarian Kesenian Tradisional", "Kesenian Tradisional"),
            _layanan("Pembinaan Lembaga Adat", "Lembaga Adat"),
        )),
        ("PROGRAM PELESTARIAN DAN PENGELOLAAN CAGAR BUDAYA", (
            kegiatan("Pengelolaan Cagar Budaya", "Situs Cagar Budaya", "Cagar Budaya"),
        )),
    ),
    "1.02": (
        ("PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT", (
            kegiatan("Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan "
                     "Daerah Kabupaten/Kota", "Gedung Puskesmas",
                     khusus=(
                         ("Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan "
                          "Kesehatan", PENGADAAN),
                         ("Pengadaan Obat, Bahan Habis Pakai, dan Vaksin", OPERASIONAL),
                         ("Distribusi Alat Kesehatan, Obat, Bahan Habis Pakai, dan Vaksin",
                          KEGIATAN),
                     )),
            kegiatan(KEGIATAN_PUSKESMAS, khusus=_LAYANAN_UKM_UKP),
            kegiatan(KEGIATAN_RUMAH_SAKIT, "Gedung Rumah Sakit",
                     khusus=(("Operasional Pelayanan Rumah Sakit", OPERASIONAL),
                             ("Peningkatan Mutu Pelayanan Rumah Sakit", KEGIATAN))),
            _layanan("Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi",
                     "Sistem Informasi Kesehatan"),
        )),
        ("PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN", (
            _layanan("Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan",
                     "Sumber Daya Manusia Kesehatan"),
        )),
        ("PROGRAM SEDIAAN FARMASI, ALAT KESEHATAN DAN MAKANAN MINUMAN", (
            _layanan("Pengawasan Sediaan Farmasi dan Pangan Industri Rumah Tangga",
                     "Keamanan Pangan Industri Rumah Tangga"),
        )),
        ("PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN", (
            _layanan("Pengembangan Upaya Kesehatan Bersumber Daya Masyarakat",
                     "Upaya Kesehatan Bersumber Daya Masyarakat"),
        )),
    ),
    "1.03": (
        ("PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", (
            kegiatan("Pengelolaan SDA dan Bangunan Pengaman Pantai",
                     "Tanggul dan Bangunan Pengaman Pantai"),
            kegiatan("Pengembangan dan Pengelolaan Sistem Irigasi", "Jaringan Irigasi"),
        )),
        ("PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM", (
            kegiatan("Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum",
                     "Sistem Penyediaan Air Minum"),
        )),
        ("PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM DRAINASE", (
            kegiatan("Pengelolaan dan Pengembangan Sistem Drainase", "Saluran Drainase"),
        )),
        ("PROGRAM PENATAAN BANGUNAN GEDUNG", (
            kegiatan("Penyelenggaraan Bangunan Gedung", "Bangunan Gedung Negara",
                     "Bangunan Gedung"),
        )),
        ("PROGRAM PENYELENGGARAAN JALAN", (
            kegiatan("Penyelenggaraan Jalan Kabupaten/Kota", "Jalan Kabupaten"),
            kegiatan("Penyelenggaraan Jembatan Kabupaten/Kota", "Jembatan"),
        )),
        ("PROGRAM PENGEMBANGAN JASA KONSTRUKSI", (
            _layanan("Penyelenggaraan Pelatihan Tenaga Ahli Konstruksi", "Jasa Konstruksi"),
        )),
        ("PROGRAM PENYELENGGARAAN PENATAAN RUANG", (
            _layanan("Penetapan Rencana Tata Ruang Wilayah", "Rencana Tata Ruang"),
        )),
    ),
    "1.04": (
        ("PROGRAM PENGEMBANGAN PERUMAHAN", (
            kegiatan("Pendataan Penyediaan dan Rehabilitasi Rumah Korban Bencana",
                     "Rumah Korban Bencana"),
            kegiatan("Penyediaan dan Rehabilitasi Rumah Tidak Layak Huni",
                     "Rumah Tidak Layak Huni"),
        )),
        ("PROGRAM KAWASAN PERMUKIMAN", (
            kegiatan("Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh",
                     "Kawasan Permukiman Kumuh"),
        )),
        ("PROGRAM PENINGKATAN PRASARANA, SARANA DAN UTILITAS UMUM (PSU)", (
            kegiatan("Penyelenggaraan Prasarana, Sarana, dan Utilitas Umum Perumahan",
                     "Prasarana, Sarana, dan Utilitas Umum Perumahan"),
        )),
    ),
    "1.05": (
        ("PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM", (
            _layanan("Penanganan Gangguan Ketenteraman dan Ketertiban Umum",
                     "Ketenteraman dan Ketertiban Umum"),
            _layanan("Penegakan Peraturan Daerah Kabupaten/Kota", "Penegakan Peraturan Daerah"),
        )),
        ("PROGRAM PENANGGULANGAN BENCANA", (
            _layanan("Pelayanan Informasi Rawan Bencana", "Informasi Rawan Bencana"),
            _layanan("Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana",
                     "Kesiapsiagaan terhadap Bencana"),
            kegiatan("Penanganan Pascabencana", "Sarana dan Prasarana Pascabencana"),
        )),
        ("PROGRAM PENCEGAHAN, PENANGGULANGAN, PENYELAMATAN KEBAKARAN DAN PENYELAMATAN "
         "NON KEBAKARAN", (
            _layanan("Pencegahan, Pengendalian, Pemadaman, Penyelamatan, dan Penanganan "
                     "Bahan Berbahaya dan Beracun Kebakaran", "Pemadaman Kebakaran"),
        )),
    ),
    "1.06": (
        ("PROGRAM PEMBERDAYAAN SOSIAL", (
            _layanan("Pengembangan Potensi Sumber Kesejahteraan Sosial",
                     "Potensi Sumber Kesejahteraan Sosial"),
        )),
        ("PROGRAM REHABILITASI SOSIAL", (
            kegiatan("Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar",
                     layan="Rehabilitasi Sosial Penyandang Disabilitas",
                     khusus=(("Pemberian Bantuan Sosial bagi Penyandang Disabilitas Terlantar",
                              BANSOS),)),
        )),
        ("PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL", (
            kegiatan("Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota",
                     layan="Data Terpadu Kesejahteraan Sosial",
                     khusus=(("Pemberian Bantuan Sosial bagi Fakir Miskin", BANSOS),)),
        )),
        ("PROGRAM PENANGANAN BENCANA", (
            kegiatan("Perlindungan Sosial Korban Bencana Alam dan Sosial", khusus=(
                ("Penyediaan Makanan dan Kebutuhan Dasar bagi Korban Bencana", KEGIATAN),
                ("Pemberian Bantuan Sosial bagi Korban Bencana", BANSOS),
            )),
        )),
    ),
    "2.07": (
        ("PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", (
            _layanan("Pelaksanaan Pelatihan Berdasarkan Unit Kompetensi",
                     "Pelatihan Kerja Berbasis Kompetensi"),
        )),
        ("PROGRAM PENEMPATAN TENAGA KERJA", (
            _layanan("Pelayanan Antarkerja di Daerah Kabupaten/Kota", "Penempatan Tenaga Kerja"),
        )),
        ("PROGRAM HUBUNGAN INDUSTRIAL", (
            _layanan("Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama",
                     "Hubungan Industrial"),
        )),
    ),
    "3.32": (
        ("PROGRAM PERENCANAAN KAWASAN TRANSMIGRASI", (
            _layanan("Penyiapan Pemukiman dan Penempatan Transmigrasi", "Kawasan Transmigrasi"),
        )),
        ("PROGRAM PEMBANGUNAN KAWASAN TRANSMIGRASI", (
            kegiatan("Pembangunan Satuan Permukiman Transmigrasi",
                     "Sarana Permukiman Transmigrasi"),
        )),
    ),
    "2.08": (
        ("PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN", (
            _layanan("Pelembagaan Pengarusutamaan Gender pada Lembaga Pemerintah",
                     "Pengarusutamaan Gender"),
        )),
        ("PROGRAM PERLINDUNGAN PEREMPUAN", (
            _layanan("Pencegahan Kekerasan terhadap Perempuan", "Perlindungan Perempuan"),
        )),
        ("PROGRAM PEMENUHAN HAK ANAK (PHA)", (
            _layanan("Pelembagaan Pemenuhan Hak Anak", "Kabupaten Layak Anak"),
        )),
        ("PROGRAM PERLINDUNGAN KHUSUS ANAK", (
            _layanan("Pencegahan Kekerasan terhadap Anak", "Perlindungan Khusus Anak"),
        )),
    ),
    "2.09": (
        ("PROGRAM PENGELOLAAN SUMBER DAYA EKONOMI UNTUK KEDAULATAN DAN KEMANDIRIAN PANGAN", (
            _layanan("Penyediaan dan Penyaluran Pangan Pokok", "Cadangan Pangan Daerah"),
        )),
        ("PROGRAM PENINGKATAN DIVERSIFIKASI DAN KETAHANAN PANGAN MASYARAKAT", (
            _layanan("Pelaksanaan Pencapaian Target Konsumsi Pangan",
                     "Penganekaragaman Konsumsi Pangan"),
        )),
        ("PROGRAM PENANGANAN KERAWANAN PANGAN", (
            _layanan("Penyusunan Peta Ketahanan dan Kerentanan Pangan", "Kerawanan Pangan"),
        )),
        ("PROGRAM PENGAWASAN KEAMANAN PANGAN", (
            _layanan("Pelaksanaan Pengawasan Keamanan Pangan Segar", "Keamanan Pangan Segar"),
        )),
    ),
    "2.10": (
        ("PROGRAM PENATAGUNAAN TANAH", (
            _layanan("Penyelenggaraan Penatagunaan Tanah", "Penatagunaan Tanah"),
        )),
        ("PROGRAM PENGADAAN TANAH UNTUK KEPENTINGAN UMUM", (
            _layanan("Penetapan Lokasi Pengadaan Tanah",
                     "Pengadaan Tanah untuk Kepentingan Umum"),
        )),
    ),
    "2.11": (
        ("PROGRAM PERENCANAAN LINGKUNGAN HIDUP", (
            _layanan("Penyusunan Rencana Perlindungan dan Pengelolaan Lingkungan Hidup",
                     "Rencana Perlindungan dan Pengelolaan Lingkungan Hidup"),
        )),
        ("PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN LINGKUNGAN HIDUP", (
            _layanan("Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup",
                     "Pengendalian Pencemaran Lingkungan"),
        )),
        ("PROGRAM PENGELOLAAN PERSAMPAHAN", (
            kegiatan("Pengelolaan Sampah", "Tempat Pemrosesan Akhir Sampah",
                     "Pengelolaan Sampah"),
        )),
    ),
    "2.12": (
        ("PROGRAM PENDAFTARAN PENDUDUK", (
            _layanan("Pelayanan Pendaftaran Penduduk", "Pendaftaran Penduduk"),
        )),
        ("PROGRAM PENCATATAN SIPIL", (
            _layanan("Pelayanan Pencatatan Sipil", "Pencatatan Sipil"),
        )),
        ("PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN", (
            _layanan("Penyelenggaraan Pengelolaan Informasi Administrasi Kependudukan",
                     "Informasi Administrasi Kependudukan"),
        )),
    ),
    "2.13": (
        ("PROGRAM PENATAAN DESA", (
            _layanan("Penyelenggaraan Penataan Desa", "Penataan Desa"),
        )),
        ("PROGRAM ADMINISTRASI PEMERINTAHAN DESA", (
            _layanan("Pembinaan dan Pengawasan Penyelenggaraan Administrasi Pemerintahan Desa",
                     "Administrasi Pemerintahan Desa"),
        )),
        ("PROGRAM PEMBERDAYAAN LEMBAGA KEMASYARAKATAN, LEMBAGA ADAT DAN MASYARAKAT HUKUM "
         "ADAT", (
            _layanan("Pemberdayaan Lembaga Kemasyarakatan Desa", "Lembaga Kemasyarakatan Desa"),
        )),
    ),
    "2.14": (
        ("PROGRAM PENGENDALIAN PENDUDUK", (
            _layanan("Pemaduan dan Sinkronisasi Kebijakan Pengendalian Penduduk",
                     "Pengendalian Penduduk"),
        )),
        ("PROGRAM PEMBINAAN KELUARGA BERENCANA (KB)", (
            _layanan("Pelaksanaan Advokasi, Komunikasi, Informasi dan Edukasi KB",
                     "Pelayanan Keluarga Berencana"),
            _layanan("Pemberdayaan dan Peningkatan Peran Penyuluh KB", "Penyuluh KB"),
        )),
        ("PROGRAM PEMBERDAYAAN DAN PENINGKATAN KELUARGA SEJAHTERA (KS)", (
            _layanan("Pelaksanaan Pembangunan Keluarga", "Ketahanan Keluarga"),
        )),
    ),
    "2.15": (
        ("PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)", (
            kegiatan("Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota",
                     "Perlengkapan Jalan", "Angkutan Jalan"),
        )),
        ("PROGRAM PENGELOLAAN PELAYARAN", (
            kegiatan("Pembangunan dan Penerbitan Izin Pelabuhan Pengumpan Lokal",
                     "Pelabuhan Pengumpan Lokal"),
        )),
    ),
    "2.16": (
        ("PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK", (
            _layanan("Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah",
                     "Informasi dan Komunikasi Publik"),
        )),
        ("PROGRAM APLIKASI INFORMATIKA", (
            _layanan("Pengelolaan Nama Domain dan Sub Domain Pemerintah Daerah",
                     "Aplikasi Informatika dan Jaringan Intra Pemerintah"),
        )),
    ),
    "2.20": (
        ("PROGRAM PENYELENGGARAAN STATISTIK SEKTORAL", (
            _layanan("Penyelenggaraan Statistik Sektoral di Lingkup Daerah",
                     "Statistik Sektoral"),
        )),
    ),
    "2.21": (
        ("PROGRAM PENYELENGGARAAN PERSANDIAN UNTUK PENGAMANAN INFORMASI", (
            _layanan("Penyelenggaraan Persandian untuk Pengamanan Informasi",
                     "Persandian dan Keamanan Informasi"),
        )),
    ),
    "2.17": (
        ("PROGRAM PENGAWASAN DAN PEMERIKSAAN KOPERASI", (
            _layanan("Pemeriksaan dan Pengawasan Koperasi", "Pemeriksaan Koperasi"),
        )),
        ("PROGRAM PEMBERDAYAAN DAN PERLINDUNGAN KOPERASI", (
            _layanan("Pemberdayaan dan Perlindungan Koperasi", "Koperasi"),
        )),
        ("PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)", (
            _layanan("Pemberdayaan Usaha Mikro", "Usaha Mikro"),
        )),
    ),
    "2.18": (
        ("PROGRAM PROMOSI PENANAMAN MODAL", (
            _layanan("Penyelenggaraan Promosi Penanaman Modal", "Promosi Penanaman Modal"),
        )),
        ("PROGRAM PELAYANAN PENANAMAN MODAL", (
            _layanan("Pelayanan Perizinan dan Nonperizinan secara Terpadu Satu Pintu",
                     "Pelayanan Perizinan Berusaha"),
        )),
        ("PROGRAM PENGENDALIAN PELAKSANAAN PENANAMAN MODAL", (
            _layanan("Pengendalian Pelaksanaan Penanaman Modal", "Pengendalian Penanaman Modal"),
        )),
    ),
    "2.19": (
        ("PROGRAM PENGEMBANGAN KAPASITAS DAYA SAING KEPEMUDAAN", (
            _layanan("Pemberdayaan dan Pengembangan Pemuda", "Kepemudaan"),
        )),
        ("PROGRAM PENGEMBANGAN DAYA SAING KEOLAHRAGAAN", (
            kegiatan("Pembinaan dan Pengembangan Olahraga Prestasi", "Sarana Olahraga",
                     "Olahraga Prestasi"),
        )),
        ("PROGRAM PENGEMBANGAN KAPASITAS KEPRAMUKAAN", (
            _layanan("Pembinaan dan Pengembangan Organisasi Kepramukaan", "Kepramukaan"),
        )),
    ),
    "2.23": (
        ("PROGRAM PEMBINAAN PERPUSTAKAAN", (
            kegiatan("Pengelolaan Perpustakaan Tingkat Daerah Kabupaten/Kota",
                     "Gedung Perpustakaan", "Budaya Gemar Membaca"),
        )),
        ("PROGRAM PELESTARIAN KOLEKSI NASIONAL DAN NASKAH KUNO", (
            _layanan("Pelestarian Naskah Kuno Milik Daerah", "Naskah Kuno"),
        )),
    ),
    "2.24": (
        ("PROGRAM PENGELOLAAN ARSIP", (
            _layanan("Pengelolaan Arsip Dinamis Pemerintah Daerah", "Pengelolaan Arsip"),
        )),
        ("PROGRAM PERLINDUNGAN DAN PENYELAMATAN ARSIP", (
            _layanan("Pemusnahan Arsip dan Penyelamatan Arsip Daerah", "Penyelamatan Arsip"),
        )),
    ),
    "3.25": (
        ("PROGRAM PENGELOLAAN PERIKANAN TANGKAP", (
            kegiatan("Pengelolaan Penangkapan Ikan di Wilayah Sungai, Danau, dan Rawa",
                     "Tempat Pelelangan Ikan", "Nelayan Kecil"),
        )),
        ("PROGRAM PENGELOLAAN PERIKANAN BUDIDAYA", (
            _layanan("Pemberdayaan Pembudi Daya Ikan Kecil", "Pembudidaya Ikan"),
        )),
        ("PROGRAM PENGOLAHAN DAN PEMASARAN HASIL PERIKANAN", (
            _layanan("Pembinaan Mutu dan Keamanan Hasil Perikanan",
                     "Pemasaran Hasil Perikanan"),
        )),
    ),
    "3.26": (
        ("PROGRAM PENINGKATAN DAYA TARIK DESTINASI PARIWISATA", (
            kegiatan("Pengelolaan Daya Tarik Wisata Kabupaten/Kota", "Daya Tarik Wisata"),
        )),
        ("PROGRAM PEMASARAN PARIWISATA", (
            _layanan("Pemasaran Pariwisata Dalam dan Luar Negeri", "Pemasaran Pariwisata"),
        )),
        ("PROGRAM PENGEMBANGAN EKONOMI KREATIF", (
            _layanan("Penyediaan Prasarana Ekonomi Kreatif", "Ekonomi Kreatif"),
        )),
    ),
    "3.27": (
        ("PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN", (
            _layanan("Pengawasan Penggunaan Sarana Pendukung Pertanian", "Sarana Pertanian"),
        )),
        ("PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN", (
            kegiatan("Pembangunan Prasarana Pertanian", "Jalan Usaha Tani"),
        )),
        ("PROGRAM PENGENDALIAN KESEHATAN HEWAN DAN KESEHATAN MASYARAKAT VETERINER", (
            _layanan("Penjaminan Kesehatan Hewan", "Kesehatan Hewan"),
        )),
        ("PROGRAM PENYULUHAN PERTANIAN", (
            _layanan("Pengembangan Penerapan Penyuluhan Pertanian", "Penyuluhan Pertanian"),
        )),
    ),
    "3.30": (
        ("PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN", (
            kegiatan("Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan",
                     "Pasar Rakyat"),
        )),
        ("PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK DAN BARANG PENTING", (
            _layanan("Menjamin Ketersediaan Barang Kebutuhan Pokok dan Barang Penting",
                     "Stabilisasi Harga Barang Kebutuhan Pokok"),
        )),
        ("PROGRAM STANDARDISASI DAN PERLINDUNGAN KONSUMEN", (
            _layanan("Pelaksanaan Metrologi Legal", "Metrologi Legal"),
        )),
    ),
    "3.31": (
        ("PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI", (
            _layanan("Penyusunan dan Evaluasi Rencana Pembangunan Industri Kabupaten/Kota",
                     "Industri Kecil dan Menengah"),
        )),
    ),
    "4.01": (
        ("PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT", (
            _layanan("Pelaksanaan Kebijakan Kesejahteraan Rakyat", "Kesejahteraan Rakyat"),
            _layanan("Pelaksanaan Administrasi Pemerintahan", "Administrasi Pemerintahan"),
            _layanan("Fasilitasi Kerja Sama Daerah", "Kerja Sama Daerah"),
            _layanan("Pelaksanaan Kebijakan Hukum dan Perundang-Undangan",
                     "Produk Hukum Daerah"),
        )),
        ("PROGRAM PEREKONOMIAN DAN PEMBANGUNAN", (
            _layanan("Pelaksanaan Kebijakan Perekonomian", "Perekonomian Daerah"),
            _layanan("Pelaksanaan Administrasi Pembangunan", "Administrasi Pembangunan"),
            _layanan("Pengelolaan Pengadaan Barang dan Jasa", "Pengadaan Barang dan Jasa"),
        )),
        ("PROGRAM DUKUNGAN PIMPINAN", (
            _layanan("Pelaksanaan Protokol dan Komunikasi Pimpinan",
                     "Protokol dan Komunikasi Pimpinan"),
            _layanan("Penataan Organisasi", "Kelembagaan dan Tata Laksana"),
        )),
    ),
    "4.02": (
        ("PROGRAM DUKUNGAN PELAKSANAAN TUGAS DAN FUNGSI DPRD", (
            _layanan("Pembentukan Peraturan Daerah dan Peraturan DPRD",
                     "Pembentukan Peraturan Daerah"),
            _layanan("Pembahasan Kebijakan Anggaran", "Pembahasan Kebijakan Anggaran"),
            _layanan("Pengawasan Penyelenggaraan Pemerintahan",
                     "Pengawasan Penyelenggaraan Pemerintahan"),
            kegiatan("Penyerapan dan Penghimpunan Aspirasi Masyarakat", khusus=(
                ("Pelaksanaan Reses", KEGIATAN),
                ("Kunjungan Kerja Anggota DPRD", KEGIATAN),
            )),
        )),
    ),
    "5.01": (
        ("PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH", (
            _layanan("Penyusunan Perencanaan dan Pendanaan",
                     "Dokumen Perencanaan Pembangunan Daerah"),
            _layanan("Analisis Data dan Informasi Perencanaan Pembangunan Daerah",
                     "Data Perencanaan Pembangunan"),
            _layanan("Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah",
                     "Pengendalian dan Evaluasi Pembangunan Daerah"),
        )),
        ("PROGRAM KOORDINASI DAN SINERGI PERENCANAAN PEMBANGUNAN DAERAH", (
            _layanan("Koordinasi Perencanaan Pembangunan Daerah Bidang Infrastruktur dan "
                     "Kewilayahan", "Perencanaan Infrastruktur dan Kewilayahan"),
            _layanan("Koordinasi Perencanaan Pembangunan Daerah Bidang Perekonomian",
                     "Perencanaan Perekonomian dan Sumber Daya Alam"),
        )),
    ),
    "5.05": (
        ("PROGRAM PENELITIAN DAN PENGEMBANGAN DAERAH", (
            _layanan("Penelitian dan Pengembangan Pemerintahan Daerah",
                     "Penelitian dan Pengembangan Daerah"),
            _layanan("Pengembangan Inovasi Daerah", "Inovasi Daerah"),
        )),
    ),
    "5.02": (
        ("PROGRAM PENGELOLAAN KEUANGAN DAERAH", (
            _layanan("Koordinasi dan Penyusunan Rencana Anggaran Daerah", "Anggaran Daerah"),
            _layanan("Koordinasi dan Pengelolaan Perbendaharaan Daerah",
                     "Perbendaharaan Daerah"),
            _layanan("Koordinasi dan Pelaksanaan Akuntansi dan Pelaporan Keuangan Daerah",
                     "Akuntansi dan Pelaporan Keuangan Daerah"),
            kegiatan("Pengelolaan Dana Darurat dan Mendesak", khusus=(
                ("Penyediaan Dana Belanja Tidak Terduga", BTT),
            )),
            kegiatan("Pengelolaan Belanja Transfer", khusus=(
                ("Penyaluran Alokasi Dana Desa", TRANSFER),
                ("Penyaluran Bagi Hasil Pajak dan Retribusi Daerah kepada Pemerintah Desa",
                 TRANSFER),
            )),
            kegiatan("Pengelolaan Belanja Hibah dan Bantuan Sosial", khusus=(
                ("Penyaluran Hibah kepada Badan, Lembaga, dan Organisasi Kemasyarakatan",
                 HIBAH),
                ("Penyaluran Hibah kepada Instansi Vertikal", HIBAH),
                ("Penyaluran Bantuan Sosial kepada Individu dan Keluarga", BANSOS),
            )),
        )),
        ("PROGRAM PENGELOLAAN BARANG MILIK DAERAH", (
            _layanan("Pengelolaan Barang Milik Daerah", "Barang Milik Daerah"),
        )),
        ("PROGRAM PENGELOLAAN PENDAPATAN DAERAH", (
            _layanan("Pengelolaan Pajak Daerah", "Pajak Daerah"),
            _layanan("Pengelolaan Retribusi Daerah", "Retribusi Daerah"),
        )),
    ),
    "5.03": (
        ("PROGRAM KEPEGAWAIAN DAERAH", (
            _layanan("Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
                     "Administrasi Kepegawaian ASN"),
            _layanan("Mutasi dan Pengembangan Karier", "Mutasi dan Pengembangan Karier"),
            _layanan("Penilaian dan Evaluasi Kinerja Aparatur", "Penilaian Kinerja Aparatur"),
        )),
    ),
    "5.04": (
        ("PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA", (
            _layanan("Pengembangan Kompetensi Teknis", "Pengembangan Kompetensi Aparatur"),
        )),
    ),
    "6.01": (
        ("PROGRAM PENYELENGGARAAN PENGAWASAN", (
            _layanan("Penyelenggaraan Pengawasan Internal", "Pengawasan Internal"),
            _layanan("Penyelenggaraan Pengawasan dengan Tujuan Tertentu",
                     "Pemeriksaan dengan Tujuan Tertentu"),
        )),
        ("PROGRAM PERUMUSAN KEBIJAKAN, PENDAMPINGAN DAN ASISTENSI", (
            _layanan("Pendampingan dan Asistensi", "Reformasi Birokrasi dan Zona Integritas"),
        )),
    ),
    "7.01": (
        ("PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", (
            _layanan("Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
                     "Pemerintahan Kecamatan"),
            _layanan("Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan",
                     "Pelayanan Administrasi Terpadu Kecamatan"),
        )),
        ("PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN", (
            kegiatan("Pemberdayaan Masyarakat Desa dan Kelurahan",
                     "Sarana dan Prasarana Kelurahan", "Pemberdayaan Masyarakat Desa"),
        )),
        ("PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM", (
            _layanan("Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
                     "Ketenteraman dan Ketertiban Umum Kecamatan"),
        )),
        ("PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA", (
            _layanan("Fasilitasi Penyelenggaraan Pemerintahan Desa", "Pemerintahan Desa"),
        )),
    ),
    "8.01": (
        ("PROGRAM PENGUATAN IDEOLOGI PANCASILA DAN KARAKTER KEBANGSAAN", (
            _layanan("Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Ideologi "
                     "Pancasila dan Karakter Kebangsaan", "Wawasan Kebangsaan"),
        )),
        ("PROGRAM PENINGKATAN PERAN PARTAI POLITIK DAN LEMBAGA PENDIDIKAN MELALUI "
         "PENDIDIKAN POLITIK", (
            _layanan("Pelaksanaan Kebijakan di Bidang Pendidikan Politik", "Pendidikan Politik"),
        )),
        ("PROGRAM PEMBERDAYAAN DAN PENGAWASAN ORGANISASI KEMASYARAKATAN", (
            _layanan("Pelaksanaan Kebijakan di Bidang Pemberdayaan dan Pengawasan Organisasi "
                     "Kemasyarakatan", "Organisasi Kemasyarakatan"),
        )),
        ("PROGRAM PENINGKATAN KEWASPADAAN NASIONAL DAN PENINGKATAN KUALITAS DAN FASILITASI "
         "PENANGANAN KONFLIK SOSIAL", (
            _layanan("Pelaksanaan Kebijakan di Bidang Kewaspadaan Nasional",
                     "Kewaspadaan Dini dan Penanganan Konflik Sosial"),
        )),
    ),
}

# SKPD of the kabupaten: (name, bidang codes (first = the SKPD's own), program numbers it
# runs (None = every program of its bidang), size, staff on its payroll, its sub units).
# size scales how many sub kegiatan it runs; teachers and health workers make the
# education and health offices' payrolls far bigger than their size.
SKPD = (
    ("Dinas Pendidikan dan Kebudayaan", ("1.01", "2.22"), None, 3.0, 2100, "sekolah"),
    ("Dinas Kesehatan", ("1.02",), (2, 3, 4, 5), 2.0, 420, "kesehatan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", ("1.03",), None, 1.5, 110, None),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", ("1.04",), None, 1.0, 45, None),
    ("Satuan Polisi Pamong Praja dan Pemadam Kebakaran", ("1.05",), (2, 4), 1.0, 130, None),
    ("Badan Penanggulangan Bencana Daerah", ("1.05",), (3,), 0.8, 40, None),
    ("Dinas Sosial", ("1.06",), None, 1.0, 45, None),
    ("Dinas Tenaga Kerja dan Transmigrasi", ("2.07", "3.32"), None, 0.8, 35, None),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", ("2.08",), None, 0.8, 30, None),
    ("Dinas Ketahanan Pangan", ("2.09",), None, 0.8, 35, None),
    ("Dinas Lingkungan Hidup dan Pertanahan", ("2.11", "2.10"), None, 1.0, 60, None),
    ("Dinas Kependudukan dan Pencatatan Sipil", ("2.12",), None, 0.9, 45, None),
    ("Dinas Pemberdayaan Masyarakat dan Desa", ("2.13",), None, 1.0, 40, None),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", ("2.14",), None, 1.0, 90, None),
    ("Dinas Perhubungan", ("2.15",), None, 0.8, 50, None),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", ("2.16", "2.20", "2.21"),
     None, 0.9, 40, None),
    ("Dinas Koperasi dan Usaha Kecil dan Menengah", ("2.17",), None, 0.8, 30, None),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", ("2.18",), None, 0.8, 30,
     None),
    ("Dinas Pemuda dan Olahraga", ("2.19",), None, 0.9, 35, None),
    ("Dinas Perpustakaan dan Kearsipan", ("2.23", "2.24"), None, 0.8, 35, None),
    ("Dinas Kelautan dan Perikanan", ("3.25",), None, 0.9, 45, None),
    ("Dinas Pariwisata", ("3.26",), None, 0.8, 30, None),
    ("Dinas Pertanian", ("3.27",), None, 1.1, 140, None),
    ("Dinas Perindustrian dan Perdagangan", ("3.31", "3.30"), None, 0.9, 40, None),
    ("Sekretariat Daerah", ("4.01",), None, 1.2, 160, "bagian"),
    ("Sekretariat DPRD", ("4.02",), None, 1.3, 70, None),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", ("5.01", "5.05"),
     None, 1.0, 50, None),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", ("5.02",), (2, 3), 1.2, 80, None),
    ("Badan Pendapatan Daerah", ("5.02",), (4,), 0.9, 50, None),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", ("5.03", "5.04"), None, 0.9,
     45, None),
    ("Inspektorat Daerah", ("6.01",), None, 0.9, 50, None),
    ("Badan Kesatuan Bangsa dan Politik", ("8.01",), None, 0.7, 30, None),
)
PEGAWAI_RUMAH_SAKIT = 280

SETDA_BAGIAN = (
    "Bagian Tata Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat",
    "Bagian Perekonomian dan Sumber Daya Alam", "Bagian Administrasi Pembangunan",
    "Bagian Pengadaan Barang dan Jasa", "Bagian Organisasi",
    "Bagian Protokol dan Komunikasi Pimpinan", "Bagian Umum",
    "Bagian Perencanaan dan Keuangan",
)

# Invented place names (no real kabupaten's list).
PEMDA = ("Sangga Raya", "Tanah Lenggo", "Pulau Semara", "Lembah Arua", "Teluk Mandari",
         "Batu Kawari")
KECAMATAN = (
    "Sangga Kota", "Waetina", "Batu Lusi", "Tanjung Mera", "Teluk Sanu", "Lembah Hijau",
    "Air Nanang", "Pesisir Timur", "Pesisir Barat", "Wae Lika", "Gunung Sari", "Lau Bening",
    "Sungai Tiram", "Koranu", "Matelu", "Rumakai", "Selawa", "Parasela",
)
DESA = (
    "Waesala", "Lohiri", "Tinabo", "Mawanu", "Sulaku", "Kaduara", "Batu Putih", "Air Dingin",
    "Tanjung Karang", "Pasir Panjang", "Kampung Baru", "Sumber Agung", "Wailesi", "Nalbessy",
    "Ulima", "Kayu Tiga", "Hatawano", "Lekora", "Bara Jaya", "Suka Damai", "Marloso",
    "Tifu Lama", "Wae Kasar", "Pela Indah", "Ambalau Dalam", "Rata Jaya", "Mekar Sari",
    "Sidomulyo", "Wae Temun", "Nusa Indah", "Kilo Lima", "Labuang", "Siopot", "Gogorea",
    "Debowae", "Waspait", "Ubung", "Namsina", "Savana Indah", "Kubalahin",
)

# Recipients of hibah (the line names of the hibah sub kegiatan).
PENERIMA_HIBAH = (
    "Komite Olahraga Nasional Indonesia (KONI) Kabupaten", "Kwartir Cabang Gerakan Pramuka",
    "Palang Merah Indonesia Kabupaten", "Majelis Ulama Indonesia Kabupaten",
    "Lembaga Pengembangan Tilawatil Quran", "Badan Musyawarah Antar Gereja",
    "Forum Kerukunan Umat Beragama", "Tim Penggerak PKK Kabupaten", "Dewan Kesenian Daerah",
    "Lembaga Adat Kabupaten", "Korps Pegawai Republik Indonesia (KORPRI)",
)
INSTANSI_VERTIKAL = (
    "Kepolisian Resor", "Komando Distrik Militer", "Kejaksaan Negeri", "Pengadilan Negeri",
    "Badan Narkotika Nasional Kabupaten", "Komisi Pemilihan Umum Kabupaten",
    "Badan Pengawas Pemilihan Umum Kabupaten",
)

# Short names that kelompok lines are called by.
NAMA_KEGIATAN_RAPAT = (
    "Rapat Koordinasi", "Monitoring dan Evaluasi", "Sosialisasi", "Bimbingan Teknis",
    "Pertemuan Teknis", "Verifikasi Lapangan", "Konsultasi ke Provinsi", "Penyusunan Laporan",
    "Pendampingan", "Pembinaan Lapangan", "Workshop", "Rapat Evaluasi Triwulan",
)

# Accounts (rekening): code -> (name, the short name a kelompok line is called by).
REKENING = {
    # 5.1.01 belanja pegawai
    "5.1.01.01.01.0001": ("Belanja Gaji Pokok PNS", "Gaji Pokok PNS"),
    "5.1.01.01.02.0001": ("Belanja Tunjangan Keluarga PNS", "Tunjangan Keluarga PNS"),
    "5.1.01.01.03.0001": ("Belanja Tunjangan Jabatan PNS", "Tunjangan Jabatan PNS"),
    "5.1.01.01.04.0001": ("Belanja Tunjangan Fungsional PNS", "Tunjangan Fungsional PNS"),
    "5.1.01.01.05.0001": ("Belanja Tunjangan Fungsional Umum PNS", "Tunjangan Fungsional Umum"),
    "5.1.01.01.06.0001": ("Belanja Tunjangan Beras PNS", "Tunjangan Beras PNS"),
    "5.1.01.01.07.0001": ("Belanja Tunjangan PPh/Tunjangan Khusus PNS", "Tunjangan PPh PNS"),
    "5.1.01.01.08.0001": ("Belanja Pembulatan Gaji PNS", "Pembulatan Gaji PNS"),
    "5.1.01.01.09.0001": ("Belanja Iuran Jaminan Kesehatan PNS", "Iuran Jaminan Kesehatan"),
    "5.1.01.01.10.0001": ("Belanja Iuran Jaminan Kecelakaan Kerja PNS", "Iuran JKK"),
    "5.1.01.01.11.0001": ("Belanja Iuran Jaminan Kematian PNS", "Iuran JKM"),
    "5.1.01.01.01.0002": ("Belanja Gaji Pokok PPPK", "Gaji Pokok PPPK"),
    "5.1.01.01.02.0002": ("Belanja Tunjangan Keluarga PPPK", "Tunjangan Keluarga PPPK"),
    "5.1.01.02.01.0001": ("Tambahan Penghasilan berdasarkan Beban Kerja PNS", "TPP ASN"),
    "5.1.01.03.07.0001": ("Belanja Tunjangan Profesi Guru (TPG) PNSD", "Tunjangan Profesi Guru"),
    # 5.1.02 belanja barang dan jasa
    "5.1.02.01.01.0002": ("Belanja Bahan-Bahan Bangunan dan Konstruksi", "Bahan Bangunan"),
    "5.1.02.01.01.0004": ("Belanja Bahan-Bahan Bakar dan Pelumas", "BBM dan Pelumas"),
    "5.1.02.01.01.0012": ("Belanja Bahan-Bahan Lainnya", "Bahan Habis Pakai"),
    "5.1.02.01.01.0024": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
                          "Alat Tulis Kantor"),
    "5.1.02.01.01.0025": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover",
                          "Kertas dan Cover"),
    "5.1.02.01.01.0026": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak",
                          "Bahan Cetak"),
    "5.1.02.01.01.0027": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Benda Pos", "Benda Pos"),
    "5.1.02.01.01.0029": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Komputer",
                          "Bahan Komputer"),
    "5.1.02.01.01.0030": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Perabot Kantor",
                          "Perabot Kantor"),
    "5.1.02.01.01.0031": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Listrik",
                          "Alat Listrik"),
    "5.1.02.01.01.0036": ("Belanja Alat/Bahan untuk Kegiatan Kantor-Alat/Bahan untuk "
                          "Kegiatan Kantor Lainnya", "Bahan Medis Habis Pakai"),
    "5.1.02.01.01.0037": ("Belanja Obat-Obatan-Obat", "Obat-obatan"),
    "5.1.02.01.01.0052": ("Belanja Makanan dan Minuman Rapat", "Makan Minum Rapat"),
    "5.1.02.01.01.0053": ("Belanja Makanan dan Minuman Jamuan Tamu", "Makan Minum Tamu"),
    "5.1.02.01.01.0055": ("Belanja Makanan dan Minuman pada Fasilitas Pelayanan Urusan "
                          "Pendidikan dan Kesehatan", "Makan Minum Pasien"),
    "5.1.02.01.01.0064": ("Belanja Pakaian Dinas Harian (PDH)", "Pakaian Dinas Harian"),
    "5.1.02.02.01.0003": ("Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, "
                          "dan Panitia", "Honorarium Narasumber"),
    "5.1.02.02.01.0004": ("Honorarium Tim Pelaksana Kegiatan dan Sekretariat Tim Pelaksana "
                          "Kegiatan", "Honorarium Tim Pelaksana"),
    "5.1.02.02.01.0013": ("Belanja Jasa Tenaga Kebersihan", "Tenaga Kebersihan"),
    "5.1.02.02.01.0014": ("Belanja Jasa Tenaga Keamanan", "Tenaga Keamanan"),
    "5.1.02.02.01.0016": ("Belanja Jasa Tenaga Administrasi", "Tenaga Administrasi"),
    "5.1.02.02.01.0017": ("Belanja Jasa Tenaga Pengemudi", "Tenaga Pengemudi"),
    "5.1.02.02.01.0061": ("Belanja Tagihan Listrik", "Tagihan Listrik"),
    "5.1.02.02.01.0062": ("Belanja Tagihan Air", "Tagihan Air"),
    "5.1.02.02.01.0063": ("Belanja Kawat/Faksimili/Internet/TV Berlangganan",
                          "Langganan Internet"),
    "5.1.02.02.04.0036": ("Belanja Sewa Kendaraan Bermotor Penumpang", "Sewa Kendaraan"),
    "5.1.02.02.05.0009": ("Belanja Sewa Bangunan Gedung Tempat Pertemuan", "Sewa Gedung"),
    "5.1.02.02.09.0006": ("Belanja Jasa Konsultansi Perencanaan Rekayasa",
                          "Jasa Konsultansi Perencanaan"),
    "5.1.02.02.10.0002": ("Belanja Jasa Konsultansi Pengawasan Rekayasa",
                          "Jasa Konsultansi Pengawasan"),
    "5.1.02.02.12.0003": ("Belanja Bimbingan Teknis", "Bimbingan Teknis"),
    "5.1.02.04.01.0001": ("Belanja Perjalanan Dinas Biasa", "Perjalanan Dinas"),
    "5.1.02.04.01.0003": ("Belanja Perjalanan Dinas Dalam Kota", "Perjalanan Dinas Dalam Kota"),
    "5.1.02.04.01.0005": ("Belanja Perjalanan Dinas Paket Meeting Luar Kota",
                          "Paket Meeting Luar Kota"),
    "5.1.02.03.02.0035": ("Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat "
                          "Bermotor-Kendaraan Dinas Bermotor Perorangan",
                          "Pemeliharaan Kendaraan Dinas Jabatan"),
    "5.1.02.03.02.0036": ("Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat "
                          "Bermotor-Kendaraan Bermotor Penumpang",
                          "Pemeliharaan Kendaraan Operasional"),
    "5.1.02.03.02.0121": ("Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat "
                          "Kantor-Alat Kantor Lainnya", "Pemeliharaan Alat Kantor"),
    "5.1.02.03.02.0405": ("Belanja Pemeliharaan Komputer-Komputer Unit-Personal Computer",
                          "Pemeliharaan Komputer"),
    "5.1.02.03.03.0001": ("Belanja Pemeliharaan Bangunan Gedung-Bangunan Gedung Tempat "
                          "Kerja-Bangunan Gedung Kantor", "Pemeliharaan Gedung Kantor"),
    "5.1.02.05.01.0001": ("Belanja Barang yang Akan Diserahkan kepada Masyarakat",
                          "Barang Diserahkan kepada Masyarakat"),
    # 5.1.05 hibah, 5.1.06 bantuan sosial
    "5.1.05.01.01.0001": ("Belanja Hibah Uang kepada Pemerintah Pusat",
                          "Hibah Instansi Vertikal"),
    "5.1.05.05.01.0001": ("Belanja Hibah Uang kepada Badan, Lembaga, Organisasi "
                          "Kemasyarakatan yang Berbadan Hukum Indonesia", "Hibah Organisasi"),
    "5.1.06.01.01.0001": ("Belanja Bantuan Sosial Uang kepada Individu",
                          "Bantuan Sosial Individu"),
    "5.1.06.02.01.0001": ("Belanja Bantuan Sosial Barang kepada Keluarga",
                          "Bantuan Sosial Keluarga"),
    # 5.2 belanja modal
    "5.2.02.02.01.0003": ("Belanja Modal Kendaraan Dinas Bermotor Perorangan",
                          "Kendaraan Dinas Jabatan"),
    "5.2.02.02.01.0004": ("Belanja Modal Kendaraan Bermotor Penumpang",
                          "Kendaraan Operasional"),
    "5.2.02.02.01.0006": ("Belanja Modal Kendaraan Bermotor Khusus", "Kendaraan Khusus"),
    "5.2.02.02.02.0001": ("Belanja Modal Kendaraan Bermotor Beroda Dua", "Sepeda Motor"),
    "5.2.02.05.01.0005": ("Belanja Modal Alat Kantor Lainnya", "Peralatan Kantor"),
    "5.2.02.05.02.0001": ("Belanja Modal Mebel", "Mebel"),
    "5.2.02.05.02.0004": ("Belanja Modal Alat Pendingin", "AC"),
    "5.2.02.05.02.0006": ("Belanja Modal Alat Rumah Tangga Lainnya (Home Use)",
                          "Peralatan Rumah Tangga"),
    "5.2.02.07.01.0001": ("Belanja Modal Alat Kedokteran Umum", "Alat Kesehatan"),
    "5.2.02.10.01.0002": ("Belanja Modal Personal Computer", "Komputer"),
    "5.2.02.10.02.0001": ("Belanja Modal Peralatan Komputer Lainnya", "Peralatan Komputer"),
    "5.2.02.19.01.0001": ("Belanja Modal Alat Pengolahan Pertanian", "Alat Mesin Pertanian"),
    "5.2.03.01.01.0001": ("Belanja Modal Bangunan Gedung Kantor", "Gedung Kantor"),
    "5.2.03.01.01.0006": ("Belanja Modal Bangunan Kesehatan", "Bangunan Kesehatan"),
    "5.2.03.01.01.0010": ("Belanja Modal Bangunan Gedung Tempat Pendidikan",
                          "Gedung Pendidikan"),
    "5.2.03.01.01.0015": ("Belanja Modal Bangunan Gedung Tempat Olahraga", "Gedung Olahraga"),
    "5.2.03.01.01.0020": ("Belanja Modal Bangunan Gedung Perdagangan/Perusahaan",
                          "Bangunan Pasar"),
    "5.2.04.01.01.0012": ("Belanja Modal Jalan Kabupaten/Kota", "Jalan"),
    "5.2.04.01.02.0004": ("Belanja Modal Jembatan pada Jalan Kabupaten/Kota", "Jembatan"),
    "5.2.04.02.01.0005": ("Belanja Modal Bangunan Jaringan Irigasi", "Jaringan Irigasi"),
    "5.2.04.02.05.0003": ("Belanja Modal Bangunan Pengaman Sungai/Pantai", "Talud Pantai"),
    "5.2.04.03.01.0001": ("Belanja Modal Instalasi Air Bersih/Air Baku", "Instalasi Air Bersih"),
    "5.2.04.04.01.0003": ("Belanja Modal Jaringan Drainase", "Drainase"),
    "5.2.05.01.01.0001": ("Belanja Modal Buku Umum", "Buku"),
    "5.2.06.01.01.0001": ("Belanja Modal Aset Tak Berwujud-Software", "Aplikasi"),
    # 5.3 belanja tidak terduga, 5.4 belanja transfer
    "5.3.01.01.01.0001": ("Belanja Tidak Terduga", "Belanja Tidak Terduga"),
    "5.4.01.05.01.0001": ("Belanja Bagi Hasil Pajak Daerah kepada Pemerintahan Desa",
                          "Bagi Hasil Pajak Daerah kepada Desa"),
    "5.4.02.05.01.0001": ("Belanja Bantuan Keuangan Umum Pemerintah Daerah Kabupaten/Kota "
                          "kepada Pemerintahan Desa", "Alokasi Dana Desa"),
}

# Funding sources (sumber dana): code -> name.
SUMBER_DANA = {
    "1.1.01": "Pajak Daerah",
    "1.1.02.01": "Retribusi Jasa Umum",
    "1.2.01.01": "Dana Bagi Hasil Pajak",
    "1.2.01.08": "Dana Alokasi Umum (DAU)",
    "2.1.02.01.01.0001": "Retribusi Pelayanan Kesehatan di Puskesmas",
    "2.1.02.01.01.0005": "Retribusi Pelayanan Kesehatan di Rumah Sakit Umum Daerah",
    "2.2.01.08.02.0003": "DAU Tambahan Dukungan Pendanaan atas Kebijakan Penggajian Pegawai "
                         "Pemerintah dengan Perjanjian Kerja",
    "2.2.01.08.02.0004": "DAU yang Ditentukan Penggunaannya Bidang Pendidikan",
    "2.2.01.08.02.0005": "DAU yang Ditentukan Penggunaannya Bidang Kesehatan",
    "2.2.01.08.02.0006": "DAU yang Ditentukan Penggunaannya Bidang Pekerjaan Umum",
    "2.2.01.09.01.0002": "DAK Fisik-Bidang Pendidikan-Reguler-SD",
    "2.2.01.09.01.0003": "DAK Fisik-Bidang Pendidikan-Reguler-SMP",
    "2.2.01.09.01.0013": "DAK Fisik-Bidang Kesehatan dan KB-Reguler-Pelayanan Kesehatan Dasar",
    "2.2.01.09.01.0037": "DAK Fisik-Bidang Air Minum-Reguler",
    "2.2.01.09.01.0043": "DAK Fisik-Bidang Irigasi-Penugasan",
    "2.2.01.09.01.0077": "DAK Fisik-Bidang Jalan-Jalan Mendukung Konektivitas Daerah",
    "2.2.01.09.02.0004": "DAK Non Fisik-TPG PNSD",
    "2.2.01.09.02.0021": "DAK Non Fisik-BOKB-KB",
    "2.2.01.09.02.0022": "DAK Non Fisik-Dana Pelayanan Perlindungan Perempuan dan Anak",
    "2.2.01.09.02.0026": "DAK Non Fisik-Dana BOSP-BOS Reguler",
    "2.2.01.09.02.0033": "DAK Non Fisik-Dana BOK-BOK Dinas-BOK Kabupaten/Kota",
    "2.2.01.09.02.0035": "DAK Non Fisik-Dana BOK-BOK Puskesmas",
}
