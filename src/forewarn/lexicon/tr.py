"""Turkish cues (Sputnik Türkiye and the Turkish press that relays or rebuts Russian and Syrian staging claims,
2017–2024), written for `forewarn.text.normalise` output: case-folded, İ folded to i, «» and curly quotes turned
into '"'. Web copy often drops Turkish letters ("saldiri", "hazirliyor"), and a capital I folds to i, not ı, so
ı ş ç ğ ö ü are classes that accept the plain letter ([ıi], [şs] …) except at the start of a screen pattern.

Turkish is agglutinative and verb-final, which shapes the pack:

- Stems with open endings (sahnele\\w*, provokasyon\\w*), the tense in the suffix: the present continuous
  (-iyor), the -makta present, the future (-ecek/-acak), the preparation noun (hazırlık) and the purpose
  (-mek için, -mek amacıyla, -mek üzere) look forward; the past (-di, -miş: hazırladı, sahnelendi) looks back.
- Negation is a suffix (hazırla-m-ıyor, planla-ma-yacak). A negated act verb is a negation cue, and a
  zero-width negation at its start lets the engine see that it negates the act ("negated_act").
- The object stands before the verb ("Suriye ordusunu suçlamak için"), so a claimant blamed is told apart by its
  case: claimant patterns take the nominative and the genitive (Suriye ordusu, Suriye hükümetinin), never the
  accusative or dative of the blamed party.
- Proper names take their suffixes after an apostrophe ("Ukrayna'da", "İdlib'e"): a country in the locative or
  dative is a place, not a party.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

_MONTH = r"(?:ocak|[şs]ubat|mart|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|aral[ıi]k)"
# An ordinary military operation being prepared ("taarruz hazırlığı", "operasyona hazırlanıyor"): not staging.
_NOT_MILITARY = "".join(
    f"(?<!{word} )" for word in ("taarruz", "taarruza", "harekat", "harekata", "harekât", "operasyon", "operasyona",
                                 "tahliye", "savunma", "sald[ıi]r[ıi]ya", "kar[şs][ıi] sald[ıi]r[ıi]", "se[çc]im",
                                 "se[çc]imlere")
)
_ACT_STEM = (
    r"(?:sahnele|kurgula|tertiple|su[çc]la|canland[ıi]r|ger[çc]ekle[şs]tir|d[üu]zenle|patlat|taklit et"
    r"|sim[üu]le et)"
)
# A party set off by a comma at the head of a clause is the speaker in Turkish news style ("İngiliz istihbaratı,
# Rus birliklerinin … hazırlandığını değerlendiriyor"), not the party accused.
_NOT_SPEAKING = r"\b(?!(?:\s+[^\s,;:.!?]+){0,2}?,)"
_NEGATED = (
    r"(?:haz[ıi]rla|planla|sahnele|kurgula|tertiple)\w*?m(?:[ıi]yor|ayacak|eyecek|[ıi]yorlar|ad[ıi]|am[ıi][şs])\w*"
)

STAGING = (
    r"\bsahnele\w*",  # sahnelemek, sahneleniyor, sahnelenmiş, sahnelenecek
    r"\bsahte\w*",  # sahte saldırı, sahte bayrak
    r"\bkurgula\w*|\bkurgu (?:sald[ıi]r[ıi]|g[öo]r[üu]nt[üu]|video)\w*",
    r"\bprovokasyon\w*|\bprovokatif\w*",
    r"\btertip\w*",
    r"\bd[üu]zmece\w*|\buydurma\w*|\buydurul\w*",
    r"\bsenaryo\w*",
    r"\byalanc[ıi] bayrak\w*|\bsahte bayrak\w*",
    r"\bfabrike\w*|\bfabrikasyon\w*",  # not fabrika, a factory
    r"\bsim[üu]le\w*|\btaklit\w*",
    r"\bmontajl[ıi]\w*|\b(?:video|g[öo]r[üu]nt[üu]|kay[ıi]t)\w* (?:\w+ )?montaj\w*",
    r"\b[çc]ekim\w*|\b(?:video|g[öo]r[üu]nt[üu]|film)\w* [çc]ek\w*|\bfilme al\w*",
    r"\bkamera\w* (?:[öo]n[üu]nde|kar[şs][ıi]s[ıi]nda)\b",
    r"\b(?:sald[ıi]r[ıi]|kimyasal|provokasyon)\w* oyun\w*|\btiyatro\w*",  # "kimyasal saldırı oyunu"
    r"\bg[öo]stermelik\w*|\bcanland[ıi]r\w*",
    # the purpose of pinning it on the other side
    r"\bsu[çc]la(?:mak|yabilmek) (?:i[çc]in|amac[ıi]yla)\b|\bitham etmek (?:i[çc]in|amac[ıi]yla)\b",
    r"\bsu[çc]u (?:\w+ )?(?:[üu]zerine|[üu]st[üu]ne) (?:at|y[ıi]k)\w*",
)

PROSPECTIVE = (
    # present continuous, -makta, future and converb forms, the preparation noun and the infinitive; not the past
    _NOT_MILITARY + r"\bhaz[ıi]rl(?:[ıi]yor|an[ıi]yor|an[ıi]l[ıi]yor|amakta|anmakta|ayacak|anacak|ay[ıi]p|an[ıi]p)\w*",
    _NOT_MILITARY + r"\bhaz[ıi]rl[ıi](?:k|[ğg])\w*|" + _NOT_MILITARY + r"\bhaz[ıi]rlama(?:s[ıi]|k)\w*",
    # the participle of reported speech ("hazırladığını iddia etti", "planlandığı bildirildi") is present or past
    # alike; in a claim it is the plot being readied
    _NOT_MILITARY + r"\b(?:haz[ıi]rla|planla)n?d[ıi][ğg][ıi]\w*",
    _NOT_MILITARY + r"\bplanl(?:[ıi]yor|an[ıi]yor|amakta|anmakta|ayacak|anacak|ay[ıi]p)\w*|\bplan[ıi] (?:var|yap)\w*",
    r"\bniyet(?:inde|li|leri|indeler)\w*|\bama[çc]l(?:[ıi]yor|an[ıi]yor|amakta)\w*|\bama[çc][ıi]yla\b",
    r"\byak[ıi]nda\b|\byak[ıi]n zamanda\b|\bher an\b|\b[öo]n[üu]m[üu]zdeki (?:g[üu]n|saat|hafta)\w*",
    # the act in the future ("sahneleyecekler", "gerçekleştirilecek")
    rf"\b{_ACT_STEM}\w*(?:ecek|acak|ece[ğg]|aca[ğg])\w*",
    # purpose and imminence: "sahnelemek için", "kurgulamak amacıyla", "-mek üzere"
    rf"\b{_ACT_STEM}\w*m(?:e|a)k (?:i[çc]in|amac[ıi]yla|[üu]zere)\b|\b\w+m(?:e|a)k [üu]zere\b",
    r"\b(?:yeni|bir sonraki|ba[şs]ka) (?:bir )?(?:kimyasal )?(?:provokasyon|sald[ıi]r[ıi]|sahneleme|tiyatro)\w*",
    r"\b(?:getiriliyor|ta[şs][ıi]n[ıi]yor|sevk ediliyor|depolan[ıi]yor|depoluyor|sakl[ıi]yor)\w*",
    r"\bbekleniyor\b|\bolas[ıi]\b|\bmuhtemel\w*",
    r"\b(?:talimat|emir|g[öo]rev)\w* (?:ald[ıi]|verildi|verdi)\w*",
    r"\bhen[üu]z (?:ger[çc]ekle[şs]me|ya[şs]anma|olma)\w*",  # "an attack that has not happened yet"
    r"\bi[çc]in planlanan\b|\b(?:tarih|g[üu]n)\w* (?:olarak )?belirlen\w*",
    _NEGATED,  # the negated forms too: the zero-width negation below marks them as negated acts
)

RETROSPECTIVE = (
    r"\bsahnelen(?:di|mi[şs]|ildi)\w*|\bsahneled(?:i|iler)\w*|\bsahnelemi[şs]\w*",
    r"\bkurgulan(?:d[ıi]|m[ıi][şs])\w*|\buydurul(?:du|mu[şs])\w*|\btertiplen(?:di|mi[şs])\w*",
    r"\bs[öo]zde\b|\biddia edilen\b",
    r"\bge[çc]en (?:y[ıi]l|ay|hafta)\w*|\bge[çc]ti[ğg]imiz (?:y[ıi]l|ay|hafta)\w*|\b\w+ y[ıi]l [öo]nce\b",
    r"\b(?:19|20)\d\d(?:'de|'da|'te|'ta| y[ıi]l[ıi]nda)\b",
    r"\bya[şs]anan\b|\bya[şs]and[ıi][ğg][ıi]\b|\bger[çc]ekle[şs]en\b|\bger[çc]ekle[şs]ti[ğg]i\b",
    r"\bhi[çc]bir (?:kimyasal )?sald[ıi]r[ıi]\w* (?:\w+ ){0,2}(?:olmad|ya[şs]anmad|ger[çc]ekle[şs]med)\w*",
    r"\b(?:ya[şs]anmad|ger[çc]ekle[şs]med)[ıi]\w*",
    # victims, unless in scare quotes
    r'(?<!")\b(?:hayat[ıi]n[ıi] kaybet|[öo]ld[üu]r[üu]l|[öo]l[üu]|kurban|zehirlen(?:di|en|mi[şs]))\w*(?!")',
)

RELAY = (
    r"\ba[çc][ıi]kla(?:d[ıi]|mas[ıi]|mada|ma)\w*|\bbildir(?:di|ildi|en|iyor)\w*",
    r"\bs[öo]yle(?:di|yen|mi[şs])\w*|\bdedi\b|\bifade etti\w*|\bbelirt(?:ti|ildi|en)\w*",
    r"\biddia (?:etti|ediyor|eden|ettiler)\w*|\biddias[ıi]\w*|\b(?:[öo]ne|ileri) s[üu]rd[üu]\w*",
    r"\buyard[ıi]\w*|\bvurgulad[ıi]\w*|\baktard[ıi]\w*|\bkaydetti\w*|\bsu[çc]lad[ıi]\w*",
    r"\bg[öo]re\b",  # "Rusya Savunma Bakanlığı'na göre"
)
REBUTTAL = (
    r"\b(?:hi[çc]bir )?kan[ıi]t (?:sunmadan|g[öo]stermeden|olmaks[ıi]z[ıi]n|ortaya koymadan)\b|\bkan[ıi]ts[ıi]z\w*",
    r"\bas[ıi]ls[ıi]z\w*|\bdayanaks[ıi]z\w*|\btemelsiz\w*|\bmesnetsiz\w*",
    r"\byalanla\w*|\b[çc][üu]r[üu]t\w*|\breddet\w*",
    r"\bdezenformasyon\w*|\bpropaganda\w*|\bdevlet medyas[ıi]\w*",
    r"\byalan\w*|\bmanip[üu]lasyon\w*|\bsahte haber\w*|\bs[öo]zde iddia\w*",
)

NEGATION = (
    r"\bde[ğg]il\w*|\byok\b|\bhi[çc]bir\b|\basla\b|\bhi[çc]\b",
    r"\breddet\w*|\byalanla\w*",
    # a zero-width mark at the start of a negated act verb, so the engine sees the act negated (it looks for a
    # negation before the act) …, then the verb itself, so cue:negation fires; the order matters
    r"\b(?=" + _NEGATED + ")",
    r"\b" + _NEGATED,
)

CLAIMANTS = {
    "Russian Ministry of Defence": (
        r"\brus(?:ya)? savunma bakanl[ıi][ğg][ıi](?:'?n[ıi]n|'?na|'?ndan)?\b",
        r"\brusya'?n[ıi]n savunma bakanl[ıi][ğg][ıi]\w*",
        r"\brus (?:ordusu|askeri (?:kaynaklar|yetkililer))\w*|\brus savunma bakan[ıi]\b",
        r"\brus(?:ya)? (?:radyasyon|rkbs)\w*|\brkbs\b",
    ),
    "Russian Centre for Reconciliation": (
        r"\b(?:kar[şs][ıi]t taraflar[ıi] )?uzla[şs]t[ıi]rma merkez\w*|\buzla[şs]ma merkez\w*|\bhmeymim\w*",
    ),
    "Russian General Staff": (r"\brus(?:ya)? genelkurmay\w*|\brusya'?n[ıi]n genelkurmay\w*",),
    "Russian Foreign Ministry": (
        r"\brus(?:ya)? d[ıi][şs]i[şs]leri\w*|\brusya'?n[ıi]n d[ıi][şs]i[şs]leri\w*|\brus diplomat\w*",
        r"\brusya'?n[ıi]n (?:\w+ )?b[üu]y[üu]kel[çc]ili[ğg]i\w*|\brus b[üu]y[üu]kel[çc]ili[ğg]i\w*",
    ),
    "Russian UN mission": (
        r"\brusya'?n[ıi]n bm (?:daimi )?temsilci\w*|\brusya bm (?:daimi )?temsilci\w*|\brus bm (?:daimi )?temsilci\w*",
    ),
    "Russian OPCW mission": (
        r"\brusya'?n[ıi]n (?:opcw|ksy[öo]) (?:nezdindeki )?(?:daimi )?temsilci\w*",
        r"\brusya'?n[ıi]n kimyasal silahlar[ıi]n yasaklanmas[ıi] [öo]rg[üu]t[üu] (?:nezdindeki )?"
        r"(?:daimi )?temsilci\w*",
    ),
    "Russian intelligence services": (r"\brus(?:ya)? d[ıi][şs] istihbarat\w*|\brus istihbarat\w*",),
    "Russian government": (
        r"\bkremlin\w*|\bmoskova\b|\bmoskova'?n[ıi]n\b|\bputin\w*",
        r"\brus (?:h[üu]k[üu]meti|yetkilileri|y[öo]netimi)(?:'?nin)?\b",
        r"\brusya (?:h[üu]k[üu]meti|y[öo]netimi)(?:'?nin)?\b",
        r"\brusya\b(?=,)",  # "Rusya, … açıkladı": the country as the speaker, set off by a comma
    ),
    "Russian state media": (
        r"\brus (?:devlet )?(?:medyas[ıi]|bas[ıi]n[ıi]|haber ajans[ıi])(?:'?n[ıi]n)?\b|\brus devlet televizyonu\w*",
    ),
    "Syrian government": (
        r"\bsuriye (?:h[üu]k[üu]meti|rejimi|y[öo]netimi)(?:'?nin|'?nden)?\b|\b[şs]am y[öo]netimi(?:'?nin)?\b",
        r"\besad (?:rejimi|y[öo]netimi)(?:'?nin)?\b|\bsana\b|\bsuriye devlet (?:ajans[ıi]|televizyonu)\w*",
    ),
    "Syrian Foreign Ministry": (
        r"\bsuriye d[ıi][şs]i[şs]leri\w*|\bmikdad\w*|\bmekdad\w*|\bmuallim\w*|\bcaferi\b",
    ),
    "Syrian Arab Army": (
        # nominative or genitive only: "Suriye ordusunu suçlamak için" is the party blamed, not the speaker
        r"(?<![öo]zg[üu]r )\bsuriye (?:arap )?ordusu(?:'?nun|'?ndan)?\b|\bsuriye ordu komutanl[ıi][ğg][ıi]\w*",
    ),
    "Iranian government": (r"\biran (?:h[üu]k[üu]meti|d[ıi][şs]i[şs]leri)\w*|\btahran\b",),
    "Ukrainian government": (
        r"\bukrayna (?:h[üu]k[üu]meti|d[ıi][şs]i[şs]leri|savunma bakanl[ıi][ğg][ıi]|cumhurba[şs]kanl[ıi][ğg][ıi])\w*",
    ),
    "Ukrainian military intelligence": (r"\bukrayna (?:askeri )?istihbarat\w*",),
    "DPR authorities": (r"\bdonetsk halk cumhuriyeti\w*|\bdhc\b",),
    "local residents": (
        r"\byerel (?:halk|kaynaklar|sakinler)\w*|\bb[öo]lge sakinleri\w*|\bg[öo]rg[üu] tan[ıi]klar[ıi]\w*",
    ),
}

ACCUSED = {
    "White Helmets": (r"\bbeyaz baret\w*|\bbeyaz mi[ğg]fer\w*|\bsuriye sivil savunma\w*|\bwhite helmets\b",),
    "Hayat Tahrir al-Sham": (r"\bhey'?et\w* tahrir\w*|\btahrir[üu]?'?[şs]\s?[şs]am\w*|\bhts\b",),
    "Jabhat al-Nusra": (r"\b(?:el-?)?nusra\w*|\bcebhet\w*",),
    "Islamic State": (r"\bdea[şs]\w*|\bi[şs]id\w*|\bislam devleti\w*",),
    "Jaysh al-Islam": (r"\bcey[şs][üu]?'?l?[ -]?islam\w*",),
    "Free Syrian Army": (r"\b[öo]zg[üu]r suriye ordusu\w*|\b[öo]so\b",),
    "militants": (
        r"\bmilitan\w*|\bsilahl[ıi] (?:grup|muhalif|[öo]rg[üu]t)\w*|\bcihat[çc][ıi]\w*",
        r"\bradikal (?:grup|[öo]rg[üu]t)\w*",
        r"\bisyanc[ıi]\w*|\bmuhalif (?:grup|g[üu][çc])\w*|\bmuhalif(?:ler|lerin|lere|leri)\b|\bparal[ıi] asker\w*",
    ),
    "terrorists": (r"\bter[öo]rist\w*|\bter[öo]r (?:[öo]rg[üu]t|grup)\w*",),
    "United States": (r"\b(?:abd|amerika\w*|washington\w*|pentagon\w*|cia)" + _NOT_SPEAKING,),
    "United Kingdom": (
        r"\b(?:ingiltere\w*|birle[şs]ik krall[ıi]k\w*|britanya\w*|ingiliz\w*|londra\w*|mi6)" + _NOT_SPEAKING,
    ),
    "France": (r"\b(?:fransa\w*|frans[ıi]z\w*|paris)" + _NOT_SPEAKING,),
    "Western special services": (r"\bbat[ıi]l[ıi] (?:istihbarat|gizli servis)\w*|\bbat[ıi] istihbarat\w*",),
    "foreign specialists": (r"\byabanc[ıi] (?:uzman|e[ğg]itmen|dan[ıi][şs]man)\w*",),
    "film crews": (
        r"\b(?:film|kamera|televizyon|tv|[çc]ekim) ekip\w*|\byabanc[ıi] (?:gazeteci|medya|muhabir)\w*|\bel cezire\w*",
    ),
    "Ukraine": (
        # the state and its forces; "Ukrayna'da" (in Ukraine) and "Ukrayna'nın doğusunda" are places
        r"\bukrayna(?:'?y[ıi]|'?ya)?\b(?!'?(?:da|de|daki|n[ıi]n (?:do[ğg]u|bat[ıi]|kuzey|g[üu]ney)))",
        r"\bukrayna (?:ordusu|silahl[ıi] kuvvetleri|taraf[ıi]|y[öo]netimi|g[üu][çc]leri|askerleri)\w*",
        r"\bkiev (?:y[öo]netimi|rejimi)\w*|\bkiev\b(?!'?(?:de|te|deki))",
        r"\bukraynal[ıi] (?:asker|milliyet[çc]i|birlik|radikal)\w*",
        r"\bzelenski (?:y[öo]netimi|rejimi)\w*|\bneo-?nazi\w*",
    ),
}

# Cited evidence of preparation: the object comes first in Turkish ("klor tüpleri getirildi").
_CONTAINERS = r"(?:t[üu]p|varil|bidon|konteyner|klor|kimyasal|zehirli|toksik|m[üu]himmat|mermi|f[üu]ze|madde)\w*"
EVIDENCE = (
    r"\b(?:film|kamera|televizyon|tv|[çc]ekim) ekip\w* (?:\w+ ){0,2}(?:geldi|ula[şs]t[ıi]|vard[ıi]|getirildi)\w*",
    r"\b(?:gazeteci|muhabir)\w* (?:\w+ ){0,2}(?:geldi|ula[şs]t[ıi]|vard[ıi])\w*",
    r"\b" + _CONTAINERS + r" (?:\w+ ){0,4}(?:getiril|getirdi|ta[şs][ıi]n|ta[şs][ıi]d|sevk edil|ula[şs]t[ıi]r"
    r"|yerle[şs]tiril|depola|istifle|sakla)\w*",
    r"\bklor t[üu]p\w*",
    r"\bprova\w*|\bmakyaj\w*|\bfig[üu]ran\w*|\bmanken\w*",
    r"\byerel (?:halk|sakinler|kaynaklar)\w*'?[ıi]?n?a? g[öo]re\b",
)

EXTRA = {
    "past_use": (r"\b(?:kulland[ıi]|ateşledi|att[ıi]|f[ıi]rlatt[ıi]|bombalad[ıi])\w*",),
    "blame": (
        r"\bsu[çc]la\w*|\bitham\w*|\bsu[çc]u (?:\w+ )?(?:[üu]zerine|[üu]st[üu]ne)\w*|\bsorumlu tut\w*",
        r"\bkarala\w*|\bg[öo]zden d[üu][şs][üu]r\w*",
    ),
    "insufficient": (
        r"\bkan[ıi]t (?:yok|bulunmuyor|bulunamad[ıi])\w*|\bkan[ıi]tlanmad[ıi]\w*|\bdo[ğg]rulanmad[ıi]\w*",
        r"\bteyit edilmedi\w*",
        # civilian chlorine and drills: not evidence of staging
        r"\bi[çc]me suyu\w*|\bsu ar[ıi]tma\w*|\bdezenfeksiyon\w*|\bklorlama\w*|\bar[ıi]tma tesis\w*|\btatbikat\w*",
        # a terror plot is a security story
        r"\bter[öo]r (?:sald[ıi]r[ıi]s[ıi]|eylemi)\w*|\bbombal[ıi] sald[ıi]r[ıi]\w*",
    ),
    "date": (rf"\b\d{{1,2}} {_MONTH}(?: \d{{4}})?\b", r"\byar[ıi]n\b"),
    "vague_time": (
        r"\b[öo]n[üu]m[üu]zdeki (?:g[üu]nlerde|saatlerde|haftalarda)\b|\byak[ıi]nda\b|\byak[ıi]n zamanda\b",
        r"\bher an\b",
    ),
    "state_outlet": (
        r"\bsputnik\w*|\brt\b|\btass\b|\bria\b|\bria novosti\b|\bsana\b|\brussia today\b|\brt (?:haber|t[üu]rk[çc]e)\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "tr",
    _ANCHORS,
    staging=STAGING,
    prospective=PROSPECTIVE,
    retrospective=RETROSPECTIVE,
    relay=RELAY,
    rebuttal=REBUTTAL,
    negation=NEGATION,
    claimants=CLAIMANTS,
    accused=ACCUSED,
    evidence=EVIDENCE,
    extra=EXTRA,
)
