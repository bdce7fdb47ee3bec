"""Italian cues (Sputnik Italia, L'AntiDiplomatico and the Italian press that relays or rebuts them).

Written for `forewarn.text.normalise` output: case-folded, « … » and curly quotes become '"', ’ becomes '.
Accents are kept, but copy often writes "e'" or drops them ("e stato", "autorita"), so accented letters are
written as classes that accept both ([eè], [aà]). Elided articles ("l'attacco", "dell'esercito", "all'Onu")
are one token with the apostrophe. "Militanti" alone are activists, as in French: only armed or jihadist ones
are accused militants. Keys are the canonical values of `forewarn.lexicon`.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

# Foreign owners that make an institution someone else's ("ministero della Difesa ucraino").
_NOT_RUSSIAN = (
    r"(?!\s+(?:ucrain|american|statunitens|britannic|frances|sirian|turc|israelian|dell'ucraina|degli stati uniti"
    r"|del regno unito|della francia|della siria|della turchia|di kiev)\w*)"
)
_MONTH = r"(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)"


STAGING = (
    r"\binscen\w*",  # inscenare, inscenato, inscenatura
    r"\b(?:mess[aoie]|mett\w*|mis\w*) in scena\b|\bmessinscen\w*",
    r"\bsimul(?:are|ato|ata|ati|ate|ano|azione|azioni|eranno|erà|era|ando)\b",
    r"\bprovocazion\w*",  # not "provocare": "un incendio ha provocato" is "caused"
    r"\bfals[oaie] (?:attacc|incident|prov|bandier)\w*|\bfalse[- ]flag\b|\bbandiera falsa\b",
    r"\bfalsific\w*|\bcontraffatt\w*|\btruccat\w*|\bmontatur\w*|\bdi sana pianta\b|\bad arte\b",
    r"\bscenari\w*|\bsceneggiat\w*|\bcopione\b|\bregia\b",
    r"\bfilm(?:are|ato|ata|ati|ate|ano|eranno|erà|era|ando|ino)\b|\bfilmat\w*|\bripres[ae] (?:video|filmat)\w*"
    r"|\bgirare (?:un|il|dei|delle|le) (?:video|filmat|scen)\w*",
    r"\bvideo\b",
    r"\bfake\b|\binventat\w*",
    r"\bfarsa\b|\bcommedia\b|\bteatrino\b|\bpagliacciata\b|\bpretest\w*",
    r"\borchestr\w*",
    r"\bgiustific\w* (?:\w+ ){0,2}(?:raid|attacchi aerei|bombardament|intervent|attacc)\w*",
    r"\borganizz(?:are|ano|eranno|erà|era) (?:un[ao]? |la |il |delle |dei )?(?:nuov[ao] |fals[ao] )?(?:\w+ )?"
    r"(?:provocazion|attacc|incident)\w*",
    r"\bper (?:poi )?(?:accusare|incolpare|attribuir\w*|addossar\w*|screditare)\b|\bdar(?:e|ne) la colpa\b"
    r"|\bscreditar\w*",
)

# The act as a verb; not "usare"/"utilizzare" (to use): real attacks are reported with them as often.
# not "provocare" (to cause: "per provocare un intervento")
_ACT = r"(?:inscen|simular|filmar|organizzar|mettere in scena|girar|fabbricar|falsificar)\w*"

PROSPECTIVE = (
    r"\bprepar\w*",  # preparano, stanno preparando, preparativi
    r"\bpianific\w*|\bprogett(?:ano|a|ando|are)\b|\bintend(?:ono|e|ere)\b|\bintenzion\w*",
    r"\bsi accing\w*|\baccingersi\b|\bsi apprest\w*|\bpront[oaie] (?:a|ad)\b|\bsul punto di\b|\bin procinto di\b",
    r"\bsta(?:nno)? per\b",
    r"\bnei prossimi (?:giorni|mesi)\b|\bnelle prossime (?:ore|settimane)\b|\ba breve\b|\bpresto\b|\bimminent\w*",
    r"\bentro (?:pochi|qualche) giorn\w*|\bla prossima settimana\b|\bsettimana prossima\b|\bin arrivo\b",
    r"\b(?:prima|in vista) (?:dell'|della |del )(?:offensiva|assalto|operazione)\b",
    r"\b(?:nuov[aeio]|prossim[aeio]|altr[aeio]|ulterior[ei]) (?:\w+ )?(?:provocazion[ei]|messa in scena"
    r"|messinscen\w*|attacc(?:o|hi) chimic\w*|incident(?:e|i) chimic\w*)",
    r"\b(?:inscener|simuler|filmer|organizzer|metteranno in scena|metterà in scena|girer|falsificher)\w*",
    r"\b(?:vogliono|vuole|potrebbero|potrebbe|cercano di|cercheranno di|tentano di|tenteranno di|mirano a"
    r"|intendono|hanno intenzione di|si preparano a|stanno per|devono|dovrebbero) (?:\w+ ){0,3}" + _ACT,
    r"\b(?:per|al fine di|allo scopo di|in modo da|con l'obiettivo di) (?:\w+ ){0,3}" + _ACT,
    r"\b(?:l'ordine|ordini|istruzioni|il compito|l'incarico) (?:\w+ ){0,4}" + _ACT,  # "ricevuto l'ordine di girare"
    r"\b(?:consegnano|trasportano|stoccano|immagazzinano|introducono|ammassano|stanno (?:portando|trasportando"
    r"|consegnando|ammassando|introducendo))\b",
    r"\b(?:sar[àa]|saranno|verr[àa]|verranno) (?:\w+ ){0,3}(?:inscenat|simulat|filmat|ripres|girat"
    r"|mess[oaie] in scena)\w*",
    r"\bsta(?:nno)? (?:\w+ ){0,2}(?:girando|filmando|inscenando|simulando|organizzando|provando|allestendo)\b",
)

RETROSPECTIVE = (
    r"\b(?:[èe]|sono|era|erano|fu|furono|sia|siano|fosse|fossero) stat[oaie] (?:\w+ ){0,2}(?:inscenat|simulat"
    r"|falsificat|fabbricat|inventat|filmat|orchestrat|mess[oaie] in scena|montat|truccat)\w*",
    r"\b(?:era|erano|fu|[èe]|sono|si trattava di|si [èe] trattato di) (?:\w+ ){0,2}(?:una |un )?(?:\w+ )?"
    r"(?:messa in scena|messinscena|provocazione|montatura|farsa|falso|fake|sceneggiata)\b",
    r"\b(?:fu|furono|venne|vennero) (?:\w+ ){0,2}(?:inscenat|simulat|orchestrat|falsificat|fabbricat|filmat"
    r"|mess[oaie] in scena)\w*",
    r"\bhanno (?:\w+ ){0,3}(?:inscenato|simulato|falsificato|filmato|orchestrato|messo in scena|fabbricato)\b",
    r"\bpresunt\w*|\bcosiddett\w*|\bsedicent\w*|\bpresumibil\w*",
    r"\bl'anno (?:scorso|passato)\b|\bil mese scorso\b|\bun anno fa\b|\b(?:19|20)\d\d\b",
    r"\b" + _MONTH + r" scorso\b|\bscorso " + _MONTH + r"\b",
    r"\bmai avvenut\w*|\bnon (?:[èe] )?(?:mai )?(?:avvenut|accadut)\w*|\bnon c'[èe] stat\w*",
    r"\buccis\w*|\bvittime\b|\bmorti\b",
    r"\b(?:l'|dell'|nell'|all')attacco (?:chimico )?(?:di|a|contro)\b",
    r"\bresponsabil\w* dell'attacco\b|\binsabbi\w*",
)

RELAY = (
    r"\b(?:ha|hanno|aveva|avevano) (?:detto|dichiarato|affermato|riferito|annunciato|sottolineato|avvertito"
    r"|accusato|indicato|precisato|denunciato|comunicato|reso noto|scritto)\b",
    r"\bsecondo\b|\bstando a\b|\bcitat\w* da\b|\bfonti\b",
    r"\bafferm\w*|\bdichiar\w*|\briferisc\w*|\baccus\w*|\bsostien\w*|\bsostengono\b|\bavvert\w*"
    r"|\bmette in guardia\b|\bannunci\w*|\bsottoline\w*|\bdenunci\w*|\brend\w* noto\b",
)
REBUTTAL = (
    r"\bfalsamente\b",
    r"\bsenza (?:fornire |portare |presentare |addurre |mostrare )?(?:alcuna |nessuna |la minima |uno straccio di )?"
    r"(?:prov[ae]|evidenz\w*|element\w* di prova)\b",
    r"\binfondat\w*|\bprive? di fondamento\b|\bprivo di fondamento\b|\bnon (?:verificat|provat|dimostrat"
    r"|supportat)\w*|\bmenzogn\w*|\bbugi\w*",
    r"\bdisinformazion\w*|\bpropagand\w*|\bmedia (?:statali|di stato) russi\b|\bfilo-?cremlin\w*|\bfilorussi\w*",
    r"\bteori\w* del complotto\b|\bcomplottis\w*|\bnarrativ\w*|\bfake news\b",
    r"\bfals[ae] (?:accus|affermazion|notizi|informazion|tes)\w*|\bsmentit\w*|\bconfutat\w*|\brespint\w*",
)

NEGATION = (
    r"\bnon\b(?! solo| soltanto| [èe] escluso| si esclude| si pu[òo] escludere)",
    r"\bmai\b|\bnessun\w*|\bn[ée]\b",
    r"\bnega(?:no|to|ta)?\b|\bsmentisc\w*",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\bcentro (?:russo )?(?:per la|di|della) riconciliazion\w*",
        r"\bhmeimim\b|\bhmeymim\b|\bkhmeimim\b",
    ),
    "Russian General Staff": (
        r"\bstato maggiore (?:generale )?(?:russo|della russia|delle forze armate russe)\b",
        r"\brudskoj\w*|\brudskoi\w*|\bgerasimov\b",
    ),
    "Russian Ministry of Defence": (
        r"\bministero russo della difesa\b",
        r"\bministero della difesa (?:russo|della russia|di mosca)\b",
        r"\bdifesa russa\b",
        rf"\bministero della difesa\b{_NOT_RUSSIAN}",
        r"\b(?:l'esercito|militari|i militari) russ[oi]\b|\bforze armate russe\b|\bfonti militari russe\b",
        r"\bkonashenkov\w*|\bkonashenkov\b|\bshoigu\b|\bshojgu\b",
    ),
    "Russian Foreign Ministry": (
        r"\bministero russo degli (?:affari )?esteri\b",
        r"\bministero degli (?:affari )?esteri (?:russo|della russia)\b",
        r"\bdiplomazia russa\b|\bministro (?:russo )?degli esteri russo\b|\bministro russo degli esteri\b",
        r"\bzakharova\b|\bzacharova\b|\blavrov\b|\bryabkov\b|\brjabkov\b",
    ),
    "Russian UN mission": (
        r"\bnebenzia\b|\bnebenzya\b|\bchurkin\b|\bciurkin\b|\bpolyansk\w*|\bpoljansk\w*",
        r"\b(?:ambasciatore|rappresentante|inviato|missione) (?:permanente )?(?:russ[oa]|della russia)"
        r" (?:all'onu|presso l'onu|alle nazioni unite)\b",
    ),
    "Syrian Foreign Ministry": (
        r"\bministero (?:siriano )?degli (?:affari )?esteri siriano\b|\bdiplomazia siriana\b",
        r"\bministero degli (?:affari )?esteri (?:della siria|di damasco)\b",
        r"\bmuallem\b|\bmoallem\b|\bmekdad\b|\bmiqdad\b|\bjaafari\b|\bja'afari\b",
    ),
    "Syrian Arab Army": (
        # not the object of the blame ("per accusare l'esercito siriano")
        r"(?<!libero )(?<!accusare l')(?<!incolpare l')\besercito (?:arabo )?siriano\b(?! libero)",
        r"\btruppe (?:governative )?siriane\b|\bforze (?:armate |governative )?siriane\b|\btruppe governative\b"
        r"|\bforze governative\b",
    ),
    "Syrian government": (
        r"\bgoverno siriano\b|\bregime siriano\b|\bautorit[àa] siriane\b|\bgoverno di damasco\b"
        r"|\bregime di (?:damasco|assad)\b",
        r"\bsana\b|\bagenzia (?:ufficiale |di stampa |stampa )?siriana\b|\bmedia (?:statali |ufficiali )?siriani\b",
        r"\bdamasco (?:afferma|accusa|sostiene|dichiara|denuncia|avverte|ha (?:affermato|accusato|dichiarato"
        r"|denunciato))\b",
        r"\bassad (?:ha (?:detto|dichiarato|affermato)|afferma|dichiara)\b",
    ),
    "Iranian government": (r"\bgoverno iraniano\b|\bteheran\b|\bzarif\b|\bdiplomazia iraniana\b",),
    "Russian government": (
        r"\bmosca\b|\bcremlino\b|\bputin\b|\bpeskov\b",
        r"\b(?:governo|presidente) russo\b|\bautorit[àa] russe\b|\bfunzionari russi\b|\bvertici russi\b",
        r"\bla russia (?:afferma|accusa|sostiene|dichiara|avverte|insiste|ha (?:affermato|accusato|dichiarato"
        r"|avvertito))\b",
    ),
    "local residents": (r"\babitanti\b|\bresidenti\b|\btestimoni\b|\bfonti locali\b|\bpopolazione locale\b",),
}

ACCUSED = {
    "White Helmets": (r"\bcaschi bianchi\b|\bcasco bianco\b", r"\bdifesa civile siriana\b", r"\bwhite helmets?\b"),
    "Hayat Tahrir al-Sham": (
        r"\bha[yi]['’]?at tahrir\b",
        r"\btahrir (?:al|ash|as)[- ]?(?:sh|s)ham\b|\btahrir (?:al|ash|as)[- ]?sham\b",
        r"\bhts\b|\borganizzazione per la liberazione del levante\b",
    ),
    "Jabhat al-Nusra": (r"\bnusra\b|\bal[- ]qa(?:e|i)da\b|\bfateh al[- ]sham\b",),
    "Islamic State": (r"\bstato islamico\b|\bisis\b|\bdaesh\b|\bisil\b",),
    "Jaysh al-Islam": (r"\b(?:jaysh|jaish) al[- ]islam\b|\besercito dell'islam\b",),
    "Free Syrian Army": (r"\besercito (?:siriano libero|libero siriano)\b|\bfsa\b",),
    "militants": (
        r"\bmilizian\w*|\bmilizie\b|\bribell\w*|\bjihadist\w*|\bgihadist\w*|\binsort\w*|\bestremist\w*|\bislamist\w*",
        # "militanti" alone are activists; only armed or jihadist ones are fighters
        r"\bcombattenti\b|\bmercenari\b|\bgruppi armati\b|\bformazioni armate\b|\bopposizione armata\b"
        r"|\bmilitanti (?:armati|islamisti|jihadisti)\b",
    ),
    "terrorists": (r"\bterrorist\w*",),  # terroristi, terroristiche; not "terrorismo"
    "United States": (
        r"\bstati uniti\b|\bamerican\w*|\bstatunitens\w*|\bwashington\b|\bpentagono\b|\bcia\b|\busa\b",
    ),
    "United Kingdom": (r"\bregno unito\b|\bgran bretagna\b|\bbritannic\w*|\blondra\b|\bmi6\b|\binglesi\b",),
    # the country or its services; not the adjective alone ("l'esercito francese si addestra" accuses no one)
    "France": (
        r"\bfrancia\b",
        r"\b(?:servizi|intelligence|agenti|forze speciali) (?:segreti )?frances[ei]\b|\bparigi\b",
    ),
    "Western special services": (
        r"\bservizi (?:segreti|speciali|di intelligence) (?:occidentali|stranieri)\b",
        r"\bintelligence (?:occidentale|occidentali|straniera|straniere)\b",
    ),
    "foreign specialists": (r"\b(?:specialisti|esperti|istruttori|consiglieri) (?:stranieri|occidentali)\b",),
    "film crews": (
        r"\btroupe\b|\b(?:squadr[ae]|[ée]quipe) (?:televisiv\w*|cinematografic\w*|di ripresa|video|di giornalisti"
        r"|di operatori)\b",
        r"\boperatori (?:tv|video|televisivi)\b|\bcameramen\b|\bgiornalisti\b|\bmedia stranieri\b|\bal[- ]jazeera\b",
    ),
    "Ukraine": (r"(?<!in )\bucrain\w*|\bkiev\b|\bkyiv\b|\bzelensk\w*",),
}

_CONTAINERS = (
    r"(?:bombol|tanich|tanica|cilindri|contenitori|container|fusti|barili|cloro|sostanze tossiche|tossic|chimic"
    r"|munizion)\w*"
)
EVIDENCE = (
    r"\b(?:troupe|squadr[ae] televisiv\w*|operatori (?:tv|video)|giornalisti|cameramen) (?:\w+ ){0,4}"
    r"(?:sono |[èe] |sarebbero |sarebbe )?(?:arrivat|giunt)\w*",
    r"\b(?:arrivat|giunt)\w* (?:\w+ ){0,4}per (?:filmare|riprendere|girare|inscenare|simulare)\b",
    r"\b(?:consegnat|trasportat|portat|introdott|stoccat|immagazzinat|nascost|depositat|ammassat|scaricat)\w*"
    r" (?:\w+ ){0,5}" + _CONTAINERS,
    r"\b(?:bombol|tanich|cilindr|contenitor|fust|baril)\w* (?:di|con|contenenti|piene di) (?:\w+ )?(?:cloro|sarin"
    r"|sostanz\w* tossic|tossic|chimic|prodotti chimici)\w*",
    # rehearsals of the staged scene
    r"\bprove (?:generali|di ripresa)\b|\bprov(?:ano|ando) (?:la|le|una|un) (?:scena|messa|messinscena|ripresa)\w*",
)

EXTRA = {
    "past_use": (r"\b(?:ha|hanno|aveva|avevano) (?:\w+ )?(?:usato|utilizzato|impiegato|lanciato|sganciato|sparato)\b",
                 r"\b(?:usarono|utilizzarono|impiegarono|lanciarono)\b|\bdepositi? di (?:armi|munizioni)\b"),
    "blame": (r"\b(?:accusare|incolpare|screditare|attribuire la (?:colpa|responsabilità))\w*",
              r"\b(?:attribui|addoss|imput)(?:re|to|ta|ti|te|ranno|rà|ra)\b",),
    "insufficient": (
        # "senza fornire alcuna prova" is a rebuttal of a claim, not a finding that evidence is missing
        r"(?<!senza )(?<!fornire )(?<!portare )(?<!presentare )\bnessuna (?:\w+ )?(?:prova|prove|evidenza)\b"
        r"|\bnon ci sono prove\b",
        r"\bnon (?:[èe] stat[oa] )?(?:provat|dimostrat|accertat)\w*|\bnon [èe] chiaro\b|\bpoco chiaro\b",
        r"\bacqua potabile\b|\bpotabilizzazion\w*|\bdepurazion\w* (?:dell'|delle )acqu\w*",
    ),
    "date": (rf"\b\d{{1,2}} {_MONTH}(?: \d{{4}})?\b", r"\bdomani\b"),  # no article: dateparser reads "8 settembre"
    "vague_time": (r"\bnei prossimi giorni\b|\bnelle prossime (?:ore|settimane)\b", r"\ba breve\b",
                   r"\bpresto\b", r"\bimminent\w*"),
    "state_outlet": (
        r"\brt\b|\bsputnik\w*|\btass\b|\bria\b|\bria novosti\b|\bzvezda\b|\bsana\b|\bnews front\b|\brussia today\b",
        r"\bantidiplomatico\b|\bministero (?:russo )?della difesa\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "it",
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
