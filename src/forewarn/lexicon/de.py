"""German cues (RT DE, SNA/Sputnik Deutschland and the German press that relays or rebuts them).

Written for `forewarn.text.normalise` output: case-folded, so nouns are lower case and ß is "ss"
("Weißhelme" → "weisshelme", "mutmaßlich" → "mutmasslich"); „…“ become '"'. Umlauts stay (ä ö ü); where a
text may spell them out (ae, oe, ue: headlines, URLs, Swiss spelling) the pattern accepts both.

German compounds put the chemical first ("Giftgasangriff", "Chemiewaffenangriff", "Chlorgasattacke"), so agent
stems are open at the end (\\w*). Separable verbs ("bereiten … vor") and the verb at the end of a clause
("wollen … inszenieren") are matched by their parts. Keys are the canonical values of `forewarn.lexicon`.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

_AE, _OE, _UE = "(?:ä|ae|a)", "(?:ö|oe|o)", "(?:ü|ue|u)"
# Foreign owners that make an institution someone else's ("Verteidigungsministerium der Ukraine").
_NOT_RUSSIAN = (
    r"(?!\s+(?:der ukraine|der usa|der vereinigten|grossbritanniens|frankreichs|syriens|der türkei|israels"
    r"|in kiew|in washington|in london|in paris|in damaskus|in ankara|in berlin|in wien|in bern))"
)
# ... or an adjective in front of it ("das ukrainische Verteidigungsministerium").
_FOREIGN_ADJ = "".join(
    f"(?<!{country}{ending} )"
    for country in ("ukrainisch", "amerikanisch", "deutsch", "britisch", "französisch", "syrisch", "türkisch")
    for ending in ("e", "en", "es")
)


_STRIKES = r"(?:luftangriff|luftschl" + _AE + r"g|angriff|schl" + _AE + r"g|intervention|eingreifen)"  # to justify them

STAGING = (
    r"\binszen\w*",  # inszenieren, inszeniert, Inszenierung
    r"\bprovokation\w*",
    r"\bprovozier\w*",
    r"\bfingier\w*",
    r"\bgef" + _AE + r"lscht\w*",
    r"\bf" + _AE + r"lsch(?:ung|en|t|te|ten)\b",
    r"\bvor(?:ge)?t" + _AE + r"usch\w*|\bvorzut" + _AE + r"usch\w*|\bt" + _AE + r"uschungsman" + _OE + r"ver\w*",
    r"\bsimulier\w*|\bsimulation\w*",
    r"\bfalse[- ]flag\w*|\bunter falscher flagge\b",
    r"\bszenari\w*|\bdrehbuch\w*",
    r"\b(?:ge)?film(?:en|t|te|ten)\b|\bfilmaufnahme\w*|\bdreharbeiten\b|\bgedreht\b|\bzu drehen\b",
    r"\bvideo(?:aufnahmen|material|clips?|s)\b",
    r"\berfunden\w*|\berfinden\b",
    r"\bfake\w*",
    r"\bfarce\b|\bschauspiel\w*|\btheater\w*|\bvorwand\w*",
    # "gestellt" (posed) only of pictures or after "were": "zur Verfügung gestellt" is everyday German
    r"\bdreh(?:en|t|te|ten) (?:\w+ ){0,2}(?:video|film|aufnahme|szene)\w*",
    r"\bgestellt\w* (?:bilder|szenen|aufnahmen|videos?)\b|\b(?:waren|seien|sind|wurden) (?:\w+ )?gestellt\b",
    r"\borchestrier\w*",
    r"\brechtfertig\w* (?:\w+ ){0,2}" + _STRIKES + r"\w*|\b" + _STRIKES + r"\w* (?:\w+ ){0,2}(?:zu )?rechtfertigen\b",
    r"\borganisier\w* (?:\w+ ){0,3}(?:angriff|anschlag|provokation|zwischenfall|vorfall)\w*",
    r"\bin die schuhe (?:zu )?schieben\b|\bdie schuld (?:\w+ ){0,3}zu(?:zu)?schieben\b|\bzu beschuldigen\b",
    r"\bverantwortlich zu machen\b|\banzulasten\b|\bdiskreditier\w*|\bzu diskreditieren\b",
)

# The act as a verb; not "einsetzen"/"anwenden" (to use): real attacks are reported with them as often.
_ACT = r"(?:inszen|fingier|simulier|provozier|vorzut|vort" + _AE + r"usch|film|dreh|organisier|f" + _AE + r"lsch)\w*"

PROSPECTIVE = (
    r"\bbereit(?:en|et|eten|ete)\b",  # "bereiten … vor" (the particle stands at the end of the clause)
    r"\bvorbereit\w*|\bvorzubereiten\b",
    r"\bplan(?:en|t|ten|te|ung|ungen)\b|\bgeplant\w*|\bvorhaben\w*|\bhaben (?:\w+ ){0,4}vor\b",
    r"\bbeabsichtig\w*|\babsicht\w*|\bim begriff\b|\bkurz davor\b|\bsich anschicken\w*|\bschicken sich an\b",
    r"\bin den (?:kommenden|n" + _AE + r"chsten) (?:tagen|stunden|wochen)\b|\bdemn" + _AE + r"chst\b",
    r"\bin k" + _UE + r"rze\b|\bbald\b|\bbevorstehend\w*|\bunmittelbar bevor\w*|\bkommende\w* woche\b",
    r"\bvor (?:der|einer) (?:offensive|(?:\w+ )?operation)\b",
    r"\b(?:neue|neuen|neuer|neues|weitere|weiteren|weiterer|n" + _AE + r"chste|n" + _AE + r"chsten|erneute|erneuten)"
    r" (?:\w+ )?(?:provokation|inszenierung|chemie|giftgas|gasangriff|angriff|anschlag|zwischenfall)\w*",
    # modal + the act at the end of the clause: "wollen in den kommenden Tagen einen Angriff inszenieren"
    r"\b(?:werden|wird|w(?:ü|ue)rden?|wollen|will|wollten|k" + _OE + r"nnten?|sollen|soll|sollten|m" + _OE
    + r"chten|beabsichtigen) (?:\w+ ){0,7}" + _ACT,  # w(ü|ue)rde, not _UE: "wurde" (was) is the past
    r"\bum (?:\w+ ){0,7}zu (?:inszenieren|simulieren|filmen|drehen|provozieren|organisieren)\b",
    r"\bzu (?:inszenieren|simulieren|filmen|drehen|provozieren|f" + _AE + r"lschen)\b|\bvorzut" + _AE + r"uschen\b",
    r"\b(?:inszenier|simulier|fingier|provozier)en (?:wollen|werden|sollen)\b",
    r"\b(?:lagern|lagert|horten|hortet|schmuggeln|schmuggelt|liefern|liefert|transportieren|transportiert|bringen)\b",
    r"\bsoll(?:en)? (?:\w+ ){0,6}(?:inszeniert|gefilmt|eingesetzt|gedreht|simuliert) werden\b",
)

RETROSPECTIVE = (
    r"\b(?:wurde|wurden|war|waren|ist|sind|sei|seien|worden) (?:\w+ ){0,4}(?:inszeniert|gef" + _AE
    + r"lscht|fingiert|vorget" + _AE + r"uscht|erfunden|simuliert|provoziert|gestellt)\b",
    r"\b(?:wurde|wurden|war|waren|ist|sind|sei|seien) (?:\w+ ){0,3}(?:eine |ein )?(?:\w+ )?(?:inszenierung|f" + _AE
    + r"lschung|provokation|farce|fake)\b",
    r"\bhaben (?:\w+ ){0,5}inszeniert\b|\bhatten (?:\w+ ){0,5}inszeniert\b",
    r"\bangeblich\w*|\bmutma(?:ss|ß)lich\w*|\bsogenannt\w*|\bso genannt\w*|\bvermeintlich\w*",
    r"\bim (?:vergangenen|letzten|vorigen) (?:jahr|monat|fr" + _UE + r"hjahr|sommer|herbst|winter|januar|februar"
    r"|m" + _AE + r"rz|april|mai|juni|juli|august|september|oktober|november|dezember)\b",
    r"\bletzte\w* (?:jahr|monat|woche)\b|\bvor einem jahr\b|\bvergangene\w* woche\b|\bvorjahr\w*",
    r"\b(?:19|20)\d\d\b",
    r"\bnie stattgefunden\b|\bnicht stattgefunden\b|\bhat es nicht gegeben\b|\bgab es (?:\w+ )?keinen\b",
    r"\bgetötet\w*|\btote\b|\btoten\b|\bopfer\b|\bums leben\b",
    r"\b(?:der|den|dem|des) (?:\w+ )?(?:chemie|giftgas|gas|chlor|sarin)\w*(?:angriff|anschlag|attacke)\w*"
    r" (?:in|auf|von|bei)\b",
    r"\bverantwortlich f" + _UE + r"r (?:den|die) (?:\w+ )?(?:angriff|anschlag|attacke)\w*",
    r"\bvertuscht\w*|\bvertuschung\w*",
)

RELAY = (
    r"\bsagte\w*|\bsagt\b|\berkl" + _AE + r"rt\w*|\bteilt\w* (?:\w+ ){0,6}mit\b|\bberichtet\w*|\bmeldet\w*",
    r"\blaut\b|\bzufolge\b|\bnach angaben\b|\bnach (?:\w+ ){0,2}informationen\b|\bunter berufung auf\b",
    r"\bbehaupt\w*|\bwarnt\w*|\bbetont\w*|\bhie(?:ss|ß) es\b|\bwirft (?:\w+ ){0,4}vor\b|\bwarf (?:\w+ ){0,4}vor\b",
    r"\bbeschuldig\w*|\bvorw" + _UE + r"rf\w*|\bverk" + _UE + r"ndet\w*|\bgab (?:\w+ ){0,3}bekannt\b",
)
REBUTTAL = (
    r"\bf" + _AE + r"lschlich\w*",
    r"\bohne (?:jegliche |irgendwelche |jeden |einen |konkrete )?(?:beweis|beleg)\w*",
    r"\bhaltlos\w*|\bunbegr" + _UE + r"ndet\w*|\bunbelegt\w*|\bunbewiesen\w*",
    r"\bdesinformation\w*|\bpropaganda\w*|\bkreml-?propaganda\w*|\bstaatsmedien\b|\bstaatsnah\w*",
    r"\bfalschbehauptung\w*|\bfalschinformation\w*|\bverschw" + _OE + r"rungs\w*|\bnarrativ\w*",
    r"\bwiderleg\w*|\bzur" + _UE + r"ckgewiesen\b|\bweist (?:\w+ ){0,3}zur" + _UE + r"ck\b",
)

NEGATION = (
    r"\bnicht\b(?! nur| ausgeschlossen| auszuschlie)",
    r"\bkein(?:e|en|er|es|em)?\b|\bnie\b|\bniemals\b|\bweder\b",
    r"\bbestr(?:eit|itt)\w*|\bdementier\w*|\bleugn\w*",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\bvers" + _OE + r"hnungszentr\w*",
        r"\bzentrum\w* f" + _UE + r"r (?:die )?(?:vers|auss)" + _OE + r"hnung\w*",
        r"\b(?:c?h)meimim\w*|\bhmeymim\w*",
    ),
    "Russian General Staff": (
        _FOREIGN_ADJ + rf"\bgeneralstab\w*{_NOT_RUSSIAN}",
        r"\brudskoi\w*|\brudskoj\w*|\bgerassimow\w*",
    ),
    "Russian Ministry of Defence": (
        r"\brussische\w* (?:verteidigungsministeri\w*|milit" + _AE + r"r\w*|armee)\b",
        r"\bverteidigungsministeri\w* (?:russlands|der russischen|in moskau)\b",
        _FOREIGN_ADJ + rf"\bverteidigungsministeri\w*\b{_NOT_RUSSIAN}",
        r"\bkonaschenkow\w*|\bkonashenkov\w*|\bschoigu\w*",
    ),
    "Russian Foreign Ministry": (
        r"\brussische\w* (?:au(?:ss|ß)enministeri\w*|au(?:ss|ß)enminister\w*|diplomat\w*)\b",
        r"\bau(?:ss|ß)enministeri\w* (?:russlands|der russischen|in moskau)\b",
        r"\bsacharowa\w*|\blawrow\w*|\brjabkow\w*",
    ),
    "Russian UN mission": (
        r"\bnebensja\w*|\bnebenzia\w*|\btschurkin\w*|\bpoljanski\w*",
        r"\brussische\w* (?:un-|uno-)?(?:botschafter|gesandte|vertreter|mission)\w* (?:bei|in) de[rn]"
        r" (?:un|uno|vereinten)\b",
        r"\brussische\w* (?:un|uno)-(?:botschafter|gesandte|vertreter|mission)\w*",
    ),
    "Syrian Foreign Ministry": (
        r"\bsyrische\w* au(?:ss|ß)enministeri\w*|\bau(?:ss|ß)enministeri\w* syriens\b",
        r"\bmekdad\w*|\bmuallem\w*|\bmoallem\w*|\bdschaafari\w*|\bjaafari\w*",
    ),
    "Syrian Arab Army": (
        r"\bsyrische\w* (?:arabische\w* )?armee\b|\bsyrisch-arabische\w* armee\b",
        r"\bsyrische\w* (?:regierungs)?(?:truppen|streitkr" + _AE + r"fte|milit" + _AE + r"r)\b",
        r"\bregierungstruppen\b",
    ),
    "Syrian government": (
        r"\bsyrische\w* (?:regierung|staatsmedien|beh" + _OE + r"rden|f" + _UE + r"hrung|pr" + _AE
        + r"sident|staatsfernsehen|nachrichtenagentur)\w*",
        r"\bregierung (?:in damaskus|syriens|assads?)\b|\bassad-regierung\w*|\bsana\b",
        r"\bdamaskus (?:sagt|erkl" + _AE + r"rt|behauptet|wirft|warnt|beschuldigt)\w*",
        r"\bassad (?:sagte|sagt|erkl" + _AE + r"rte)\b",
    ),
    "Iranian government": (r"\biranische\w* (?:regierung|au(?:ss|ß)enminister\w*)\b|\bteheran\b|\bsarif\b",),
    "Russian government": (
        r"\bmoskau\b|\bkreml\w*|\bputin\w*|\bpeskow\w*",
        r"\brussische\w* (?:regierung|beh" + _OE + r"rden|f" + _UE + r"hrung|staatsmedien|pr" + _AE + r"sident)\w*",
        r"\brussland (?:sagt|erkl" + _AE + r"rt|behauptet|warnt|wirft|beschuldigt|besteht)\w*",
    ),
    "local residents": (
        r"\b(?:anwohner|einwohner|ortsans" + _AE + r"ssige|einheimische|bewohner)\w*",
        r"\b" + _OE + r"rtliche\w* (?:bev" + _OE + r"lkerung|quellen)\b",
    ),
}

ACCUSED = {
    "White Helmets": (
        r"\bwei(?:ss|ß)helm\w*|\bwei(?:ss|ß)e\w* helme\w*|\bwhite helmets?\b",
        r"\bsyrische\w* zivil(?:schutz|verteidigung)\w*",
    ),
    "Hayat Tahrir al-Sham": (
        r"\bha[yij]['’]?a[th]? tahrir\b",
        r"\btahrir (?:a[ls]|asch|ash|ach)[- ]?(?:sch|sh|ch|s)am\b",
        r"\bhts\b|\bkomitee zur befreiung der levante\b",
    ),
    "Jabhat al-Nusra": (r"\bnusra\w*|\bal-kaida\b|\bal-qaida\b|\bal kaida\b|\bfatah al-scham\b",),
    "Islamic State": (r"\bislamische\w* staat\w*|\bisis\b|\bis-miliz\w*|\bdaesch\b|\bdaesh\b",),
    "Jaysh al-Islam": (r"\b(?:dschaisch|dschaysch|jaish|jaysh|dschaich) al[- ]islam\b",),
    "Free Syrian Army": (r"\bfreie\w* syrische\w* armee\b|\bfsa\b",),
    "militants": (
        r"\bmilitante\w*|\bmilizion" + _AE + r"r\w*|\bk" + _AE + r"mpfer\w*|\brebell\w*|\bdschihadist\w*",
        r"\bislamist\w*|\baufst" + _AE + r"ndisch\w*|\bextremist\w*|\bbewaffnete\w* (?:gruppe|gruppierung|opposition"
        r"|formation|einheit)\w*|\boppositionsk" + _AE + r"mpfer\w*",
    ),
    "terrorists": (r"\bterrorist\w*", r"\bterrormiliz\w*"),
    "United States": (
        r"\busa\b|\bus-\w+|\bvereinigte\w* staaten\b|\bwashington\w*|\bamerikan\w*|\bpentagon\w*|\bcia\b",
    ),
    "United Kingdom": (
        r"\bgro(?:ss|ß)britannien\w*|\bbritisch\w*|\bbriten\b|\blondon\w*|\bmi6\b|\bvereinigte\w* k" + _OE
        + r"nigreich\w*",
    ),
    # the country or its services; not the adjective alone ("die französische Armee übt" accuses no one)
    "France": (r"\bfrankreich\w*|\bfranz" + _OE + r"sische\w* (?:geheimdienst|spezialkr" + _AE + r"ft|dienst)\w*",),
    "Western special services": (
        r"\b(?:westliche|ausl" + _AE + r"ndische)\w* (?:geheimdienst|nachrichtendienst|spezialdienst|sonderdienst)\w*",
        r"\bwestliche\w* (?:dienste|geheimdienste)\b|\bgeheimdienste des westens\b",
    ),
    "foreign specialists": (
        r"\b(?:ausl" + _AE + r"ndische|westliche|fremde)\w* (?:spezialisten|experten|ausbilder|instrukteure|berater)\b",
    ),
    "film crews": (
        r"\b(?:kamera|film|fernseh|tv-|dreh)(?:team|crew)\w*|\bkameraleute\b|\bkameram" + _AE + r"nner\b",
        r"\bjournalisten\b|\bausl" + _AE + r"ndische\w* (?:medien|journalisten|reporter)\b|\bal[- ]?(?:dsch|j)azira\b",
        r"\bal[- ]jazeera\b",
    ),
    "Ukraine": (r"\bukrain\w*|\bkiew\w*|\bkyjiw\w*|\bselenskyj\w*",),
}

_CONTAINERS = (
    r"(?:kanister|beh" + _AE + r"lter|f" + _AE + r"sser|fass|flaschen|gasflaschen|zylinder|container|chlor|giftstoff"
    r"|chemikali|munition)\w*"
)
EVIDENCE = (
    r"\b(?:kamera|film|fernseh|tv-)(?:team|crew)\w* (?:\w+ ){0,4}(?:eingetroffen|angekommen|angereist|eintreffen)\b",
    r"\b(?:eingetroffen|angekommen|angereist)\w*,? um (?:\w+ ){0,4}zu (?:filmen|drehen|inszenieren)\b",
    r"\b" + _CONTAINERS + r" (?:\w+ ){0,7}(?:gebracht|geliefert|angeliefert|transportiert|geschmuggelt|gelagert"
    r"|verteilt|deponiert|versteckt)\b",
    r"\b(?:liefer|brach|bring|transportier|schmuggel|lager|deponier)\w* (?:\w+ ){0,4}" + _CONTAINERS,
    # rehearsals of the staged scene: the verb with its object ("proben eine Attacke"; "Proben" are also samples)
    r"\bprob(?:en|t|ten) (?:\w+ ){0,3}(?:eine|einen|ein|die|den|das)\b|\bgeprobt\b"
    r"|\bgeneralprobe\w*",
    r"\b(?:kanister|beh" + _AE + r"lter|f" + _AE + r"sser|gasflaschen|zylinder)\w* mit (?:\w+ )?(?:chlor|giftstoff"
    r"|gift|sarin|chemikali|toxisch)\w*",
)

_MONTH = r"(?:januar|februar|m" + _AE + r"rz|april|mai|juni|juli|august|september|oktober|november|dezember)"

EXTRA = {
    "past_use": (r"\b(?:hat|haben|hatte|hatten|wurde|wurden) (?:\w+ ){0,4}"
                 r"(?:eingesetzt|verwendet|abgefeuert|abgeworfen)\b",
                 r"\b(?:setzten|setzte) (?:\w+ ){0,3}ein\b|\b(?:waffen|munitions)lager\w*"),
    "blame": (
        r"\b(?:beschuldig\w*|anzulasten|anlasten|anzuhängen|diskreditier\w*|verantwortlich (?:zu )?machen)\b",
        r"\bdie schuld (?:\w+ )?(?:zu )?(?:geben|zuzuschieben|zuschieben)\b",
        r"\b(?:zuzuschreiben|zuschreiben|zugeschrieben|in die schuhe (?:zu )?schieben)\b",
    ),
    "insufficient": (
        r"\bkeine\w* (?:\w+ )?(?:beweise|belege|hinweise)\b",
        r"\bnicht (?:bewiesen|belegt|nachgewiesen)\b|\bunklar\b|\bnicht eindeutig\b",
    ),
    "date": (rf"\b\d{{1,2}}\. {_MONTH}(?: \d{{4}})?\b", r"\bmorgen\b(?! früh)"),
    "vague_time": (r"\bin den (?:kommenden|n" + _AE + r"chsten) (?:tagen|stunden|wochen)\b", r"\bbald\b",
                   r"\bdemn" + _AE + r"chst\b", r"\bin k" + _UE + r"rze\b"),
    "state_outlet": (
        r"\brt\b|\brt de\b|\brt deutsch\b|\bsputnik\b|\bsna\b|\btass\b|\bria\b|\bria nowosti\b|\bria novosti\b",
        r"\bswesda\b|\bzvezda\b|\bsana\b|\bnews front\b|\brussia today\b|\bverteidigungsministeri\w*",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "de",
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
