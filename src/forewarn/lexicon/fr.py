"""French cues (RT France, Sputnik France and the French press that relays or rebuts them).

Written for `forewarn.text.normalise` output: case-folded, « … » become '"' and ’ becomes '. Accents are kept
by normalisation, but headlines in capitals and hurried copy often drop them ("ARMES CHIMIQUES", "prepare"), so
accented letters are written as classes that accept both ([eé], [aà]). Elided articles ("l'attaque",
"d'Idleb", "qu'ils") are one token with the apostrophe: patterns allow `\\w+'` in front where it matters.
Keys are the canonical values of `forewarn.lexicon`.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

_E = "[eéèê]"
_A = "[aàâ]"
# Foreign owners that make an institution someone else's ("ministère de la Défense ukrainien").
_NOT_RUSSIAN = (
    r"(?!\s+(?:ukrainien|am[eé]ricain|britannique|fran[cç]ais|syrien|turc|isra[eé]lien|de l'ukraine"
    r"|des [eé]tats-unis|du royaume-uni|de la france|de la syrie|de la turquie))"
)


STAGING = (
    r"\ben sc[eè]ne\b",  # mettre / mise / mis / mettront en scène
    r"\bsc[eé]nari\w*|\bscript\w*",
    r"\bsimul(?:er|ent|e|é|ée|és|ées|ation|ations|acre|acres|eront|era|ant)\b",
    r"\bprovocation\w*",  # not "provoquer": "une fuite a provoqué l'évacuation" is "caused"
    r"\bfausses? (?:attaques?|frappes?|incidents?|preuves?)\b|\bfaux (?:incidents?|drapeau)\b",
    r"\bfalse[- ]flag\b|\bsous faux drapeau\b",
    r"\bfalsifi\w*|\btruqu\w*|\bmontages?\b|\bde toutes pi[eè]ces\b",
    r"\bmont(?:er|ent|eront|era|[eé]|[eé]e|[eé]s|[eé]es) (?:une |de |des |la |le )?(?:\w+ )?(?:provocation|attaque"
    r"|mise en sc[eè]ne|incident|op[eé]ration)\w*",
    r"\bfilm(?:er|ent|[eé]|[eé]e|[eé]s|[eé]es|eront|era|age|ages)\b|\btournage\w*|\btourner\b",
    r"\bvid[eé]os?\b|\bimages? (?:truqu|mises en sc)\w*",
    r"\bfakes?\b|\binvent[eé]\w*|\bfabriqu[eé]\w* de toutes",
    r"\bcom[eé]die\b|\bfarce\b|\bmascarade\b|\bthe?[aâ]tre\b|\bpr[eé]texte\b",
    r"\borchestr\w*|\bun faux\b(?! pas)",
    r"\bjustifi\w* (?:\w+ ){0,2}(?:frappes|bombardements|intervention|attaques? a[eé]riennes?|raids?)\b",
    r"\borganis(?:er|ent|eront|era) (?:une |de |des |la |le )?(?:nouvelle |fausse )?(?:\w+ )?(?:provocation"
    r"|attaque|incident)\w*",
    r"\bpour (?:en )?(?:accuser|imputer|incriminer|bl[aâ]mer|discr[eé]diter|faire porter)\b|\bfaire accuser\b",
    r"\bd'en (?:accuser|imputer)\b|\bimputer (?:la responsabilit[eé] )?[aà]\b|\bdiscr[eé]dit\w*",
)

_ACT = (
    r"(?:mettre en sc|simuler|filmer|organiser|provoquer|monter|tourner)\w*"  # not "utiliser": real attacks use too
)

PROSPECTIVE = (
    r"\bpr[eé]par\w*",  # préparent, préparer, préparation, préparatifs
    r"\bs'appr[eê]t\w*|\bsont pr[eê]ts? [aà]\b|\bsur le point de\b",
    r"\bpr[eé]voi\w*|\bpr[eé]voy\w*|\bpr[eé]vu\w*|\bplanifi\w*|\bprojet(?:tent|te|ant|er) d\w*|\bcomptent\b",
    r"\benvisag\w*|\bont l'intention\b|\ba l'intention\b|\bintention de\b|\bentend(?:ent)? (?:\w+ ){0,2}" + _ACT,
    r"\bdans les (?:prochains|prochaines) (?:jours|heures|semaines)\b|\bprochainement\b|\bbient[oô]t\b",
    r"\bimminent\w*|\b[aà] venir\b|\bsemaine prochaine\b",
    r"\b(?:avant|en amont de|[aà] la veille de) (?:l'|la |le )?(?:offensive|assaut|op[eé]ration)\b",
    r"\b(?:nouvelles?|nouveaux?|prochaines?|autres?) (?:\w+ )?(?:provocations?|mises? en sc[eè]ne|attaques?"
    r" chimiques?|incidents? chimiques?|attaques? au)\b",
    r"\bv(?:a|ont) (?:\w+ ){0,2}" + _ACT,
    r"\b(?:pour|afin de|afin d'|en vue de) ?(?:\w+ ){0,3}" + _ACT,
    r"\b(?:mettr|simuler|filmer|organiser|provoquer|monter|tourner|fabriquer)(?:ai|as|a|ons|ez|ont)\b",
    r"\b(?:pourraient|pourrait|veulent|veut|cherchent [aà]|tentent de|tenteront de|essaient de) (?:\w+ ){0,2}"
    + _ACT,
    r"\b(?:livrent|acheminent|transportent|stockent|entreposent|apportent|introduisent)\b",
)

RETROSPECTIVE = (
    r"\b(?:a|ont|avait|avaient) [eé]t[eé] (?:\w+ ){0,2}(?:mise?s? en sc[eè]ne|simul[eé]\w*|falsifi[eé]\w*"
    r"|fabriqu[eé]\w*|invent[eé]\w*|provoqu[eé]\w*|truqu[eé]\w*|mont[eé]\w*|film[eé]\w*)",
    r"\b(?:[eé]tait|[eé]taient|est|sont|fut) (?:\w+ ){0,2}(?:une |un )?(?:\w+ )?(?:mise en sc[eè]ne|provocation"
    r"|falsification|montage|mascarade|com[eé]die|farce|fake)\b",
    r"\bont (?:\w+ ){0,3}(?:mis en sc[eè]ne|simul[eé]|falsifi[eé]|film[eé]|mont[eé]|fabriqu[eé])\b",
    r"\bpr[eé]tendu\w*|\bpr[eé]sum[eé]\w*|\bsuppos[eé]\w*|\ball[eé]gu[eé]\w*|\bsoi-disant\b",
    r"\bl'an dernier\b|\bl'ann[eé]e derni[eè]re\b|\ble mois dernier\b|\bil y a un an\b|\ben (?:19|20)\d\d\b",
    r"\b(?:en|au mois d'|d')?(?:janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
    r"|novembre|d[eé]cembre) dernier\b",
    r"\bn'a jamais eu lieu\b|\bn'a pas eu lieu\b|\bil n'y a (?:eu )?(?:pas|aucune?)\b",
    r"\btu[eé]s?\b|\bvictimes\b|\bmorts\b",
    r"\b(?:l'|de l'|d')attaque (?:chimique )?(?:de|[aà]|contre|au gaz (?:de|[aà]))\b",
    r"\bresponsables? de l'attaque\b|\bdissimul\w*",
)

RELAY = (
    r"\b(?:a|ont|avait|avaient) (?:d[eé]clar[eé]|affirm[eé]|indiqu[eé]|annonc[eé]|assur[eé]|averti|accus[eé]|dit"
    r"|rapport[eé]|soulign[eé]|pr[eé]cis[eé]|d[eé]nonc[eé]|signal[eé])\b",
    r"\bselon\b|\bd'apr[eè]s\b|\bcit[eé]\w* par\b|\bde source\b",
    r"\baffirm\w*|\bd[eé]clar\w*|\bindiqu\w*|\baccus\w*|\bassur(?:e|ent)\b|\bpr[eé]vien\w*|\bavert\w*|\bestim\w*",
)
REBUTTAL = (
    r"\bfaussement\b",
    r"\bsans (?:apporter |fournir |pr[eé]senter |donner )?(?:la moindre |aucune |de )?(?:preuves?|[eé]l[eé]ments?"
    r" de preuve)\b",
    r"\bsans fondement\b|\binfond[eé]\w*|\bnon (?:[eé]tay[eé]|fond[eé]|v[eé]rifi[eé])\w*|\bmensong\w*",
    r"\bd[eé]sinformation\b|\bpropagand\w*|\bm[eé]dias d'[eé]tat\b|\bm[eé]dias (?:pro-?kremlin|proches du kremlin)\b",
    r"\bth[eé]ories? du complot\b|\bcomplotis\w*|\bnarratif\w*",
    r"\bfausses? (?:all[eé]gations|affirmations|accusations|informations|nouvelles)\b|\bfake news\b",
    r"\br[eé]fut\w*|\bd[eé]menti\w*|\brejet[eé]\w*|\brejett?\w* (?:\w+ ){0,2}all[eé]gations\b",
)

NEGATION = (
    r"\bne\b|\bn'",
    r"\bpas\b(?! seulement| exclu)|\bjamais\b|\baucun\w*|\bni\b",
    r"\bni[eé]\w*|\bnient\b|\bd[eé]ment\w*",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\bcentre (?:russe )?(?:pour la|de|de la) r[eé]conciliation\w*",
        r"\bcentre (?:russe )?(?:pour la|de) r[eé]conciliation des (?:parties|c[oô]t[eé]s)\b",
        r"\bhmeimim\b|\bhmeymim\b|\bkhmeimim\b",
    ),
    "Russian General Staff": (
        r"\b[eé]tat-major (?:g[eé]n[eé]ral )?(?:russe|de russie|des forces arm[eé]es russes)\b",
        r"\broudsko[iï]\w*|\brudsko[iï]\w*|\bguerassimov\b",
    ),
    "Russian Ministry of Defence": (
        r"\bminist[eè]re russe de la d[eé]fense\b",
        r"\bminist[eè]re de la d[eé]fense (?:russe|de (?:la )?russie)\b",
        r"\b(?:la )?d[eé]fense russe\b",
        rf"\bminist[eè]re de la d[eé]fense\b{_NOT_RUSSIAN}",
        r"\b(?:l'arm[eé]e|militaires?|l'[eé]tat-major) russes?\b",
        r"\bkonachenkov\b|\bkonashenkov\b|\bcho[iï]gou\b",
    ),
    "Russian Foreign Ministry": (
        r"\bminist[eè]re russe des affaires [eé]trang[eè]res\b",
        r"\bminist[eè]re des affaires [eé]trang[eè]res (?:russe|de (?:la )?russie)\b",
        r"\b(?:la )?diplomatie russe\b|\bministre russe des affaires [eé]trang[eè]res\b",
        r"\bzakharova\b|\blavrov\b|\briabkov\b",
    ),
    "Russian UN mission": (
        r"\bnebenzia\b|\bnebenzya\b|\btchourkine\b|\bpolyanski\w*|\bpolianski\w*",
        r"\b(?:ambassadeur|repr[eé]sentant|envoy[eé]|mission) (?:permanente? )?(?:russe|de (?:la )?russie)"
        r" (?:[aà]|aupr[eè]s de) l'onu\b",
    ),
    "Syrian Foreign Ministry": (
        r"\bminist[eè]re syrien des affaires [eé]trang[eè]res\b|\bdiplomatie syrienne\b",
        r"\bminist[eè]re des affaires [eé]trang[eè]res syrien\b",
        r"\bmouallem\b|\bmoallem\b|\bmeqdad\b|\bmekdad\b|\bjaafari\b|\bjaafary\b",
    ),
    "Syrian Arab Army": (
        r"\barm[eé]e (?:arabe )?syrienne\b(?! libre)|\btroupes (?:gouvernementales )?syriennes\b",
        r"\bforces (?:arm[eé]es )?syriennes\b|\bforces gouvernementales syriennes\b",
    ),
    "Syrian government": (
        r"\bgouvernement syrien\b|\br[eé]gime syrien\b|\bautorit[eé]s syriennes\b|\bpouvoir syrien\b",
        r"\bm[eé]dias (?:d'[eé]tat |officiels )?syriens\b|\bagence (?:officielle |de presse )?syrienne\b|\bsana\b",
        r"\bdamas (?:affirme|accuse|assure|d[eé]clare|pr[eé]tend|d[eé]nonce|a (?:affirm|accus|d[eé]clar))\w*",
        r"\bbachar (?:al-)?assad (?:a (?:dit|d[eé]clar[eé]|affirm[eé])|affirme|d[eé]clare)\b",
    ),
    "Iranian government": (r"\bgouvernement iranien\b|\bt[eé]h[eé]ran\b|\bzarif\b|\bdiplomatie iranienne\b",),
    "Russian government": (
        r"\bmoscou\b|\bkremlin\b|\bpoutine\b|\bpeskov\b",
        r"\b(?:gouvernement|autorit[eé]s|pr[eé]sident|pouvoir|dirigeants|responsables) russes?\b",
        r"\b(?:la )?russie (?:affirme|accuse|assure|d[eé]clare|pr[eé]tend|avertit|insiste|a (?:affirm|accus|d[eé]clar"
        r"|averti|assur))\w*",
    ),
    "local residents": (
        r"\bhabitants\b|\briverains\b|\br[eé]sidents (?:locaux|de la r[eé]gion)\b|\bhabitants? (?:locaux|de la)\b",
        r"\btémoins\b",
    ),
}

ACCUSED = {
    "White Helmets": (r"\bcasques? blancs?\b", r"\bd[eé]fense civile syrienne\b", r"\bwhite helmets?\b"),
    "Hayat Tahrir al-Sham": (
        r"\bha[yi]['’]?at tahrir\b",
        r"\btahrir (?:a[ls]|ach|ash)[- ]?(?:ch|sh|s)am\b",
        r"\bhts\b|\borganisation de lib[eé]ration du levant\b",
    ),
    "Jabhat al-Nusra": (r"\bnosra\b|\bnousra\b|\bnusra\b|\bal-qa[iï]da\b|\bfateh al-cham\b",),
    "Islamic State": (r"\b[eé]tat islamique\b|\bdaech\b|\bdaesh\b|\bisis\b|\bei\b",),
    "Jaysh al-Islam": (r"\b(?:jaich|jaysh|jaish|djaich|jeich) al[- ]islam\b|\barm[eé]e de l'islam\b",),
    "Free Syrian Army": (r"\barm[eé]e syrienne libre\b|\basl\b",),
    "militants": (
        r"\bcombattants?\b|\brebelles?\b|\bd?jihadistes?\b|\binsurg[eé]s\b|\bextr[eé]mistes?\b|\bislamistes?\b",
        # "militants" alone are activists in French; only armed or jihadist ones are fighters
        r"\bgroupes? arm[eé]s\b|\bmilitants (?:arm[eé]s|islamistes|d?jihadistes)\b|\bmercenaires\b"
        r"|\bopposition arm[eé]e\b",
    ),
    "terrorists": (r"\bterroristes?\b",),
    "United States": (
        r"\b[eé]tats-unis\b|\bam[eé]ricains?\b|\bam[eé]ricaines?\b|\bwashington\b|\bpentagone\b|\bcia\b",
    ),
    "United Kingdom": (
        r"\broyaume-uni\b|\bgrande-bretagne\b|\bbritanniques?\b|\blondres\b|\bmi6\b",
    ),
    # the country or its services; not the adjective alone ("l'armée française s'entraîne" accuses no one)
    "France": (
        r"\bfrance\b(?! 24| inter| info| culture| t[eé]l[eé]visions| presse)",
        r"\b(?:services?|renseignements?|agents|forces sp[eé]ciales) (?:\w+ )?fran[cç]ais\b",
    ),
    "Western special services": (
        r"\bservices (?:secrets|de renseignement|sp[eé]ciaux) (?:occidentaux|[eé]trangers)\b",
        r"\brenseignements? occidenta\w*",
    ),
    "foreign specialists": (
        r"\b(?:sp[eé]cialistes|experts|instructeurs|conseillers) (?:[eé]trangers|occidentaux)\b",
    ),
    "film crews": (
        r"\b[eé]quipes? (?:de )?(?:t[eé]l[eé]vision|t[eé]l[eé]|tournage|cin[eé]ma|journalistes|cam[eé]ramans|vid[eé]o"
        r"|film|reporters)\b",
        r"\bcam[eé]ram[ae]ns?\b|\bjournalistes\b|\bm[eé]dias [eé]trangers\b|\bal[- ]jazeera\b|\bal[- ]jazira\b",
    ),
    "Ukraine": (r"\bukrain\w*|\bkiev\b|\bkyiv\b|\bzelensk\w*",),
}

_CONTAINERS = r"(?:bonbonnes?|bidons?|cylindres?|conteneurs?|f[uû]ts?|barils?|chlore|toxiques?|chimiques?|munitions)"
EVIDENCE = (
    r"\b[eé]quipes? (?:de )?(?:t[eé]l[eé]vision|t[eé]l[eé]|tournage|journalistes|cam[eé]ramans|vid[eé]o|film)"
    r" (?:\w+ ){0,3}(?:sont |est |seraient |serait )?arriv[eé]\w*",
    r"\barriv[eé]\w* (?:\w+ ){0,4}pour (?:y )?(?:filmer|tourner|mettre en sc[eè]ne|simuler)\b",
    r"\b(?:livr|achemin|apport|transport|introdui|stock|entrepos|d[eé]pos|cach)\w* (?:\w+ ){0,5}" + _CONTAINERS,
    # rehearsals of the staged scene ("répètent une attaque"; not "répètent que", repeat that)
    r"\br[eé]p[eé]titions?\b|\br[eé]p[eè]t(?:ent|e) (?:d[eé]j[aà] |actuellement )?(?:une|la|le|des|leurs?)\b",
    r"\b(?:bonbonnes?|bidons?|cylindres?|conteneurs?|f[uû]ts?|barils?) (?:de |d')(?:chlore|sarin|substances?"
    r" toxiques?|produits? (?:chimiques?|toxiques?))",
)

_MONTH = r"(?:janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[eé]cembre)"

EXTRA = {
    "past_use": (r"\b(?:a|ont|avait|avaient) (?:\w+ )?(?:utilisé|employé|tiré|lancé|largué|fait usage)\b",
                 r"\b(?:utilisèrent|employèrent|tirèrent|lancèrent)\b|\bdépôts? (?:d'armes|de munitions|chimiques?)\b"),
    "blame": (
        r"\b(?:accuser|accusant|incriminer|discréditer|discrediter|imputer|rejeter la (?:faute|responsabilité) sur)\b",
        r"\bfaire porter (?:le chapeau|la responsabilité) (?:à|au|aux)\b",
        r"\battribu(?:er|é|ée|és|ées|era|eront|ent)\b|\bimput(?:é|ée|és|ées|era|eront|ent)\b",
    ),
    "insufficient": (
        # "sans apporter aucune preuve" is a rebuttal of a claim, not a finding that evidence is missing
        r"(?<!sans )(?<!apporter )(?<!fournir )(?<!présenter )(?<!presenter )(?<!donner )\baucune? (?:\w+ )?"
        r"(?:preuves?|[eé]l[eé]ments?)\b|\bpas de preuves?\b",
        r"\bn'(?:a|ont) pas (?:[eé]t[eé] )?(?:prouv|d[eé]montr|[eé]tabli)\w*|\bflou\b|\bpas clair\b",
    ),
    "date": (rf"\b(?:le )?\d{{1,2}}(?:er)? {_MONTH}(?: \d{{4}})?\b", r"\bdemain\b"),
    "vague_time": (r"\bdans les (?:prochains|prochaines) (?:jours|heures|semaines)\b", r"\bbient[oô]t\b",
                   r"\bprochainement\b", r"\bimminent\w*"),
    "state_outlet": (
        r"\brt\b|\brt france\b|\bsputnik\b|\btass\b|\bria\b|\bria novosti\b|\bzvezda\b|\bsana\b|\brussia today\b",
        r"\bnews front\b|\bminist[eè]re russe de la d[eé]fense\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "fr",
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
