"""Documents and queries of the judged set in az, id, ms, ru and ur, and the queries of each
kind of miss (typos, transliterations, acronyms, paraphrases, cross-lingual needs), written by
hand for the judged set (see make_judged_set.py). Per topic and language: two titles, two body
sentences, two queries, as in make_judged_set.TOPICS."""

from __future__ import annotations

TOPICS_MORE = {
    "access-to-finance": {
        "az": (
            ["Kiçik müəssisələr üçün maliyyəyə çıxış", "Sahibkarlara güzəştli kreditlər"],
            [
                "Agentlik kiçik bizneslərin bank kreditləri almasına kömək edir.",
                "Sahibkarlar tərəfdaş banklardan maliyyə əldə etdilər.",
            ],
            ["maliyyəyə çıxış", "sahibkarlara kredit"],
        ),
        "id": (
            ["Akses pembiayaan bagi usaha kecil", "Kredit usaha rakyat untuk UMKM"],
            [
                "Badan ini membantu usaha kecil memperoleh pinjaman bank.",
                "Para pengusaha mendapatkan modal usaha dari bank mitra.",
            ],
            ["akses pembiayaan", "pinjaman usaha kecil"],
        ),
        "ms": (
            ["Akses kepada pembiayaan untuk perusahaan kecil", "Pinjaman mikro bagi usahawan"],
            [
                "Agensi membantu perusahaan kecil mendapatkan pinjaman dan kredit.",
                "Usahawan memperoleh pembiayaan melalui bank rakan kongsi.",
            ],
            ["akses kepada pembiayaan", "pinjaman perniagaan kecil"],
        ),
        "ru": (
            ["Доступ к финансированию для малых предприятий", "Кредиты для предпринимателей"],
            [
                "Агентство помогает малым предприятиям получать банковские кредиты.",
                "Предприниматели получили финансирование через банки-партнёры.",
            ],
            ["доступ к финансированию", "кредиты малому бизнесу"],
        ),
        "ur": (
            ["چھوٹے کاروبار کے لیے مالی وسائل تک رسائی", "کاروباری افراد کے لیے قرضے"],
            [
                "ادارہ چھوٹے کاروباروں کو بینک سے قرض حاصل کرنے میں مدد دیتا ہے۔",
                "کاروباری افراد نے شراکت دار بینکوں سے سرمایہ حاصل کیا۔",
            ],
            ["مالی وسائل تک رسائی", "چھوٹے کاروبار کے قرضے"],
        ),
    },
    "credit-guarantees": {
        "az": (
            ["Kredit zəmanəti sistemi", "İxracatçılar üçün zəmanət fondu"],
            [
                "Fond hər bank kreditinin bir hissəsinə zəmanət verir.",
                "Zəmanətlər girov tələbini azaltdı.",
            ],
            ["kredit zəmanəti", "zəmanət fondu"],
        ),
        "id": (
            ["Skema penjaminan kredit", "Lembaga penjamin kredit untuk eksportir"],
            [
                "Lembaga menjamin sebagian pinjaman bank sehingga agunan berkurang.",
                "Penjaminan menutup tujuh puluh persen kredit.",
            ],
            ["penjaminan kredit", "lembaga penjamin"],
        ),
        "ms": (
            ["Skim jaminan kredit", "Dana jaminan untuk pengeksport"],
            [
                "Dana ini menjamin sebahagian pinjaman bank supaya cagaran berkurang.",
                "Jaminan meliputi tujuh puluh peratus kredit.",
            ],
            ["jaminan kredit", "skim jaminan pinjaman"],
        ),
        "ru": (
            ["Система гарантирования кредитов", "Гарантийный фонд для экспортёров"],
            [
                "Фонд гарантирует часть каждого банковского кредита, снижая требования к залогу.",
                "Гарантии покрыли семьдесят процентов кредита.",
            ],
            ["кредитные гарантии", "гарантийный фонд"],
        ),
        "ur": (
            ["قرض کی ضمانت کی اسکیم", "برآمد کنندگان کے لیے ضمانتی فنڈ"],
            ["فنڈ ہر بینک قرض کے ایک حصے کی ضمانت دیتا ہے۔", "ضمانتوں نے رہن کی ضرورت کم کر دی۔"],
            ["قرض کی ضمانت", "ضمانتی فنڈ"],
        ),
    },
    "islamic-finance": {
        "az": (
            ["KOB üçün İslam maliyyəsi", "Tacirlər üçün mürabahə maliyyələşdirməsi"],
            [
                "Şəriətə uyğun mürabahə və icarə məhsulları təklif olunur.",
                "İslam bankları mənfəət bölgüsü məhsulları təqdim etdi.",
            ],
            ["islam maliyyəsi", "mürabahə"],
        ),
        "id": (
            ["Pembiayaan syariah untuk UMKM", "Akad murabahah bagi pedagang"],
            [
                "Bank syariah menawarkan murabahah dan ijarah tanpa bunga.",
                "Koperasi syariah membagi keuntungan dengan anggota.",
            ],
            ["pembiayaan syariah", "murabahah"],
        ),
        "ms": (
            ["Kewangan Islam untuk PKS", "Pembiayaan murabahah untuk peniaga"],
            [
                "Bank Islam menawarkan produk patuh syariah seperti murabahah dan ijarah.",
                "Takaful melindungi perniagaan kecil.",
            ],
            ["kewangan islam", "perbankan islam"],
        ),
        "ru": (
            ["Исламское финансирование для МСП", "Мурабаха для торговцев"],
            [
                "Исламские банки предлагают продукты по нормам шариата, например мурабаху и иджару.",
                "Партнёрское финансирование основано на разделе прибыли.",
            ],
            ["исламские финансы", "партнёрский банкинг"],
        ),
        "ur": (
            ["چھوٹے کاروبار کے لیے اسلامی مالیات", "تاجروں کے لیے مرابحہ فنانسنگ"],
            [
                "اسلامی بینک شریعت کے مطابق مرابحہ اور اجارہ پیش کرتے ہیں۔",
                "تکافل چھوٹے کاروبار کو تحفظ دیتا ہے۔",
            ],
            ["اسلامی مالیات", "اسلامی بینکاری"],
        ),
    },
    "digital-transformation": {
        "az": (
            ["Kiçik biznesin rəqəmsal transformasiyası", "Pərakəndəçilər üçün elektron ticarət"],
            [
                "Müəssisələr onlayn satış və rəqəmsal alətlər üçün dəstək aldılar.",
                "Proqram sahibkarlara elektron ticarət öyrətdi.",
            ],
            ["rəqəmsal transformasiya", "elektron ticarət"],
        ),
        "id": (
            ["Transformasi digital UMKM", "Pelatihan e-commerce bagi pedagang"],
            [
                "Usaha kecil dibantu berjualan daring dan memakai alat digital.",
                "Program melatih pemilik usaha tentang perdagangan elektronik.",
            ],
            ["transformasi digital", "digitalisasi umkm"],
        ),
        "ms": (
            ["Pendigitalan perusahaan kecil", "Geran e-dagang untuk peruncit"],
            [
                "Perniagaan menerima bantuan untuk menjual dalam talian.",
                "Program melatih usahawan dalam e-dagang.",
            ],
            ["pendigitalan", "e-dagang"],
        ),
        "ru": (
            ["Цифровая трансформация малого бизнеса", "Электронная коммерция для розницы"],
            [
                "Предприятия получили помощь для продаж в интернете и цифровых инструментов.",
                "Программа обучила владельцев электронной коммерции.",
            ],
            ["цифровая трансформация", "электронная торговля"],
        ),
        "ur": (
            ["چھوٹے کاروبار کی ڈیجیٹل تبدیلی", "خوردہ فروشوں کے لیے ای کامرس"],
            [
                "کاروباروں کو آن لائن فروخت اور ڈیجیٹل آلات کے لیے مدد ملی۔",
                "پروگرام نے مالکان کو ای کامرس کی تربیت دی۔",
            ],
            ["ڈیجیٹل تبدیلی", "آن لائن تجارت"],
        ),
    },
    "export-promotion": {
        "az": (
            ["Kiçik istehsalçılar üçün ixracın təşviqi", "Xarici bazarlara çıxış"],
            [
                "Sərgilər və bazar araşdırmaları xarici bazarları açdı.",
                "İştirakçı şirkətlərin ixracı artdı.",
            ],
            ["ixracın təşviqi", "xarici bazarlar"],
        ),
        "id": (
            ["Promosi ekspor produk UMKM", "Menembus pasar luar negeri"],
            [
                "Pameran dagang membuka pasar luar negeri bagi produsen kecil.",
                "Ekspor perusahaan peserta meningkat.",
            ],
            ["promosi ekspor", "pasar luar negeri"],
        ),
        "ms": (
            ["Promosi eksport untuk pengeluar kecil", "Memasuki pasaran antarabangsa"],
            [
                "Pameran perdagangan membuka pasaran luar negara.",
                "Eksport syarikat yang menyertai meningkat.",
            ],
            ["promosi eksport", "pasaran antarabangsa"],
        ),
        "ru": (
            ["Поддержка экспорта малых производителей", "Выход на зарубежные рынки"],
            [
                "Ярмарки и исследования рынка открыли зарубежные рынки.",
                "Экспорт участвующих компаний вырос.",
            ],
            ["поддержка экспорта", "зарубежные рынки"],
        ),
        "ur": (
            ["چھوٹے صنعت کاروں کے لیے برآمدات کا فروغ", "بیرونی منڈیوں تک رسائی"],
            ["تجارتی نمائشوں نے بیرونی منڈیاں کھول دیں۔", "شریک کمپنیوں کی برآمدات بڑھ گئیں۔"],
            ["برآمدات کا فروغ", "بیرونی منڈیاں"],
        ),
    },
    "halal-industry": {
        "az": (
            ["Qida istehsalçıları üçün halal sertifikatı", "Halal sənayesinin inkişafı"],
            [
                "İstehsalçılar xaricdə tanınan halal sertifikatları aldılar.",
                "Halal sektoru iş yerləri yaratdı.",
            ],
            ["halal sertifikatı", "halal sənaye"],
        ),
        "id": (
            ["Sertifikasi halal bagi produsen makanan", "Pengembangan industri halal"],
            [
                "Produsen memperoleh sertifikat halal yang diakui di luar negeri.",
                "Sektor halal menciptakan lapangan kerja.",
            ],
            ["sertifikasi halal", "industri halal"],
        ),
        "ms": (
            ["Pensijilan halal untuk pengeluar makanan", "Pembangunan industri halal"],
            [
                "Pengeluar memperoleh sijil halal yang diiktiraf.",
                "Sektor halal mewujudkan pekerjaan.",
            ],
            ["pensijilan halal", "hab halal"],
        ),
        "ru": (
            ["Халяльная сертификация производителей продуктов", "Развитие халяль-индустрии"],
            [
                "Производители получили халяльные сертификаты, признанные за рубежом.",
                "Халяльный сектор создал рабочие места.",
            ],
            ["халяльная сертификация", "индустрия халяль"],
        ),
        "ur": (
            ["خوراک بنانے والوں کے لیے حلال سرٹیفکیشن", "حلال صنعت کی ترقی"],
            [
                "پیداکاروں نے بیرون ملک تسلیم شدہ حلال سرٹیفکیٹ حاصل کیے۔",
                "حلال شعبے نے روزگار پیدا کیا۔",
            ],
            ["حلال سرٹیفکیٹ", "حلال صنعت"],
        ),
    },
    "women-entrepreneurship": {
        "az": (
            ["Qadın sahibkarlar proqramı", "İş qadınlarına dəstək"],
            [
                "Qadınların idarə etdiyi müəssisələr mentorluq və qrant aldı.",
                "Qadın sahibkarlar şəbəkə qurdular.",
            ],
            ["qadın sahibkarlar", "qadın sahibkarlığı"],
        ),
        "id": (
            ["Program wirausaha perempuan", "Dukungan bagi pengusaha wanita"],
            [
                "Usaha yang dipimpin perempuan menerima pendampingan dan hibah.",
                "Pengusaha wanita membentuk jaringan.",
            ],
            ["wirausaha perempuan", "pengusaha wanita"],
        ),
        "ms": (
            ["Program usahawan wanita", "Sokongan kepada peniaga wanita"],
            [
                "Perniagaan yang diterajui wanita menerima bimbingan dan geran.",
                "Usahawan wanita membina rangkaian.",
            ],
            ["usahawan wanita", "keusahawanan wanita"],
        ),
        "ru": (
            ["Программа для женщин-предпринимателей", "Поддержка деловых женщин"],
            [
                "Предприятия, которыми руководят женщины, получили наставничество и гранты.",
                "Женщины-предприниматели создали сети.",
            ],
            ["женское предпринимательство", "женщины-предприниматели"],
        ),
        "ur": (
            ["خواتین کاروباری افراد کا پروگرام", "کاروباری خواتین کی معاونت"],
            [
                "خواتین کے زیر انتظام کاروباروں کو رہنمائی اور گرانٹس ملیں۔",
                "کاروباری خواتین نے نیٹ ورک بنائے۔",
            ],
            ["کاروباری خواتین", "خواتین کی کاروباری صلاحیت"],
        ),
    },
    "incubation": {
        "az": (
            ["Startaplar üçün biznes inkubatorları", "İnkubasiya və akselerasiya proqramı"],
            [
                "İnkubator yeni şirkətlərə ofis və məsləhət təqdim etdi.",
                "Akselerator startapları investorlarla görüşdürdü.",
            ],
            ["biznes inkubatoru", "akselerator"],
        ),
        "id": (
            ["Inkubator bisnis untuk perusahaan rintisan", "Program inkubasi dan akselerasi"],
            [
                "Inkubator menyediakan ruang kerja dan pendampingan bagi usaha baru.",
                "Akselerator mempertemukan startup dengan investor.",
            ],
            ["inkubator bisnis", "perusahaan rintisan"],
        ),
        "ms": (
            ["Inkubator perniagaan untuk syarikat pemula", "Program inkubasi dan pecutan"],
            [
                "Inkubator menyediakan ruang pejabat dan bimbingan kepada syarikat baharu.",
                "Pemecut menemukan syarikat pemula dengan pelabur.",
            ],
            ["inkubator perniagaan", "syarikat pemula"],
        ),
        "ru": (
            ["Бизнес-инкубаторы для стартапов", "Программа инкубации и акселерации"],
            [
                "Инкубатор предоставил новым компаниям офисы и консультации.",
                "Акселератор познакомил стартапы с инвесторами.",
            ],
            ["бизнес-инкубатор", "акселератор стартапов"],
        ),
        "ur": (
            ["نئے کاروبار کے لیے بزنس انکیوبیٹر", "انکیوبیشن اور ایکسلریشن پروگرام"],
            [
                "انکیوبیٹر نے نئی کمپنیوں کو دفتر اور مشاورت فراہم کی۔",
                "ایکسلریٹر نے اسٹارٹ اپس کو سرمایہ کاروں سے ملایا۔",
            ],
            ["بزنس انکیوبیٹر", "اسٹارٹ اپ"],
        ),
    },
    "green-transition": {
        "az": (
            ["Kiçik müəssisələrin yaşıl keçidi", "Enerji səmərəliliyi üçün qrantlar"],
            [
                "Müəssisələr enerji istehlakını və tullantıları azaltdılar.",
                "Günəş panelləri xərcləri azaltdı.",
            ],
            ["yaşıl keçid", "enerji səmərəliliyi"],
        ),
        "id": (
            ["Transisi hijau bagi usaha kecil", "Hibah efisiensi energi"],
            [
                "Usaha kecil mengurangi pemakaian energi dan limbah.",
                "Panel surya menurunkan biaya produksi.",
            ],
            ["ekonomi hijau", "efisiensi energi"],
        ),
        "ms": (
            ["Peralihan hijau perusahaan kecil", "Geran kecekapan tenaga"],
            [
                "Perniagaan mengurangkan penggunaan tenaga dan sisa.",
                "Panel solar mengurangkan kos.",
            ],
            ["peralihan hijau", "kecekapan tenaga"],
        ),
        "ru": (
            ["Зелёный переход малых предприятий", "Гранты на энергоэффективность"],
            [
                "Предприятия сократили потребление энергии и отходы.",
                "Солнечные панели снизили расходы.",
            ],
            ["зелёная экономика", "энергоэффективность"],
        ),
        "ur": (
            ["چھوٹے کاروبار کی ماحول دوست تبدیلی", "توانائی کی بچت کے لیے گرانٹس"],
            ["کاروباروں نے توانائی کا استعمال اور فضلہ کم کیا۔", "شمسی پینلوں نے اخراجات کم کیے۔"],
            ["ماحول دوست معیشت", "توانائی کی بچت"],
        ),
    },
    "innovation": {
        "az": (
            [
                "KOB-lar üçün innovasiya vauçerləri",
                "Universitetlə sənaye arasında tədqiqat əməkdaşlığı",
            ],
            [
                "Kiçik şirkətlər yeni məhsullar hazırlamaq üçün innovasiya qrantları aldılar.",
                "Tədqiqat və inkişaf layihələri patentlərlə nəticələndi.",
            ],
            ["innovasiya", "tədqiqat və inkişaf"],
        ),
        "id": (
            ["Voucher inovasi untuk UMKM", "Kerja sama riset universitas dan industri"],
            [
                "Perusahaan kecil menerima hibah inovasi untuk mengembangkan produk baru.",
                "Proyek penelitian dan pengembangan menghasilkan paten.",
            ],
            ["inovasi", "penelitian dan pengembangan"],
        ),
        "ms": (
            ["Baucar inovasi untuk PKS", "Kerjasama penyelidikan universiti dan industri"],
            [
                "Syarikat kecil menerima geran inovasi untuk membangunkan produk baharu.",
                "Projek penyelidikan dan pembangunan menghasilkan paten.",
            ],
            ["inovasi", "penyelidikan dan pembangunan"],
        ),
        "ru": (
            ["Инновационные ваучеры для МСП", "Исследования университетов и промышленности"],
            [
                "Малые компании получили гранты на инновации для разработки новых продуктов.",
                "Проекты исследований и разработок привели к патентам.",
            ],
            ["инновации", "исследования и разработки"],
        ),
        "ur": (
            ["چھوٹے کاروبار کے لیے جدت کے واؤچر", "جامعات اور صنعت کا تحقیقی تعاون"],
            [
                "چھوٹی کمپنیوں کو نئی مصنوعات بنانے کے لیے جدت کی گرانٹس ملیں۔",
                "تحقیق و ترقی کے منصوبوں سے پیٹنٹ حاصل ہوئے۔",
            ],
            ["جدت", "تحقیق و ترقی"],
        ),
    },
    "clusters-value-chains": {
        "az": (
            ["Toxuculuq klasterinin inkişafı", "Kiçik istehsalçıları dəyər zəncirinə qoşmaq"],
            [
                "Klasterdəki müəssisələr birgə satınalma və marketinq təşkil etdilər.",
                "Kiçik təchizatçılar iri şirkətlərin təchizat zəncirinə qoşuldu.",
            ],
            ["sənaye klasteri", "dəyər zənciri"],
        ),
        "id": (
            ["Pengembangan klaster tenun", "Menghubungkan produsen kecil ke rantai nilai"],
            [
                "Usaha dalam klaster melakukan pembelian dan pemasaran bersama.",
                "Pemasok kecil masuk ke rantai pasok perusahaan besar.",
            ],
            ["klaster industri", "rantai nilai"],
        ),
        "ms": (
            ["Pembangunan kluster tekstil", "Menghubungkan pengeluar kecil dengan rantaian nilai"],
            [
                "Perusahaan dalam kluster membuat pembelian dan pemasaran bersama.",
                "Pembekal kecil menyertai rantaian bekalan syarikat besar.",
            ],
            ["kluster industri", "rantaian nilai"],
        ),
        "ru": (
            [
                "Развитие текстильного кластера",
                "Включение малых производителей в цепочки создания стоимости",
            ],
            [
                "Предприятия кластера организовали совместные закупки и маркетинг.",
                "Малые поставщики вошли в цепочки поставок крупных компаний.",
            ],
            ["промышленный кластер", "цепочка создания стоимости"],
        ),
        "ur": (
            ["ٹیکسٹائل کلسٹر کی ترقی", "چھوٹے پیداکاروں کو ویلیو چین سے جوڑنا"],
            [
                "کلسٹر کے کاروباروں نے مشترکہ خریداری اور مارکیٹنگ کی۔",
                "چھوٹے سپلائرز بڑی کمپنیوں کی سپلائی چین میں شامل ہوئے۔",
            ],
            ["صنعتی کلسٹر", "ویلیو چین"],
        ),
    },
    "public-procurement": {
        "az": (
            ["Dövlət satınalmalarında KOB-ların payı", "Kiçik şirkətlər üçün tender təlimi"],
            [
                "Dövlət müqavilələrinin bir hissəsi kiçik müəssisələrə ayrıldı.",
                "Sahibkarlar tenderlərə müraciət etməyi öyrəndilər.",
            ],
            ["dövlət satınalmaları", "tender"],
        ),
        "id": (
            ["Pengadaan barang pemerintah bagi UMKM", "Pelatihan tender untuk usaha kecil"],
            [
                "Sebagian kontrak pemerintah dicadangkan untuk usaha kecil.",
                "Pengusaha belajar mengikuti lelang pengadaan.",
            ],
            ["pengadaan pemerintah", "lelang tender"],
        ),
        "ms": (
            ["Perolehan kerajaan untuk PKS", "Latihan tender bagi syarikat kecil"],
            [
                "Sebahagian kontrak kerajaan dikhaskan untuk perusahaan kecil.",
                "Usahawan belajar menyertai tender.",
            ],
            ["perolehan kerajaan", "tender awam"],
        ),
        "ru": (
            ["Государственные закупки у малого бизнеса", "Обучение участию в тендерах"],
            [
                "Часть государственных контрактов зарезервирована для малых предприятий.",
                "Предприниматели научились участвовать в тендерах.",
            ],
            ["государственные закупки", "тендеры"],
        ),
        "ur": (
            ["سرکاری خریداری میں چھوٹے کاروبار کا حصہ", "چھوٹی کمپنیوں کے لیے ٹینڈر کی تربیت"],
            [
                "سرکاری معاہدوں کا ایک حصہ چھوٹے کاروباروں کے لیے مختص کیا گیا۔",
                "کاروباری افراد نے ٹینڈر میں حصہ لینا سیکھا۔",
            ],
            ["سرکاری خریداری", "ٹینڈر"],
        ),
    },
    "entrepreneurship-training": {
        "az": (
            ["Gənclər üçün sahibkarlıq təlimi", "Biznes planı yazmaq kursu"],
            [
                "Gənclər biznes planı hazırlamağı və müəssisə açmağı öyrəndilər.",
                "Təlim keçənlərin çoxu öz biznesini qurdu.",
            ],
            ["sahibkarlıq təlimi", "biznes planı"],
        ),
        "id": (
            ["Pelatihan kewirausahaan bagi pemuda", "Kursus menyusun rencana bisnis"],
            [
                "Pemuda belajar menyusun rencana bisnis dan mendirikan usaha.",
                "Banyak peserta pelatihan membuka usaha sendiri.",
            ],
            ["pelatihan kewirausahaan", "rencana bisnis"],
        ),
        "ms": (
            ["Latihan keusahawanan untuk belia", "Kursus menulis pelan perniagaan"],
            [
                "Belia belajar menyediakan pelan perniagaan dan membuka syarikat.",
                "Ramai peserta membuka perniagaan sendiri.",
            ],
            ["latihan keusahawanan", "pelan perniagaan"],
        ),
        "ru": (
            ["Обучение предпринимательству для молодёжи", "Курс по составлению бизнес-плана"],
            [
                "Молодые люди научились составлять бизнес-план и открывать предприятие.",
                "Многие выпускники курса открыли своё дело.",
            ],
            ["обучение предпринимательству", "бизнес-план"],
        ),
        "ur": (
            ["نوجوانوں کے لیے کاروباری تربیت", "کاروباری منصوبہ لکھنے کا کورس"],
            [
                "نوجوانوں نے کاروباری منصوبہ بنانا اور کاروبار شروع کرنا سیکھا۔",
                "بہت سے شرکاء نے اپنا کاروبار شروع کیا۔",
            ],
            ["کاروباری تربیت", "کاروباری منصوبہ"],
        ),
    },
    "legal-assistance": {
        "az": (
            ["Kiçik müəssisələr üçün hüquqi yardım", "Müqavilələr üzrə pulsuz hüquq məsləhəti"],
            [
                "Hüquqşünaslar sahibkarlara müqavilələr və mübahisələr üzrə məsləhət verdi.",
                "Mübahisələr məhkəməyə getmədən həll olundu.",
            ],
            ["hüquqi yardım", "hüquq məsləhəti"],
        ),
        "id": (
            ["Bantuan hukum bagi usaha kecil", "Konsultasi hukum gratis tentang kontrak"],
            [
                "Pengacara memberi nasihat kepada pengusaha tentang kontrak dan sengketa.",
                "Sengketa diselesaikan tanpa pengadilan.",
            ],
            ["bantuan hukum", "konsultasi hukum"],
        ),
        "ms": (
            ["Bantuan guaman untuk perusahaan kecil", "Khidmat nasihat undang-undang percuma"],
            [
                "Peguam menasihati usahawan tentang kontrak dan pertikaian.",
                "Pertikaian diselesaikan tanpa ke mahkamah.",
            ],
            ["bantuan guaman", "nasihat undang-undang"],
        ),
        "ru": (
            [
                "Юридическая помощь малым предприятиям",
                "Бесплатные юридические консультации по договорам",
            ],
            [
                "Юристы консультировали предпринимателей по договорам и спорам.",
                "Споры урегулированы без суда.",
            ],
            ["юридическая помощь", "юридическая консультация"],
        ),
        "ur": (
            ["چھوٹے کاروبار کے لیے قانونی امداد", "معاہدوں پر مفت قانونی مشورہ"],
            [
                "وکلا نے کاروباری افراد کو معاہدوں اور تنازعات پر مشورہ دیا۔",
                "تنازعات عدالت کے بغیر حل ہو گئے۔",
            ],
            ["قانونی امداد", "قانونی مشورہ"],
        ),
    },
    "sme-statistics": {
        "az": (
            ["KOB statistikası və sorğular", "Kiçik müəssisələr haqqında məlumat bazası"],
            [
                "Statistika idarəsi kiçik müəssisələrin sayını və məşğulluğu ölçdü.",
                "Sorğu nəticələri hər il dərc olunur.",
            ],
            ["KOB statistikası", "məlumat bazası"],
        ),
        "id": (
            ["Statistik UMKM dan survei usaha", "Basis data usaha kecil"],
            [
                "Badan statistik mengukur jumlah usaha kecil dan tenaga kerjanya.",
                "Hasil survei diterbitkan setiap tahun.",
            ],
            ["statistik umkm", "data usaha kecil"],
        ),
        "ms": (
            ["Statistik PKS dan banci perniagaan", "Pangkalan data perusahaan kecil"],
            [
                "Jabatan perangkaan mengukur bilangan perusahaan kecil dan pekerjaan.",
                "Keputusan banci diterbitkan setiap tahun.",
            ],
            ["statistik pks", "pangkalan data"],
        ),
        "ru": (
            ["Статистика МСП и обследования", "База данных о малых предприятиях"],
            [
                "Статистическое ведомство измерило число малых предприятий и занятость.",
                "Результаты обследования публикуются ежегодно.",
            ],
            ["статистика малого бизнеса", "база данных предприятий"],
        ),
        "ur": (
            ["چھوٹے کاروبار کے اعداد و شمار اور سروے", "چھوٹے اداروں کا ڈیٹا بیس"],
            [
                "شماریات کے ادارے نے چھوٹے کاروباروں کی تعداد اور روزگار کی پیمائش کی۔",
                "سروے کے نتائج ہر سال شائع ہوتے ہیں۔",
            ],
            ["کاروباری اعداد و شمار", "ڈیٹا بیس"],
        ),
    },
}

