"""Writes the judged test set (corpus.jsonl, queries.json) deterministically; run it only to change
the set. 15 topics x 4 languages (ar/en/fr/tr) x 3 best practices = 180 documents, varied on
purpose: Arabic with and without diacritics, with the conjunction/article prefixes and with broken
plurals; French and Turkish with and without accents; English plurals. Each query is judged
relevant to every document of its topic, in every language (cross-lingual search is the goal);
documents of the query's own language get grade 2, the others grade 1.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNTRIES = ["AZE", "TUR", "SAU", "MAR", "EGY", "JOR", "MYS", "IDN", "PAK", "SEN", "DZA", "TUN"]

# topic: subject code, then per language: (title variants, body sentences, queries)
TOPICS = {
    "access-to-finance": {
        "en": (
            [
                "Access to finance for small firms",
                "Microloans for small businesses",
                "Bank loans for SMEs",
            ],
            [
                "The agency helps small firms obtain loans and credit lines.",
                "Entrepreneurs got access to finance through partner banks.",
            ],
            ["access to finance", "loans for small businesses"],
        ),
        "fr": (
            [
                "Accès au financement des petites entreprises",
                "Microcrédits pour les PME",
                "Prêts bancaires aux entreprises",
            ],
            [
                "L'agence facilite l'accès au crédit et aux prêts.",
                "Les entrepreneurs obtiennent des financements auprès des banques.",
            ],
            ["accès au financement", "prêts aux PME"],
        ),
        "ar": (
            [
                "الوصول إلى التمويل للمشاريع الصغيرة",
                "قروض صغيرة لأصحاب المشاريع",
                "تَمْوِيل المنشآت الصغيرة والمتوسطة",
            ],
            [
                "تساعد الوكالة المشاريع على الحصول على القروض والتمويل.",
                "وحصل رواد الأعمال على التمويل من البنوك الشريكة.",
            ],
            ["الوصول إلى التمويل", "قرض للمشروعات"],
        ),
        "tr": (
            [
                "Küçük işletmeler için finansmana erişim",
                "KOBİ'lere banka kredileri",
                "Mikro krediler ve finansman",
            ],
            [
                "Ajans işletmelerin kredi almasını kolaylaştırır.",
                "Girişimciler bankalardan finansman sağladı.",
            ],
            ["finansmana erişim", "KOBİ kredileri"],
        ),
    },
    "credit-guarantees": {
        "en": (
            [
                "Credit guarantee scheme",
                "Loan guarantees for start-ups",
                "Guarantee fund for exporters",
            ],
            [
                "The fund guarantees part of each bank loan, so collateral requirements fall.",
                "Guarantees covered seventy per cent of the credit.",
            ],
            ["credit guarantee", "loan guarantees"],
        ),
        "fr": (
            [
                "Fonds de garantie des crédits",
                "Garanties de prêts aux jeunes entreprises",
                "Mécanisme de garantie bancaire",
            ],
            [
                "Le fonds garantit une partie des prêts bancaires.",
                "Les garanties réduisent les sûretés exigées.",
            ],
            ["garantie de crédit", "fonds de garantie"],
        ),
        "ar": (
            ["برنامج ضمان القروض", "ضمانات القروض للمنشآت الناشئة", "صندوق الضمان للمصدرين"],
            ["يضمن الصندوق جزءا من كل قرض مصرفي.", "وغطت الضمانات نسبة كبيرة من الائتمان."],
            ["ضمان القروض", "الضمانات"],
        ),
        "tr": (
            [
                "Kredi garanti sistemi",
                "Girişimler için kredi kefaleti",
                "İhracatçılar için garanti fonu",
            ],
            [
                "Fon her banka kredisinin bir kısmına kefil olur.",
                "Garantiler teminat ihtiyacını azalttı.",
            ],
            ["kredi garantisi", "kefalet"],
        ),
    },
    "islamic-finance": {
        "en": (
            [
                "Islamic finance for SMEs",
                "Murabaha financing for traders",
                "Participation banking for small firms",
            ],
            [
                "Sharia-compliant financing such as murabaha and ijara.",
                "Islamic banks offered profit-sharing products.",
            ],
            ["islamic finance", "murabaha"],
        ),
        "fr": (
            [
                "Finance islamique pour les PME",
                "Financement mourabaha des commerçants",
                "Banque participative et entreprises",
            ],
            [
                "Des produits conformes à la charia, comme la mourabaha.",
                "Les banques islamiques proposent le partage des bénéfices.",
            ],
            ["finance islamique", "banque participative"],
        ),
        "ar": (
            [
                "التمويل الإسلامي للمنشآت الصغيرة",
                "تمويل المرابحة للتجار",
                "الصيرفة الإسلامية والمشاريع",
            ],
            [
                "منتجات متوافقة مع الشريعة مثل المرابحة والإجارة.",
                "وقدمت المصارف الإسلامية صيغ المشاركة.",
            ],
            ["التمويل الإسلامي", "المرابحة"],
        ),
        "tr": (
            [
                "KOBİ'ler için İslami finans",
                "Tüccarlar için murabaha finansmanı",
                "Katılım bankacılığı ve işletmeler",
            ],
            [
                "Murabaha ve icara gibi faizsiz finansman ürünleri.",
                "Katılım bankaları kâr paylaşımı sundu.",
            ],
            ["islami finans", "katılım bankacılığı"],
        ),
    },
    "digital-transformation": {
        "en": (
            [
                "Digital transformation of small businesses",
                "E-commerce support for retailers",
                "Digitalisation vouchers",
            ],
            [
                "Firms received help to sell online and adopt digital tools.",
                "The programme trained owners in e-commerce.",
            ],
            ["digital transformation", "e-commerce"],
        ),
        "fr": (
            [
                "Transformation numérique des PME",
                "Commerce électronique pour les détaillants",
                "Chèques de numérisation",
            ],
            [
                "Les entreprises vendent en ligne grâce aux outils numériques.",
                "Le programme forme les dirigeants au commerce électronique.",
            ],
            ["transformation numérique", "commerce électronique"],
        ),
        "ar": (
            [
                "التحول الرقمي للمشاريع الصغيرة",
                "دعم التجارة الإلكترونية لتجار التجزئة",
                "قسائم الرقمنة للمنشآت",
            ],
            [
                "حصلت الشركات على دعم للبيع عبر الإنترنت واعتماد الأدوات الرقمية.",
                "ودرب البرنامج أصحاب المشاريع على التجارة الإلكترونية.",
            ],
            ["التحول الرقمي", "التجارة الالكترونية"],
        ),
        "tr": (
            [
                "Küçük işletmelerin dijital dönüşümü",
                "Perakendeciler için e-ticaret desteği",
                "Dijitalleşme çekleri",
            ],
            [
                "İşletmeler çevrim içi satış ve dijital araçlar için destek aldı.",
                "Program işletme sahiplerine e-ticaret eğitimi verdi.",
            ],
            ["dijital dönüşüm", "e-ticaret"],
        ),
    },
    "export-promotion": {
        "en": (
            [
                "Export promotion for small manufacturers",
                "Helping SMEs enter foreign markets",
                "Export readiness programme",
            ],
            [
                "Trade fairs and market studies opened foreign markets.",
                "Exports of participating firms grew.",
            ],
            ["export promotion", "foreign markets"],
        ),
        "fr": (
            [
                "Promotion des exportations des PME",
                "Accès aux marchés étrangers",
                "Programme de préparation à l'export",
            ],
            [
                "Les salons et études de marché ouvrent les marchés étrangers.",
                "Les exportations des entreprises ont augmenté.",
            ],
            ["promotion des exportations", "marchés étrangers"],
        ),
        "ar": (
            [
                "تنمية الصادرات للمصنعين الصغار",
                "دخول الأسواق الخارجية للمنشآت",
                "برنامج الجاهزية للتصدير",
            ],
            [
                "فتحت المعارض التجارية ودراسات السوق الأسواق الخارجية.",
                "ونمت صادرات الشركات المشاركة في التصدير.",
            ],
            ["التصدير", "الأسواق الخارجية"],
        ),
        "tr": (
            [
                "Küçük üreticiler için ihracatın geliştirilmesi",
                "KOBİ'lerin dış pazarlara girişi",
                "İhracata hazırlık programı",
            ],
            [
                "Fuarlar ve pazar araştırmaları dış pazarları açtı.",
                "Katılımcı firmaların ihracatı arttı.",
            ],
            ["ihracat", "dış pazarlar"],
        ),
    },
    "halal-industry": {
        "en": (
            [
                "Halal certification for food producers",
                "Halal industry development",
                "Halal standards for exporters",
            ],
            [
                "Producers obtained halal certificates recognised abroad.",
                "The halal sector created jobs.",
            ],
            ["halal certification", "halal industry"],
        ),
        "fr": (
            [
                "Certification halal des producteurs",
                "Développement de l'industrie halal",
                "Normes halal pour les exportateurs",
            ],
            [
                "Les producteurs obtiennent des certificats halal reconnus.",
                "Le secteur halal crée des emplois.",
            ],
            ["certification halal", "industrie halal"],
        ),
        "ar": (
            ["شهادة الحلال لمنتجي الأغذية", "تطوير صناعة الحلال", "معايير الحلال للمصدرين"],
            ["حصل المنتجون على شهادات حلال معترف بها.", "ووفر قطاع الحلال فرص عمل."],
            ["شهادات الحلال", "صناعة الحلال"],
        ),
        "tr": (
            [
                "Gıda üreticileri için helal sertifikası",
                "Helal sanayinin geliştirilmesi",
                "İhracatçılar için helal standartları",
            ],
            ["Üreticiler tanınan helal sertifikaları aldı.", "Helal sektörü istihdam yarattı."],
            ["helal sertifikası", "helal sanayi"],
        ),
    },
    "women-entrepreneurship": {
        "en": (
            [
                "Women entrepreneurs programme",
                "Support for businesswomen",
                "Female-owned enterprises fund",
            ],
            [
                "Women-led businesses received mentoring and grants.",
                "Businesswomen formed networks.",
            ],
            ["women entrepreneurs", "businesswomen"],
        ),
        "fr": (
            [
                "Programme pour les femmes entrepreneures",
                "Soutien aux femmes chefs d'entreprise",
                "Fonds pour l'entrepreneuriat féminin",
            ],
            [
                "Les entreprises dirigées par des femmes reçoivent un accompagnement.",
                "Les femmes entrepreneures créent des réseaux.",
            ],
            ["femmes entrepreneures", "entrepreneuriat féminin"],
        ),
        "ar": (
            ["برنامج رائدات الأعمال", "دعم سيدات الأعمال", "صندوق ريادة الأعمال النسائية"],
            [
                "حصلت المشاريع التي تقودها النساء على الإرشاد والمنح.",
                "وأنشأت رائدات الأعمال شبكات.",
            ],
            ["رائدات الأعمال", "سيدات الاعمال"],
        ),
        "tr": (
            ["Kadın girişimciler programı", "İş kadınlarına destek", "Kadın girişimciliği fonu"],
            [
                "Kadınların yönettiği işletmeler mentorluk ve hibe aldı.",
                "Kadın girişimciler ağlar kurdu.",
            ],
            ["kadın girişimciler", "kadın girişimciliği"],
        ),
    },
    "incubation": {
        "en": (
            [
                "Business incubators for start-ups",
                "Incubation and acceleration programme",
                "Technology incubator network",
            ],
            [
                "Incubators offered office space and coaching.",
                "Start-ups graduated from the accelerator.",
            ],
            ["business incubators", "incubation"],
        ),
        "fr": (
            [
                "Incubateurs d'entreprises pour les start-up",
                "Programme d'incubation et d'accélération",
                "Réseau d'incubateurs technologiques",
            ],
            [
                "Les incubateurs offrent des bureaux et un accompagnement.",
                "Les jeunes pousses sortent de l'accélérateur.",
            ],
            ["incubateurs", "incubation"],
        ),
        "ar": (
            ["حاضنات الأعمال للشركات الناشئة", "برنامج الاحتضان والتسريع", "شبكة الحاضنات التقنية"],
            ["قدمت الحاضنات مكاتب وتوجيها.", "وتخرجت الشركات الناشئة من المسرعة."],
            ["حاضنات الأعمال", "الحاضنة"],
        ),
        "tr": (
            [
                "Girişimler için iş kuluçka merkezleri",
                "Kuluçka ve hızlandırma programı",
                "Teknoloji kuluçka ağı",
            ],
            [
                "Kuluçka merkezleri ofis ve koçluk sağladı.",
                "Girişimler hızlandırıcıdan mezun oldu.",
            ],
            ["kuluçka merkezleri", "kuluçka"],
        ),
    },
    "green-transition": {
        "en": (
            [
                "Energy efficiency in small factories",
                "Green transition of SMEs",
                "Solar power for workshops",
            ],
            [
                "Factories cut energy use with efficient machines.",
                "The green programme reduced emissions.",
            ],
            ["energy efficiency", "green transition"],
        ),
        "fr": (
            [
                "Efficacité énergétique des petites usines",
                "Transition verte des PME",
                "Énergie solaire pour les ateliers",
            ],
            [
                "Les usines réduisent leur consommation d'énergie.",
                "Le programme vert réduit les émissions.",
            ],
            ["efficacité énergétique", "transition verte"],
        ),
        "ar": (
            ["كفاءة الطاقة في المصانع الصغيرة", "التحول الأخضر للمنشآت", "الطاقة الشمسية للورش"],
            ["خفضت المصانع استهلاك الطاقة بآلات فعالة.", "وقلل البرنامج الأخضر الانبعاثات."],
            ["كفاءة الطاقة", "الاقتصاد الأخضر"],
        ),
        "tr": (
            [
                "Küçük fabrikalarda enerji verimliliği",
                "KOBİ'lerin yeşil dönüşümü",
                "Atölyeler için güneş enerjisi",
            ],
            [
                "Fabrikalar verimli makinelerle enerji kullanımını azalttı.",
                "Yeşil program emisyonları düşürdü.",
            ],
            ["enerji verimliliği", "yeşil dönüşüm"],
        ),
    },
    "innovation": {
        "en": (
            [
                "Innovation vouchers for SMEs",
                "Research and development grants",
                "Product innovation programme",
            ],
            [
                "Firms bought research services with innovation vouchers.",
                "New products reached the market.",
            ],
            ["innovation vouchers", "research and development"],
        ),
        "fr": (
            [
                "Chèques innovation pour les PME",
                "Subventions à la recherche et au développement",
                "Programme d'innovation produit",
            ],
            [
                "Les entreprises achètent des services de recherche.",
                "De nouveaux produits arrivent sur le marché.",
            ],
            ["chèques innovation", "recherche et développement"],
        ),
        "ar": (
            ["قسائم الابتكار للمنشآت", "منح البحث والتطوير", "برنامج ابتكار المنتجات"],
            ["اشترت الشركات خدمات البحث بقسائم الابتكار.", "ووصلت منتجات جديدة إلى السوق."],
            ["الابتكار", "البحث والتطوير"],
        ),
        "tr": (
            ["KOBİ'ler için inovasyon çekleri", "Ar-Ge hibeleri", "Ürün inovasyonu programı"],
            ["Firmalar inovasyon çekleriyle araştırma hizmeti aldı.", "Yeni ürünler pazara çıktı."],
            ["inovasyon", "ar-ge hibeleri"],
        ),
    },
    "clusters-value-chains": {
        "en": (
            [
                "Industrial clusters of small producers",
                "Linking SMEs to value chains",
                "Textile cluster development",
            ],
            [
                "Clusters joined suppliers and buyers.",
                "Small suppliers entered the value chains of large firms.",
            ],
            ["industrial clusters", "value chains"],
        ),
        "fr": (
            [
                "Grappes industrielles de petits producteurs",
                "Intégrer les PME aux chaînes de valeur",
                "Développement d'un pôle textile",
            ],
            [
                "Les grappes relient fournisseurs et acheteurs.",
                "Les petits fournisseurs intègrent les chaînes de valeur.",
            ],
            ["grappes industrielles", "chaînes de valeur"],
        ),
        "ar": (
            ["العناقيد الصناعية لصغار المنتجين", "ربط المنشآت بسلاسل القيمة", "تطوير عنقود النسيج"],
            [
                "ربطت العناقيد الموردين بالمشترين.",
                "ودخل صغار الموردين سلاسل القيمة للشركات الكبيرة.",
            ],
            ["العناقيد الصناعية", "سلاسل القيمة"],
        ),
        "tr": (
            [
                "Küçük üreticilerin sanayi kümeleri",
                "KOBİ'leri değer zincirlerine bağlamak",
                "Tekstil kümesi geliştirme",
            ],
            [
                "Kümeler tedarikçileri ve alıcıları buluşturdu.",
                "Küçük tedarikçiler büyük firmaların değer zincirine girdi.",
            ],
            ["sanayi kümeleri", "değer zincirleri"],
        ),
    },
    "public-procurement": {
        "en": (
            [
                "Public procurement open to SMEs",
                "Small firms winning government tenders",
                "Set-asides in public contracts",
            ],
            [
                "A share of public tenders was reserved for small firms.",
                "SMEs won government contracts.",
            ],
            ["public procurement", "government tenders"],
        ),
        "fr": (
            [
                "Marchés publics ouverts aux PME",
                "Les petites entreprises remportent des appels d'offres",
                "Réserves dans les contrats publics",
            ],
            [
                "Une part des appels d'offres publics est réservée aux PME.",
                "Les PME gagnent des marchés publics.",
            ],
            ["marchés publics", "appels d'offres"],
        ),
        "ar": (
            [
                "المشتريات الحكومية المفتوحة للمنشآت",
                "فوز الشركات الصغيرة بالمناقصات الحكومية",
                "حصص في العقود العامة",
            ],
            ["خصصت نسبة من المناقصات العامة للشركات الصغيرة.", "وفازت المنشآت بعقود حكومية."],
            ["المشتريات الحكومية", "المناقصات"],
        ),
        "tr": (
            [
                "KOBİ'lere açık kamu alımları",
                "Küçük firmaların kamu ihalelerini kazanması",
                "Kamu sözleşmelerinde KOBİ payı",
            ],
            [
                "Kamu ihalelerinin bir kısmı küçük firmalara ayrıldı.",
                "KOBİ'ler kamu sözleşmeleri kazandı.",
            ],
            ["kamu alımları", "kamu ihaleleri"],
        ),
    },
    "entrepreneurship-training": {
        "en": (
            [
                "Entrepreneurship training courses",
                "Training of trainers for business coaches",
                "Management training for owners",
            ],
            [
                "Owners attended training courses on management and accounting.",
                "Trainers were certified.",
            ],
            ["entrepreneurship training", "training courses"],
        ),
        "fr": (
            [
                "Formations à l'entrepreneuriat",
                "Formation de formateurs en gestion",
                "Cours de gestion pour les dirigeants",
            ],
            [
                "Les dirigeants suivent des formations en gestion et comptabilité.",
                "Les formateurs sont certifiés.",
            ],
            ["formation entrepreneuriat", "formations"],
        ),
        "ar": (
            [
                "دورات تدريبية في ريادة الأعمال",
                "تدريب المدربين لمستشاري الأعمال",
                "التدريب الإداري لأصحاب المشاريع",
            ],
            ["حضر أصحاب المشاريع دورات تدريبية في الإدارة والمحاسبة.", "وتم اعتماد المدربين."],
            ["التدريب", "الدورات التدريبية"],
        ),
        "tr": (
            [
                "Girişimcilik eğitim kursları",
                "İş danışmanları için eğiticilerin eğitimi",
                "İşletme sahiplerine yönetim eğitimi",
            ],
            [
                "İşletme sahipleri yönetim ve muhasebe kurslarına katıldı.",
                "Eğiticiler sertifika aldı.",
            ],
            ["girişimcilik eğitimi", "eğitim kursları"],
        ),
    },
    "legal-assistance": {
        "en": (
            [
                "Free legal advice for small businesses",
                "Legal assistance desk for entrepreneurs",
                "Help with contracts and licences",
            ],
            [
                "Lawyers advised owners on contracts, licences and disputes.",
                "Legal assistance was free of charge.",
            ],
            ["legal assistance", "legal advice"],
        ),
        "fr": (
            [
                "Conseil juridique gratuit pour les PME",
                "Guichet d'assistance juridique",
                "Aide aux contrats et licences",
            ],
            [
                "Des avocats conseillent sur les contrats et les litiges.",
                "L'assistance juridique est gratuite.",
            ],
            ["assistance juridique", "conseil juridique"],
        ),
        "ar": (
            [
                "استشارات قانونية مجانية للمشاريع الصغيرة",
                "مكتب المساعدة القانونية لرواد الأعمال",
                "المساعدة في العقود والتراخيص",
            ],
            [
                "قدم المحامون المشورة بشأن العقود والتراخيص والنزاعات.",
                "وكانت المساعدة القانونية مجانية.",
            ],
            ["المساعدة القانونية", "الاستشارات القانونية"],
        ),
        "tr": (
            [
                "Küçük işletmelere ücretsiz hukuki danışmanlık",
                "Girişimciler için hukuki destek masası",
                "Sözleşme ve lisanslarda yardım",
            ],
            [
                "Avukatlar sözleşmeler ve uyuşmazlıklar konusunda danışmanlık verdi.",
                "Hukuki destek ücretsizdi.",
            ],
            ["hukuki destek", "hukuki danışmanlık"],
        ),
    },
    "sme-statistics": {
        "en": (
            [
                "National SME definition and statistics",
                "SME census and survey",
                "Harmonising SME statistics",
            ],
            [
                "The statistics office counted enterprises by size class.",
                "A survey measured employment in small firms.",
            ],
            ["SME statistics", "SME definition"],
        ),
        "fr": (
            [
                "Définition nationale et statistiques des PME",
                "Recensement des PME",
                "Harmoniser les statistiques des PME",
            ],
            [
                "L'institut compte les entreprises par taille.",
                "Une enquête mesure l'emploi des petites entreprises.",
            ],
            ["statistiques des PME", "définition des PME"],
        ),
        "ar": (
            [
                "التعريف الوطني وإحصاءات المنشآت الصغيرة والمتوسطة",
                "مسح وتعداد المنشآت",
                "توحيد إحصاءات المشاريع",
            ],
            ["أحصى جهاز الإحصاء المنشآت حسب الحجم.", "وقاس مسح التوظيف في المنشآت الصغيرة."],
            ["إحصاءات المنشآت", "تعريف المنشآت الصغيرة والمتوسطة"],
        ),
        "tr": (
            [
                "Ulusal KOBİ tanımı ve istatistikleri",
                "KOBİ sayımı ve anketi",
                "KOBİ istatistiklerinin uyumlaştırılması",
            ],
            [
                "İstatistik kurumu işletmeleri büyüklüğe göre saydı.",
                "Bir anket küçük işletmelerde istihdamı ölçtü.",
            ],
            ["KOBİ istatistikleri", "KOBİ tanımı"],
        ),
    },
}

FILLER = {
    "en": [
        "The national agency ran the scheme with regional offices.",
        "Results were reviewed each year.",
    ],
    "fr": [
        "L'agence nationale a mené le programme avec ses bureaux régionaux.",
        "Les résultats sont évalués chaque année.",
    ],
    "ar": ["نفذت الوكالة الوطنية البرنامج عبر مكاتبها الإقليمية.", "وتمت مراجعة النتائج كل عام."],
    "tr": ["Ulusal ajans programı bölge ofisleriyle yürüttü.", "Sonuçlar her yıl değerlendirildi."],
}


def _docs_and_queries(topics: dict, filler: dict, rng: random.Random, n: int):
    docs, queries = [], []
    for topic, langs in topics.items():
        for lang, (titles, sentences, qs) in langs.items():
            for i, title in enumerate(titles):
                n += 1
                body = [sentences[i % len(sentences)], rng.choice(filler[lang])]
                if i == 2:
                    body.insert(0, sentences[(i + 1) % len(sentences)])
                docs.append(
                    {
                        "ref": f"judged-{n:03d}",
                        "country": COUNTRIES[n % len(COUNTRIES)],
                        "subjects": [topic] if i == 0 else [],
                        "original_language": lang,
                        "year": 2015 + n % 10,
                        "title": {lang: title},
                        "summary": {lang: " ".join(body)},
                        "is_sample": True,
                        "_topic": topic,
                    }
                )
            queries += [{"lang": lang, "q": q, "topic": topic, "kind": "plain"} for q in qs]
    return docs, queries, n


def main() -> None:
    """Documents: the 180 of ar/en/fr/tr, then 150 in az/id/ms/ru/ur (more_languages.py).
    Queries: two per topic and language ("plain"), the queries of each kind of miss, and
    "cross-lingual" needs (a plain query judged on the documents of the other languages only).
    Every query is in the tuning or the test half, alternating within each language and kind,
    so both halves cover every language and kind."""
    from more_languages import FILLER_MORE, HARD_QUERIES, TOPICS_MORE

    rng = random.Random(2025)
    docs, queries, n = _docs_and_queries(TOPICS, FILLER, rng, 0)
    more_docs, more_queries, n = _docs_and_queries(TOPICS_MORE, FILLER_MORE, rng, n)
    docs += more_docs
    queries += more_queries
    queries += [{"lang": lg, "q": q, "topic": t, "kind": k} for lg, q, t, k in HARD_QUERIES]
    langs = ["ar", "en", "fr", "tr", "az", "id", "ms", "ru", "ur"]
    plain = [q for q in queries if q["kind"] == "plain"]
    for i, topic in enumerate(TOPICS):
        for lang in (langs[i % 9], langs[(i + 4) % 9]):
            source = next(q for q in plain if q["topic"] == topic and q["lang"] == lang)
            queries.append({**source, "kind": "cross-lingual"})
    for i, q in enumerate(queries):
        q["id"] = f"q{i + 1:03d}"
    for q in queries:
        q["relevant"] = {
            d["ref"]: (2 if d["original_language"] == q["lang"] else 1)
            for d in docs
            if d["_topic"] == q["topic"]
            and (q["kind"] != "cross-lingual" or d["original_language"] != q["lang"])
        }
    groups: dict[tuple[str, str], int] = {}
    for q in queries:
        key = (q["lang"], q["kind"])
        q["split"] = "tuning" if groups.get(key, 0) % 2 == 0 else "test"
        groups[key] = groups.get(key, 0) + 1
    with (HERE / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for d in docs:
            d = {k: v for k, v in d.items() if k != "_topic"}
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    ordered = [
        {k: q[k] for k in ("id", "lang", "kind", "split", "q", "topic", "relevant")}
        for q in queries
    ]
    (HERE / "queries.json").write_text(
        json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(docs)} documents, {len(queries)} queries")


if __name__ == "__main__":
    main()
