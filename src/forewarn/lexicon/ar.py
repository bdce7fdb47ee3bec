"""Arabic cues, written for `forewarn.text.normalise` output: alef variants folded to ا, ى to ي, ة to ه,
diacritics and tatweel dropped, Arabic-Indic digits made ASCII.

Arabic glues conjunctions, prepositions and the article to the word (والمسلحين, بالكلور, للخوذ), so noun cues
start with `_N` — an optional chain of those prefix clitics after a word start — and verb cues with `_V` (and/so
+ the future or purpose prefix: وسيقومون, ليفبركوا). Stems that cannot occur inside an unrelated word (فبرك,
كلور, سارين) are left unanchored. Patterns are folded with `fold_arabic` when the module loads, so they may be
written with hamza or ta marbuta as a reader would expect and still match normalised text.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..text import fold_arabic
from . import Lexicon
from ._compact import compact

_N = r"(?<!\w)(?:[وف]?(?:لل|[بلك]?(?:ال)?))"  # و/ف + ب/ل/ك + ال, or لل (ل + ال)
_V = r"(?<!\w)[وف]?[لس]?"  # و/ف + ل (purpose) or س (future)
_END = r"(?!\w)"


def _fold(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """Folded like the text they match, then regrouped behind shared anchors (see `_compact`)."""
    return compact((fold_arabic(p) for p in patterns), (_N, _V, r"(?<!\w)"))


def _fold_map(table: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {key: _fold(patterns) for key, patterns in table.items()}


_CHEMICAL = r"كيم(?:ي?ا[ئو]ي)\w*"  # كيميائي, كيماوي, كيمياوي and their inflections

AGENTS = {
    "chlorine": (r"كلور\w*",),
    "sarin": (r"سارين",),
    "mustard": (r"خردل\w*",),
    "novichok": (r"نوفي(?:ت)?[شج]وك",),
    "VX": (r"\bvx\b", r"في اكس", r"في إكس"),
    "phosphorus": (r"فوسفور\w*",),
    "toxic substances": (
        # literal phrases (clitics before them still match): the screen needs distinctive beginnings
        "مواد سامة", "المواد السامة", "مادة سامة", "المادة السامة", "غاز سام", "الغاز السام", "غازات سامة",
        "الغازات السامة", "عناصر سامة", "مواد كيميائية سامة", "سموم", "تسميم", "مسموم",
        "غاز الأعصاب", "غازات الأعصاب", "عوامل الأعصاب", "غازات خانقة", "مواد خانقة",
    ),
    "unspecified chemical": (
        _CHEMICAL,
        r"بالغاز",  # "attack/shelling with gas"
    ),
}

STAGING = (
    r"فبرك\w*",  # فبركة, مفبرك, يفبركون, لفبركة
    rf"{_N}مسرحي\w*|{_N}مسرحه{_END}",  # مسرحية (a play-acted attack), مسرحة الهجوم
    rf"{_N}مسرح(?! (?:ال)?(?:عمليات|جريمه|حرب|معارك|دراما)){_END}",  # "تجهيز مسرح لهجوم", not the theatre of war
    rf"{_N}تمثيل(?:ا)? (?:\w+ )?(?:ال)?(?:هجوم|مشاهد|مشهد|مسرحي|ادوار|دور|ضحايا|مصابين|اصابات)\w*",  # act out
    rf"{_N}تمثيلا{_END}",
    r"ختل(?:ا)?ق\w*",  # اختلاق, مختلق, يختلقون (invent)
    rf"{_N}(?:محبوك|مدبر)\w*|(?<!\w)من (?:اخراج|تاليف|تدبير)",  # directed by
    rf"{_N}(?:معد|مصور|ملتقط|مسجل|مجهز)\w* (?:\w+ )?مسبقا",  # filmed in advance
    rf"{_N}(?:ذريعه|ذرائع|حجه) (?:\w+ )?(?:كيم|للعدوان|لعدوان|لتبرير|لضرب|لتدخل|للتدخل)\w*",  # a (chemical) pretext
    r"(?<!\w)[وف]?(?:نسب|نسبه|نسبها|ينسب|ينسبوا|ينسبون) (?:ذلك )?الي",  # attribute it to
    r"استفزاز\w*",
    rf"{_N}تمثيلي(?:ه|ات)\w*",
    r"فتع(?:ا)?ل\w*",  # افتعال, مفتعل, يفتعلون
    r"لفي?ق\w*",  # تلفيق, ملفق, يلفقون
    rf"{_N}(?:مزيف|زائف|مصطنع|كاذب)\w*",
    rf"{_N}(?:علم|رايه) (?:ال)?(?:كاذب|زائف|مزيف)\w*",
    rf"{_N}سيناريو\w*",
    r"(?<!\w)(?:امام|قبالة) (?:ال)?(?:كاميرات|كاميرا|عدسات)",  # staged "in front of the cameras"
    rf"{_N}تدبير\w*|{_V}دبر(?:وا|ت|ها|ه)?{_END}",  # orchestrated
    rf"{_N}(?:توريط|الصاق (?:ال)?تهم)\w*",  # implicate, pin the blame on
    rf"{_N}(?:مزور|تزوير)\w*",  # forged
    rf"{_N}تصوير\w*|{_V}(?:ي|ت)صور(?:ون|وا|ان)?{_END}",
    rf"{_N}(?:فيديو|فيديوهات|مقاطع|مشاهد) (?:\w+ )?(?:مفبرك|ملفق|مزيف|تمثيلي)\w*",
    r"(?<!\w)(?:[وف]?ل|بهدف |من اجل |بغيه |بغرض )(?:اتهام|تحميل|توجيه (?:ال)?اتهام)\w*",
    r"(?<!\w)[وف]?ل?تحميل (?:\w+ ){0,3}(?:ال)?مسؤولي\w*",  # "وتحميل الجيش المسؤولية" (pin the blame)
    r"(?<!\w)[وف]?ل?تبرير (?:ال)?(?:عدوان|ضرب|تدخل|قصف|هجوم)\w*",  # a pretext "to justify aggression"
    rf"{_V}(?:ي|ت)تهموا{_END}|{_V}اتهام (?:الحكومه|الدوله|الجيش|دمشق|روسيا)\w*",
)

# What is being prepared is an ordinary military operation ("يستعد الجيش لعملية"), not a staged attack.
_NOT_MILITARY = (
    r"(?!\w)(?! (?:\w+ )?[وف]?(?:ل|لل|بال|ال)?(?:عمليه|عمليات|معركه|اقتحام|مواجهه|تصدي|هجوم بري|هجوم مضاد"
    r"|انسحاب|موسم)(?!\w))"
)

# Verbs of the act itself, after a future or modal marker ("سوف يقومون بفبركة", "قد يستخدمون").
_ACT_VERB = r"(?:ي|ت|ن)(?:قوم|ستخدم|فبرك|نفذ|شن|فتعل|صور|لفق|حضر|طلق|تهم|حاول|لج)\w*"

PROSPECTIVE = (
    rf"{_V}(?:ي|ت|ن)ت?حضر\w*{_NOT_MILITARY}|{_N}تحضير\w*{_NOT_MILITARY}",
    rf"{_V}(?:ي|ت|ن)عدون{_END}|{_N}اعداد ل|{_V}(?:ي|ت)عد(?:ون|ان)? ل|يجري (?:ال)?اعداد",
    rf"{_V}(?:ي|ت|ن)خطط\w*{_NOT_MILITARY}|{_N}تخطيط\w*|{_N}(?:خطط|خطه|مخطط)\w*",
    r"عتزم\w*" + _NOT_MILITARY + "|" + rf"{_V}(?:ي|ت)نو(?:ي|ون|يان){_END}|{_N}نيه{_END}",
    rf"{_N}(?:ايام|ساعات|اسابيع|اسبوع|شهر|فتره)\s+(?:\w+\s+)?{_N}(?:مقبل|قادم|قريب)(?:ه|ين)?{_END}",
    rf"{_V}(?:ي|ت)عمل(?:ون|ان)? (?:علي|على)",  # "يعملون على" (are working on)
    rf"{_N}قريبا{_END}|القريب العاجل|وقت قريب|{_N}وشيك\w*",
    rf"{_N}(?:هجوم|استفزاز|ضربه|مسرحيه)\w* (?:\w+ )?{_N}(?:محتمل|مرتقب|جديد)\w*",
    rf"(?<!\w)[وف]?(?:سوف|قد|ربما) (?:\w+ ){{0,2}}{_ACT_VERB}",
    # purpose: "بهدف فبركة", "من أجل تصوير" (the act is still to come)
    r"(?<!\w)(?:بهدف|بغيه|بغرض|لغرض|من اجل|سعيا ل|سعيا الي) (?:ال)?(?:فبرك|تصوير|افتعال|اتهام|تلفيق|تمثيل)\w*",
    rf"(?<!\w)[وف]?س{_ACT_VERB}",
    r"ستعد\w*" + _NOT_MILITARY + "|" + rf"{_N}استعداد\w*{_NOT_MILITARY}",
    rf"{_V}(?:ي|ت|ن)جهز\w*|{_N}تجهيز\w*",
    rf"{_V}(?:ي|ت)سع(?:ون|ي|ان|يان){_END}|{_V}(?:ي|ت)ريد(?:ون)? ",
    rf"{_V}(?:نقل|نقلوا|ادخلوا|ادخل|جلب|جلبوا|احضروا|هربوا|خزن|يخزن)\w*",
    # verbal nouns take ب/ال ("بإحضار", "بنقل"); moving the wounded is not a delivery
    rf"{_N}(?:نقل|ادخال|جلب|احضار|تهريب|تخزين)\w*(?! (?:ال)?(?:مصابين|جرحي|ضحايا|جثث|المرضي))",
    rf"{_N}تمهيدا{_END}|{_N}تمهيد ل|{_V}(?:ي|ت)مهد(?:ون|ان)?{_END}",  # "in preparation for", paving the way
    rf"(?<!\w)[وف]?بصدد{_END}|{_N}(?:ال)?متوقع{_END}|{_V}(?:ي|ت)توقع{_END}|{_V}(?:ي|ت)رجح{_END}",  # about to, expected
    rf"{_V}(?:ي|ت)هيئ\w*|{_N}تهيئه{_END}|{_V}يرتب(?:ون|ان)?{_END}|{_N}ترتيبات ل",  # not ترتب على (resulted)
    rf"{_N}(?:اوامر|تعليمات|توجيهات){_END}",  # orders received to act
    rf"(?<!\w)في غضون (?:ال)?(?:\d+ )?(?:ساعه|ساعات|ايام|يوم|اسبوع){_END}",  # not "خلال الساعات الماضية"
    rf"{_V}(?:ي|ت)(?:تدرب|درب)\w* (?:\w+ )?(?:علي|على) (?:ال)?(?:تمثيل|تصوير|فبرك|مسرح)\w*",  # rehearsing
    rf"{_N}تدريب\w* (?:\w+ )?(?:علي|على) (?:ال)?(?:تمثيل|تصوير|فبرك|مسرح)\w*",
    rf"(?<!\w)ان {_ACT_VERB}",  # "أن ينفذوا" (subjunctive: still to happen)
    r"(?<!\w)[وف]?ل(?:تصوير|فبركه|افتعال|اتهام|تلفيق)(?!\w)",  # purpose: "وصلت فرق لتصوير ..."
)

RETROSPECTIVE = (
    r"(?<!\w)[وف]?تم(?:ت)? (?:ال)?(?:فبرك|تلفيق|افتعال|تمثيل|تصوير)\w*",
    rf"(?<!\w)[وف]?(?:فبركوا|فبركت|فبرك|افتعلوا|افتعلت|لفقوا|لفقت|مثلوا){_END}",
    r"مزعوم\w*",
    rf"(?<!\w)ما (?:يسمي|سمي|اطلق عليه){_END}",
    r"(?<!\w)(?:الذي|التي) (?:وقع|وقعت|حدث|حدثت|جري|جرت|شهدته|شهدتها|استهدف)\w*",
    rf"{_N}ماضي{_END}|(?<!\w)قبل (?:عام|سنه|اشهر|سنوات|ايام)",
    r"(?<!\w)(?:كان|كانت|كانوا) (?:\w+ )?(?:مفبرك|مسرحي|ملفق|مفتعل|تمثيلي|مزيف)\w*",
    r"(?<!\w)(?:بعد|اثر|عقب) (?:ال)?(?:هجوم|ضربه|حادث|الحادثه)\w*",
    rf'(?<!"){_N}(?:قتلي|ضحايا|مقتل|مصابين|اصابات|اختناق)\w*(?!")',  # victims, unless in scare quotes
    # denials of an incident ("no chemical attack took place", "the army did not use chemicals")
    r"(?<!\w)[وف]?(?:لم|لا) (?:يحدث|تحدث|يقع|تقع|يكن هناك|يوجد|يستخدم|تستخدم|تستعمل|يستعمل)(?!\w)",
)

RELAY = (
    rf"{_V}(?:زعم|ادعي|ادعت|زعمت|قال|قالت|ذكر|ذكرت|افاد|افادت|صرح|اعلن|اعلنت|اكد|اكدت|اتهم|اتهمت){_END}",
    rf"{_V}(?:يزعم|تزعم|يدعي|تدعي|يقول|تقول|تتهم|يتهم)(?:ون|ان|ين)?{_END}",
    r"(?<!\w)[وف]?(?:بحسب|حسب|وفقا ل|وفق|نقلا عن|نقلت عن|طبقا ل)",
    r"(?<!\w)(?:على حد (?:زعم|قول)|كما (?:قال|ذكر|افاد|اعلن)\w*)",
    rf"{_N}(?:بيان|تصريح|تصريحات)\w*",
)
REBUTTAL = (
    r"(?<!\w)(?:بلا|دون|من دون|بدون) (?:اي |تقديم )?(?:اي )?(?:دليل|ادله|براهين|اثبات)\w*",
    rf"{_N}(?:مزاعم|ادعاءات|اكاذيب|اكذوبه|دعايه|بروباغندا|بروباجندا|تضليل)\w*",
    rf"{_N}(?:زورا|كذبا|باطلا){_END}",
    rf"{_N}(?:اعلام|وسائل اعلام) (?:ال)?(?:روسي|رسمي|حكومي|موالي)\w*",
    rf"{_V}(?:نفي|نفت|نفوا|ينفي|تنفي|ينفون|دحض|دحضت|يدحض|فند|فندت|يفند)(?:ها|ه|وا)?{_END}",  # not تنفيذ
)

NEGATION = (
    rf"(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست|ليسوا|عدم|غير){_END}",
    rf"(?<!\w)[وف]?(?:نفي|نفت|نفوا|ينفي|تنفي|ينفون){_END}",
)

CLAIMANTS = {
    "Russian Ministry of Defence": (
        rf"{_N}وزار\w* (?:ال)?دفاع (?:ال)?روسي\w*|{_N}وزار\w* الدفاع في روسيا",
        rf"{_N}دفاع الروسي\w*|{_N}عسكري\w* الروس\w*|{_N}جيش الروسي",
        r"كوناشينكوف|كيريلوف",
    ),
    "Russian Centre for Reconciliation": (
        rf"{_N}مركز (?:ال)?(?:روسي )?(?:لل)?مصالح\w*",
        r"حميميم",
    ),
    "Russian General Staff": (
        rf"{_N}(?:هيئ\w* )?(?:ال)?اركان (?:ال)?(?:عامه )?(?:ال)?(?:روسي\w*|للجيش الروسي|للقوات المسلحه الروسيه)",
        r"رودسكوي|غيراسيموف|جيراسيموف",
    ),
    "Russian Foreign Ministry": (
        rf"{_N}(?:وزار\w* )?(?:ال)?خارجي\w* (?:ال)?روسي\w*|{_N}دبلوماسي\w* (?:ال)?روسي\w*",
        r"زاخاروف\w*|لافروف|ريابكوف|شولغين",
    ),
    "Russian UN mission": (
        r"نيبينزيا|نيبنزيا|نيبيزيا|بوليانسكي",
        rf"{_N}مندوب\w* (?:ال)?روسي\w*|{_N}مندوب\w* روسيا|{_N}بعث\w* (?:ال)?روسي\w* (?:لدي|في) (?:ال)?امم",
    ),
    "Russian government": (
        rf"{_N}كرملين|بيسكوف|بوتين|{_N}(?:حكوم|سلطات|رئاس)\w* (?:ال)?روسي\w*|{_N}جانب الروسي",
        rf"(?<!في )(?<!\w)[وف]?موسكو{_END}",
    ),
    "Syrian government": (
        rf"{_N}(?:حكوم|سلطات|دوله)\w* (?:ال)?سوري\w*|{_N}نظام السوري|{_N}قياده السوريه",
        rf"(?<!في )(?<!\w)[وف]?دمشق{_END}|(?<!\w)[وف]?سانا{_END}|{_N}وكال\w* (?:ال)?(?:عربيه )?(?:ال)?سوري\w*",
        rf"{_N}مصدر\w* (?:رسمي|حكومي)\w*",
    ),
    "Syrian Foreign Ministry": (
        rf"{_N}وزار\w* الخارجيه والمغتربين|{_N}(?:وزار\w* )?(?:ال)?خارجي\w* (?:ال)?سوري\w*",
        r"المقداد|وليد المعلم|الجعفري|" + rf"{_N}مندوب\w* سوريا|{_N}مندوب\w* (?:ال)?سوري{_END}",
    ),
    "Syrian Arab Army": (
        rf"{_N}جيش (?:ال)?(?:عربي )?(?:ال)?سوري(?! (?:ال)?حر){_END}",
        rf"{_N}قوات (?:ال)?(?:مسلحه )?(?:ال)?سوري\w*|{_N}قوات (?:ال)?حكومي\w*",
        rf"{_N}مصدر\w* عسكري\w*|{_N}قياد\w* العام\w* للجيش",
    ),
    "Iranian government": (rf"{_N}(?:حكوم|خارجي|سلطات)\w* (?:ال)?ايراني\w*|(?<!\w)[وف]?طهران{_END}",),
    "local residents": (
        rf"{_N}(?:اهالي|سكان|مواطن\w*)(?: \w+)? (?:ال)?(?:محلي\w*|منطقه|بلده|قريه|مدينه)",
        rf"{_N}اهالي{_END}|شهود عيان|{_N}مصادر (?:ال)?(?:محلي|اهلي)\w*",
    ),
}

ACCUSED = {
    "White Helmets": (rf"{_N}خوذ\w* (?:ال)?بيض\w*", rf"{_N}دفاع (?:ال)?مدني", r"\bwhite helmets\b"),
    "Hayat Tahrir al-Sham": (rf"{_N}هيئ\w* تحرير الشام|تحرير الشام",),
    "Jabhat al-Nusra": (rf"{_N}نصره{_END}|{_N}جبه\w* (?:ال)?نصره|جبهه فتح الشام",),
    "Islamic State": (rf"داعش|{_N}تنظيم (?:ال)?دوله (?:ال)?اسلامي\w*|الدوله الاسلاميه",),
    "Jaysh al-Islam": (rf"{_N}جيش (?:ال)?اسلام{_END}",),
    "Free Syrian Army": (rf"{_N}جيش (?:ال)?سوري (?:ال)?حر|{_N}جيش الحر",),
    "militants": (
        rf"{_N}مسلح(?:ين|ون|و|ي){_END}",
        rf"{_N}(?:جماعات|مجموعات|فصائل|عصابات|تنظيمات) (?:ال)?مسلحه",
        rf"{_N}(?:متطرف|مرتزق|جهادي)\w*|{_N}فصائل{_END}",
        rf"{_N}(?:فصائل|مقاتلي|مقاتلو) (?:ال)?معارضه|{_N}معارضه (?:ال)?مسلحه|{_N}(?:متمردين|متمردون|ثوار){_END}",
    ),
    "terrorists": (
        rf"{_N}ارهابي(?:ين|ون|و|ي)?{_END}",
        rf"{_N}(?:جماعات|مجموعات|تنظيمات|فصائل|عصابات) (?:ال)?ارهابي\w*",
    ),
    "United States": (rf"{_N}ولايات (?:ال)?متحده|(?<!\w)[وف]?واشنطن|{_N}(?:امريك|اميرك)\w*|{_N}بنتاغون",),
    "United Kingdom": (rf"{_N}بريطاني\w*|(?<!\w)[وف]?لندن|{_N}مملكه المتحده",),
    "France": (rf"{_N}فرنس\w*|(?<!\w)[وف]?باريس{_END}",),
    "Western special services": (
        rf"{_N}(?:اجهز\w* )?(?:ال)?(?:استخبار|مخابر)\w* (?:ال)?(?:غربي|اجنبي)\w*",
        rf"{_N}(?:استخبارات|مخابرات) (?:ال)?(?:امريكي|بريطاني|فرنسي)\w*",
    ),
    "foreign specialists": (
        rf"{_N}(?:خبراء|مختصين|متخصصين|مدربين|مستشارين|مشرفين) (?:ال)?(?:اجانب|غربيين|اجنبي\w*)",
    ),
    "film crews": (
        rf"{_N}(?:فرق|فريق|طواقم|طاقم) (?:ال)?(?:تصوير|اعلامي\w*|تلفزيوني\w*|صحفي\w*)",
        rf"{_N}(?:صحفيين|صحافيين|مراسلين|اعلاميين) (?:ال)?(?:اجانب|غربيين)",
        r"قناه الجزيره|" + rf"{_N}قنوات (?:ال)?(?:فضائي|تلفزيوني|اعلامي)\w*",
    ),
    "Ukraine": (rf"{_N}اوكراني\w*|(?<!\w)[وف]?كييف",),
}

# Cited evidence of preparation. The engine treats evidence as forward-looking, so every cue here must point at
# something being readied (containers moved in, film crews arrived, rehearsals), not at any chemical story.
_CONTAINERS = r"(?:ال)?(?:اسطوان|عبوات|براميل|حاويات|قوارير|مواد|كلور|غاز|ذخائر|قذائف)\w*"
EVIDENCE = (
    rf"{_N}وصول (?:\w+ )?(?:ال)?(?:فرق|فريق|طواقم|طاقم)",
    rf"{_N}وصول (?:\w+ ){{0,3}}" + _CONTAINERS,  # "وصول شحنة من غاز الكلور"
    rf"{_N}(?:نقل|ادخال|جلب|احضار|تهريب|تخزين)\w* (?:\w+ ){{0,3}}" + _CONTAINERS,  # "بإحضار عبوات"
    r"(?<!\w)[وف]?(?:وصلت|وصل|وصلوا) (?:\w+ ){0,3}(?:ال)?(?:فرق|فريق|طواقم|طاقم|صحفي)\w*",
    rf"{_V}(?:نقل|نقلوا|ادخال|ادخلوا|ادخل|جلب|جلبوا|احضار|احضروا|تهريب|هربوا|خزن|تخزين|يخزن)\w* (?:\w+ ){{0,3}}"
    + _CONTAINERS,
    rf"{_N}(?:اسطوان|قوارير)\w*",
    r"(?<!\w)(?:وفقا ل|بحسب|حسب|نقلا عن) (?:ال)?(?:اهالي|سكان|مصادر محليه)",
    rf"{_N}بروفات|{_V}(?:ي|ت)جرون بروفات",
)

_MONTHS = (
    "يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر"
    "|كانون الثاني|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين الاول|تشرين الثاني|كانون الاول"
)

EXTRA = {
    # Unanchored on purpose: agents and context make up the screen every document passes through, and a literal
    # start is what lets `re` skip ahead; these stems do not occur inside unrelated words.
    "context": (
        r"خوذ\w* (?:ال)?بيض\w*", r"حظر الاسلحه", r"سكريبال", r"نافالني",
        r"علم كاذب", r"العلم الكاذب", r"رايه كاذبه", r"الرايه الكاذبه",
    ),
    "past_incident": (
        rf"(?<!\w)[وفبل]?دوما{_END}",
        r"خان شيخون",
        r"سكريبال|نافالني|سالزبوري|ليتفيننكو",
    ),
    "insufficient": (
        r"(?<!\w)(?:لا|ليس هناك|لا يوجد|لم يقدم\w*|لم تقدم) (?:اي )?(?:دليل|ادله|اثبات)",
        r"(?<!\w)(?:لم يثبت|لم تثبت|غير واضح|غير حاسم|غير مؤكد)\w*",
        # civilian chlorine: water treatment is not evidence of staging (no other family blocks a claim)
        rf"{_N}(?:تعقيم|تنقيه|معالجه) (?:ال)?مياه|{_N}مياه (?:ال)?شرب|{_N}محطات? (?:ال)?(?:ضخ|مياه|معالجه)",
    ),
    # Dates as normalise leaves them (ASCII digits, folded alef); `prepare_dates` maps the Levantine names.
    "date": (rf"(?<!\w)(?:في )?\d{{1,2}} (?:من )?(?:{_MONTHS})(?: \d{{4}})?(?!\w)", r"(?<!\w)غدا(?!\w)"),
    "vague_time": (
        rf"{_N}(?:ايام|ساعات|اسابيع)\s+(?:\w+\s+)?{_N}(?:مقبله|قادمه){_END}",
        rf"{_N}قريبا{_END}|القريب العاجل|{_N}وشيك\w*",
    ),
    "state_outlet": (
        r"سانا|الاخباريه السوريه|روسيا اليوم|سبوتنيك|تاس|وزاره الدفاع",
        r"\bsana\b|\brt\b|\bsputnik\b|\btass\b|\bria\b|\bzvezda\b|\bsyrian arab news agency\b|\bdefen[cs]e ministry\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = Lexicon(
    language="ar",
    agents=_fold_map(AGENTS),
    staging=_fold(STAGING),
    prospective=_fold(PROSPECTIVE),
    retrospective=_fold(RETROSPECTIVE),
    reported=_fold(RELAY + REBUTTAL),
    negation=_fold(NEGATION),
    claimants=_fold_map(CLAIMANTS),
    accused=_fold_map(ACCUSED),
    evidence=_fold(EVIDENCE),
    extra=_fold_map(EXTRA),
)