FILLER_MORE = {
    "az": [
        "Nəticələr hər il qiymətləndirildi.",
        "Milli agentlik proqramı regional ofislərlə həyata keçirdi.",
    ],
    "id": [
        "Hasilnya dievaluasi setiap tahun.",
        "Badan nasional menjalankan program melalui kantor daerah.",
    ],
    "ms": [
        "Hasilnya dinilai setiap tahun.",
        "Agensi kebangsaan menjalankan program melalui pejabat wilayah.",
    ],
    "ru": [
        "Результаты оценивались ежегодно.",
        "Национальное агентство реализовало программу через региональные офисы.",
    ],
    "ur": ["نتائج کا ہر سال جائزہ لیا گیا۔", "قومی ادارے نے علاقائی دفاتر کے ذریعے پروگرام چلایا۔"],
}

# Queries of each kind of miss: (language, query, topic, kind). Written as visitors type them.
HARD_QUERIES = [
    # typos and misspellings (also inside compounds and hyphenated words)
    ("en", "acess to finanse", "access-to-finance", "typo"),
    ("en", "entreprenuer training", "entrepreneurship-training", "typo"),
    ("en", "buisness incubator", "incubation", "typo"),
    ("en", "credit guarentee", "credit-guarantees", "typo"),
    ("en", "digital transformaton", "digital-transformation", "typo"),
    ("en", "halal certfication", "halal-industry", "typo"),
    ("fr", "subvension innovation", "innovation", "typo"),
    ("fr", "promotion des exportatoins", "export-promotion", "typo"),
    ("fr", "assitance juridique", "legal-assistance", "typo"),
    ("fr", "transformation numerque", "digital-transformation", "typo"),
    ("ar", "الصادرت", "export-promotion", "typo"),
    ("ar", "التمويل الاسلامى", "islamic-finance", "typo"),
    ("ar", "حاضنت الأعمال", "incubation", "typo"),
    ("ar", "ضمان القرووض", "credit-guarantees", "typo"),
    ("tr", "dijital donusum", "digital-transformation", "typo"),
    ("tr", "kadin girisimciler", "women-entrepreneurship", "typo"),
    ("tr", "ihracat tesvikı", "export-promotion", "typo"),
    ("tr", "kamu ihaleler", "public-procurement", "typo"),
    ("az", "qadin sahibkarlar", "women-entrepreneurship", "typo"),
    ("az", "reqemsal transformasiya", "digital-transformation", "typo"),
    ("id", "pembiyaan syariah", "islamic-finance", "typo"),
    ("id", "inkubatr bisnis", "incubation", "typo"),
    ("ms", "keusahawanan wanitaa", "women-entrepreneurship", "typo"),
    ("ms", "pensijilan halall", "halal-industry", "typo"),
    ("ru", "цыфровая трансформация", "digital-transformation", "typo"),
    ("ru", "гарантийный фонт", "credit-guarantees", "typo"),
    ("ur", "اسلامی مالیت", "islamic-finance", "typo"),
    ("ur", "حلال سرٹیفیکیشن", "halal-industry", "typo"),
    ("en", "e-comerce support", "digital-transformation", "typo"),
    ("en", "value-chian development", "clusters-value-chains", "typo"),
    # transliterations (Latin <-> Arabic script; Urdu/Persian letters for Arabic ones)
    ("en", "murabaha", "islamic-finance", "transliteration"),
    ("en", "ijara", "islamic-finance", "transliteration"),
    ("en", "takaful", "islamic-finance", "transliteration"),
    ("en", "riyadat al aamal", "entrepreneurship-training", "transliteration"),
    ("en", "halal sanayi", "halal-industry", "transliteration"),
    ("ar", "مورابحة", "islamic-finance", "transliteration"),
    ("ar", "تكافل", "islamic-finance", "transliteration"),
    ("ar", "هلال سرتيفيكا", "halal-industry", "transliteration"),
    ("ar", "ديجيتال", "digital-transformation", "transliteration"),
    ("ar", "انكيوبيتر", "incubation", "transliteration"),
    ("ur", "اسلامک فنانس", "islamic-finance", "transliteration"),
    ("ur", "ای کامرس", "digital-transformation", "transliteration"),
    ("ur", "ایکسپورٹ", "export-promotion", "transliteration"),
    ("ur", "تامین مالی اسلامی", "islamic-finance", "transliteration"),
    ("tr", "murabaha finansmanı", "islamic-finance", "transliteration"),
    ("id", "murabahah", "islamic-finance", "transliteration"),
    ("ms", "ijarah", "islamic-finance", "transliteration"),
    ("ru", "мурабаха", "islamic-finance", "transliteration"),
    ("en", "sukuk for small business", "islamic-finance", "transliteration"),
    ("ar", "الحاضنات", "incubation", "transliteration"),
    # acronyms and expansions across languages
    ("en", "SME loans", "access-to-finance", "acronym"),
    ("en", "MSME finance", "access-to-finance", "acronym"),
    ("en", "R&D", "innovation", "acronym"),
    ("en", "SME statistics", "sme-statistics", "acronym"),
    ("en", "SMEs export", "export-promotion", "acronym"),
    ("fr", "PME numérique", "digital-transformation", "acronym"),
    ("fr", "financement des TPE", "access-to-finance", "acronym"),
    ("fr", "R-D PME", "innovation", "acronym"),
    ("tr", "KOBİ ihracat", "export-promotion", "acronym"),
    ("tr", "KOBİ istatistikleri", "sme-statistics", "acronym"),
    ("tr", "Ar-Ge", "innovation", "acronym"),
    ("az", "KOB maliyyə", "access-to-finance", "acronym"),
    ("az", "KOBİA", "sme-statistics", "acronym"),
    ("id", "UMKM ekspor", "export-promotion", "acronym"),
    ("id", "statistik UKM", "sme-statistics", "acronym"),
    ("ms", "PKS eksport", "export-promotion", "acronym"),
    ("ms", "R&D PKS", "innovation", "acronym"),
    ("ru", "МСП экспорт", "export-promotion", "acronym"),
    ("ru", "НИОКР", "innovation", "acronym"),
    ("ru", "статистика МСП", "sme-statistics", "acronym"),
    ("ar", "المنشآت الصغيرة والمتوسطة تمويل", "access-to-finance", "acronym"),
    ("ur", "ایس ایم ای قرضے", "access-to-finance", "acronym"),
    ("en", "small and medium enterprises statistics", "sme-statistics", "acronym"),
    ("en", "ICT for SMEs", "digital-transformation", "acronym"),
    # paraphrases (words the documents do not use)
    ("en", "start-up grants", "incubation", "paraphrase"),
    ("en", "how can a small shop borrow money", "access-to-finance", "paraphrase"),
    ("en", "selling products abroad", "export-promotion", "paraphrase"),
    ("en", "bank will not lend without collateral", "credit-guarantees", "paraphrase"),
    ("en", "interest-free banking", "islamic-finance", "paraphrase"),
    ("en", "help for female business owners", "women-entrepreneurship", "paraphrase"),
    ("en", "reduce electricity bills of factories", "green-transition", "paraphrase"),
    ("en", "selling to the government", "public-procurement", "paraphrase"),
    ("en", "lawyer for my company", "legal-assistance", "paraphrase"),
    ("en", "how many small firms are there", "sme-statistics", "paraphrase"),
    ("fr", "vendre sur internet", "digital-transformation", "paraphrase"),
    ("fr", "aider les jeunes à créer leur entreprise", "entrepreneurship-training", "paraphrase"),
    ("fr", "emprunter sans garantie", "credit-guarantees", "paraphrase"),
    ("ar", "كيف أبيع منتجاتي في الخارج", "export-promotion", "paraphrase"),
    ("ar", "منح التأسيس للشركات الجديدة", "incubation", "paraphrase"),
    ("ar", "تقليل استهلاك الكهرباء", "green-transition", "paraphrase"),
    ("tr", "hibe desteği yeni şirketler", "incubation", "paraphrase"),
    ("tr", "devlete mal satmak", "public-procurement", "paraphrase"),
    ("az", "xaricə məhsul satmaq", "export-promotion", "paraphrase"),
    ("id", "jualan online untuk warung", "digital-transformation", "paraphrase"),
    ("id", "modal tanpa bunga", "islamic-finance", "paraphrase"),
    ("ms", "menjual produk ke luar negara", "export-promotion", "paraphrase"),
    ("ms", "bantuan untuk ibu tunggal berniaga", "women-entrepreneurship", "paraphrase"),
    ("ru", "как взять кредит на бизнес", "access-to-finance", "paraphrase"),
    ("ru", "продавать товары за границу", "export-promotion", "paraphrase"),
    ("ur", "بیرون ملک مال بیچنا", "export-promotion", "paraphrase"),
    ("ur", "نئی کمپنی کے لیے گرانٹ", "incubation", "paraphrase"),
    ("en", "patents from university research", "innovation", "paraphrase"),
    ("en", "firms in the same industry working together", "clusters-value-chains", "paraphrase"),
    ("fr", "combien de petites entreprises", "sme-statistics", "paraphrase"),
]
