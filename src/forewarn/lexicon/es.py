"""Spanish cues (RT en Español, Sputnik Mundo and the Spanish-language press that relays or rebuts them).

Written for `forewarn.text.normalise` output: case-folded; accents are kept, but headlines in capitals and
hurried copy often drop them ("QUIMICAS", "provocacion"), so accented letters are written as classes that
accept both ([aá], [eé], [ií], [oó], [uú]). Keys are the canonical values of `forewarn.lexicon`.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

_A, _E, _I, _O, _U = "[aá]", "[eé]", "[ií]", "[oó]", "[uú]"
# Foreign owners that make an institution someone else's ("Ministerio de Defensa ucraniano").
_NOT_RUSSIAN = (
    r"(?!\s+(?:ucraniano|estadounidense|brit[aá]nico|franc[eé]s|sirio|turco|israel[ií]|de ucrania"
    r"|de (?:los )?estados unidos|de ee\.? ?uu\.?|del reino unido|de francia|de siria|de turqu[ií]a))"
)


STAGING = (
    r"\bescenific\w*",  # escenificar, escenificación, escenificado
    r"\bpuesta en escena\b|\bponer en escena\b",
    r"\bmontaj\w*|\bmont(?:ar|an|aron|ado|ada|ados|adas|ar[aá]n) (?:una |un |otra |otro )?(?:\w+ )?(?:provocaci"
    r"|ataque|incidente|operaci|farsa)\w*",
    r"\bsimul\w*",
    r"\bprovocaci\w*|\bprovoc(?:ar|an|ado|ada|ar[aá]n)\b",
    r"\bfalsa bandera\b|\bbandera falsa\b|\bfalse[- ]flag\b",
    r"\bfals[oa]s? (?:ataques?|incidentes?|pruebas)\b|\bataques? fals[oa]s?\b",
    r"\bfalsific\w*|\bfabric(?:ar|an|aron|ado|ada|aci[oó]n) (?:\w+ ){0,2}(?:pruebas|ataques?|incidentes?"
    r"|provocaci\w*)\b|\bamañad\w*|\bamanad\w*",
    r"\bescenarios?\b|\bguion\w*|\bgui[oó]n\b",
    r"\bfilm(?:ar|an|aron|ado|ada|ación|acion|aciones|ar[aá]n)\b|\bgrab(?:ar|an|aron|ado|ada|aci[oó]n|aciones"
    r"|ar[aá]n)\b|\brodaje\w*|\brod(?:ar|ado|ada|ar[aá]n|aron)\b",
    r"\bv[ií]deos?\b",
    r"\bfarsa\w*|\bteatr\w*|\bpretexto\w*|\bfake\b|\btrucad\w*|\btruca(?:r|je)\b",
    r"\b(?:fue|fueron|era|eran|es|son|estaban|est[aá]n) (?:\w+ )?(?:montad|amañad|amanad|falsead)\w*",
    r"\borquest\w*|\binvent(?:ad[oa]s?|aron|ar)\b",
    r"\bjustific\w* (?:\w+ ){0,2}(?:bombardeos|ataques a[eé]reos|intervenci[oó]n|ataques|represalias)\b",
    r"\borganiz(?:ar|an|ar[aá]n) (?:una |un |otra |otro |nuev[oa] )?(?:\w+ )?(?:provocaci[oó]n|ataque|incidente)\w*",
    r"\bpara (?:luego )?(?:acusar|culpar|responsabilizar|incriminar|desacreditar|inculpar)\b|\bdesacredit\w*",
    r"\bechar la culpa\b|\bculpar a\b",
)

_ACT = (
    r"(?:escenific|simul|provoc|film|grab|rod|mont|organiz)\w*"  # not "usar"/"emplear": real attacks use them too
)

PROSPECTIVE = (
    r"\bprepar\w*",  # preparan, preparando, preparativos
    r"\bplane(?:a|an|aban|ando|ado|ada)\b|\bplanific\w*|\bplanes? (?:de|para)\b",
    r"\bse (?:disponen|dispone) a\b|\bdispuestos a\b|\ba punto de\b|\bpretend(?:en|e|ían|ian)\b",
    r"\b(?:tienen|tiene) (?:la intenci[oó]n|previsto|planeado)\b|\bprevist[oa]s?\b|\bintenci[oó]n de\b",
    r"\ben (?:los|las) pr[oó]xim[oa]s (?:d[ií]as|horas|semanas)\b|\bpr[oó]ximamente\b|\bpronto\b",
    r"\binminente\w*|\bla pr[oó]xima semana\b|\ben breve\b",
    r"\bantes de (?:la|una) (?:ofensiva|operaci[oó]n)\b",
    r"\b(?:nuev[oa]s?|pr[oó]xim[oa]s?|otr[oa]s?) (?:\w+ )?(?:provocaci\w*|escenificaci\w*|montajes?|ataques? qu[ií]mic"
    r"|incidentes? qu[ií]mic)\w*",
    r"\b(?:va|van|iban|iba) a (?:\w+ ){0,2}" + _ACT,
    r"\b(?:para|con el fin de|a fin de|con el objetivo de) (?:\w+ ){0,3}" + _ACT,
    r"\b(?:escenificar|simular|provocar|filmar|grabar|montar|organizar)(?:[aá]n|[aá]|[eé]|emos)\b",
    r"\b(?:podr[ií]an|podr[ií]a|quieren|quiere|buscan|intentan|intentar[aá]n|tratan de) (?:\w+ ){0,2}" + _ACT,
    r"\b(?:trasladan|transportan|almacenan|introducen|llevan|traen|acumulan)\b",
)

RETROSPECTIVE = (
    r"\b(?:fue|fueron|ha sido|han sido|hab[ií]a sido|era|es) (?:\w+ ){0,2}(?:escenificad|simulad|montad|falsificad"
    r"|fabricad|inventad|provocad|grabad|filmad|amañad|amanad)\w*",
    r"\b(?:fue|fueron|era|es) (?:\w+ ){0,2}(?:una |un )?(?:\w+ )?(?:puesta en escena|provocaci[oó]n|montaje|farsa"
    r"|escenificaci[oó]n|falsificaci[oó]n|fake)\b",
    r"\b(?:escenificaron|simularon|montaron|falsificaron|grabaron|filmaron|fabricaron)\b",
    r"\bsupuest\w*|\bpresunt\w*|\bllamad[oa] ataque\b|\balegad\w*",
    r"\bel (?:a[nñ]o|mes) pasado\b|\bhace un a[nñ]o\b|\ben (?:19|20)\d\d\b|\bde (?:19|20)\d\d\b",
    r"\b(?:en )?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    r"|diciembre) pasado\b|\bel pasado (?:mes de )?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre)\b",
    r"\bnunca (?:ocurri[oó]|tuvo lugar|existi[oó])\b|\bno (?:ocurri[oó]|tuvo lugar|hubo)\b",
    r"\bmuert[oa]s\b|\bmurieron\b|\bv[ií]ctimas\b|\bfallecid\w*",
    r"\bel ataque (?:qu[ií]mico )?(?:de|en|contra|con gas (?:de|en))\b",
    r"\bresponsables? del ataque\b|\bencubri\w*",
)

RELAY = (
    r"\b(?:dijo|dijeron|afirm[oó]|afirmaron|asegur[oó]|aseguraron|declar[oó]|declararon|inform[oó]|informaron"
    r"|advirti[oó]|advirtieron|acus[oó]|acusaron|denunci[oó]|denunciaron|se[nñ]al[oó]|indic[oó]|explic[oó]"
    r"|sostuvo|aleg[oó]|alert[oó]|precis[oó]|subray[oó])\b",
    r"\bseg[uú]n\b|\bde acuerdo con\b|\bcitad[oa] por\b|\bafirma\w*|\basegura\w*|\bdeclara\w*|\bacusa\w*"
    r"|\badvierte\w*|\bsostiene\w*|\bdenuncia\w*",
)
REBUTTAL = (
    r"\bfalsamente\b",
    r"\bsin (?:aportar |presentar |ofrecer |dar |mostrar )?(?:ninguna |ning[uú]n |la menor )?(?:pruebas?"
    r"|evidencias?)\b",
    r"\bsin fundamento\b|\binfundad\w*|\bno (?:probad|demostrad|verificad)\w*|\bmentira\w*",
    r"\bdesinformaci[oó]n\b|\bpropagand\w*|\bmedios (?:estatales|oficialistas|afines al kremlin|del kremlin)\b",
    r"\bteor[ií]as? de(?:l)? (?:la )?conspiraci[oó]n\b|\bconspiranoi\w*|\bnarrativa\w*|\bbulos?\b",
    r"\bfals[oa]s? (?:acusaciones|afirmaciones|alegaciones|informaciones|noticias)\b"
    r"|\bacusaciones (?:falsas|infundadas)\b|\bfake news\b",
    r"\bdesment\w*|\brefut\w*|\brechaz\w*",
)

NEGATION = (
    r"\bno\b(?! se descarta| se excluye| solo| s[oó]lo| obstante)",
    r"\bnunca\b|\bjam[aá]s\b|\bning[uú]n\w*|\bni\b",
    r"\bneg[oó]\b|\bniega\w*|\bnegaron\b|\bdesminti\w*",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\bcentro (?:ruso )?(?:para la|de|de la) reconciliaci[oó]n\w*",
        r"\bhmeimim\b|\bjmeimim\b|\bhmeymim\b",
    ),
    "Russian General Staff": (
        r"\bestado mayor (?:general )?(?:ruso|de rusia|de las fuerzas armadas rusas|de las fuerzas armadas de rusia)\b",
        r"\brudsk[oó]i\w*|\bguer[aá]simov\b|\bgerasimov\b",
    ),
    "Russian Ministry of Defence": (
        r"\bministerio ruso de defensa\b",
        r"\bministerio de defensa (?:ruso|de rusia)\b",
        r"\b(?:la )?defensa rusa\b",
        rf"\bministerio de defensa\b{_NOT_RUSSIAN}",
        r"\b(?:el ej[eé]rcito|militares|las fuerzas armadas|los militares) rus[oa]s?\b",
        r"\bkonash[eé]nkov\b|\bshoig[uú]\b",
    ),
    "Russian Foreign Ministry": (
        r"\bcanciller[ií]a rusa\b|\bministerio ruso de (?:asuntos )?exteriores\b",
        r"\bministerio de (?:asuntos )?exteriores (?:ruso|de rusia)\b|\bdiplomacia rusa\b|\bcanciller ruso\b",
        r"\bzaj[aá]rova\b|\bzakharova\b|\blavrov\b|\briabkov\b|\bryabkov\b",
    ),
    "Russian UN mission": (
        r"\bnebenzia\b|\bnebenzya\b|\bchurkin\b|\bpolianski\w*|\bpolyanski\w*",
        r"\b(?:embajador|representante|enviado|misi[oó]n) (?:permanente )?(?:ruso|rusa|de rusia) (?:ante|en) "
        r"(?:la )?onu\b",
    ),
    "Syrian Foreign Ministry": (
        r"\bcanciller[ií]a siria\b|\bministerio sirio de (?:asuntos )?exteriores\b|\bdiplomacia siria\b",
        r"\bministerio de (?:asuntos )?exteriores (?:sirio|de siria)\b",
        r"\bmuallem\b|\bmoallem\b|\bmekdad\b|\bmeqdad\b|\bjaafari\b|\byaafari\b",
    ),
    "Syrian Arab Army": (
        r"\bej[eé]rcito (?:[aá]rabe )?sirio\b(?! libre)|\btropas (?:gubernamentales )?sirias\b",
        r"\bfuerzas (?:armadas |gubernamentales )?sirias\b",
    ),
    "Syrian government": (
        r"\bgobierno sirio\b|\br[eé]gimen sirio\b|\bautoridades sirias\b|\bgobierno de (?:damasco|siria|al-?asad)\b",
        r"\bmedios (?:estatales |oficiales )?sirios\b|\bagencia (?:oficial |de noticias )?siria\b|\bsana\b",
        r"\bdamasco (?:afirma|acusa|asegura|declara|denuncia|advierte|sostiene|dijo|afirm[oó]|acus[oó]|asegur[oó]"
        r"|denunci[oó])\b",
        r"\bal-?asad (?:dijo|afirm[oó]|asegur[oó]|declar[oó])\b",
    ),
    "Iranian government": (r"\bgobierno iran[ií]\b|\bteher[aá]n\b|\bzarif\b|\bdiplomacia iran[ií]\b",),
    "Russian government": (
        r"\bmosc[uú]\b|\bkreml[ií]n\b|\bputin\b|\bpeskov\b",
        r"\b(?:el )?gobierno ruso\b|\bautoridades rusas\b|\bpresidente ruso\b|\bfuncionarios rusos\b",
        r"\brusia (?:afirma|acusa|asegura|declara|denuncia|advierte|sostiene|insiste|dijo|afirm[oó]|acus[oó]"
        r"|asegur[oó]|advirti[oó]|denunci[oó])\b",
    ),
    "local residents": (
        r"\bvecinos\b|\bresidentes (?:locales|de la zona)\b|\bhabitantes (?:locales|de la zona)\b|\blugare[nñ]os\b",
        r"\btestigos\b",
    ),
}

ACCUSED = {
    "White Helmets": (r"\bcascos? blancos?\b", r"\bdefensa civil siria\b", r"\bwhite helmets?\b"),
    "Hayat Tahrir al-Sham": (
        r"\bha[yi]['’]?at tahrir\b",
        r"\btahrir (?:a[ls]|ash|ach)[- ]?(?:sh|ch|s)am\b",
        r"\bhts\b|\borganismo (?:para la|de) liberaci[oó]n del levante\b",
    ),
    "Jabhat al-Nusra": (r"\bnusra\b|\bal[- ]nusra\b|\bal[- ]qaeda\b|\bal[- ]qaida\b|\bfatah al-sham\b",),
    "Islamic State": (r"\bestado isl[aá]mico\b|\bd[aá]esh\b|\bisis\b|\bei\b",),
    "Jaysh al-Islam": (r"\b(?:jaish|jaysh|yaish|yeish) al[- ]isl[aá]m\b|\bej[eé]rcito del isl[aá]m\b",),
    "Free Syrian Army": (r"\bej[eé]rcito sirio libre\b|\besl\b",),
    "militants": (
        # party members and activists are "militantes" too
        r"\bmilitantes?\b(?! (?:del?|socialistas|de base|ecologistas|pol[ií]tic))",
        r"\brebeldes?\b|\byihadistas?\b|\bjihadistas?\b|\binsurgentes?\b|\bextremistas?\b",
        r"\bislamistas?\b|\bgrupos? armados?\b|\bcombatientes?\b|\bmercenarios\b|\boposici[oó]n armada\b",
    ),
    "terrorists": (r"\bterroristas?\b",),
    "United States": (
        r"\bestados unidos\b|\bee\.? ?uu\.?(?=\W|$)|\bestadounidense\w*|\bnorteamerican\w*|\bwashington\b",
        r"\bpent[aá]gono\b|\bcia\b",
    ),
    "United Kingdom": (r"\breino unido\b|\bgran breta[nñ]a\b|\bbrit[aá]nic\w*|\blondres\b|\bmi6\b",),
    # the country or its services; not the adjective alone ("el ejército francés entrena" accuses no one)
    "France": (r"\bfrancia\b|\b(?:servicios|inteligencia|fuerzas especiales|agentes) (?:\w+ )?franc[eé]s[ae]?s?\b",),
    "Western special services": (
        r"\bservicios (?:secretos|de inteligencia|especiales) (?:occidentales|extranjeros)\b",
        r"\binteligencia occidental\b|\bespionaje occidental\b",
    ),
    "foreign specialists": (
        r"\b(?:especialistas|expertos|instructores|asesores) (?:extranjeros|occidentales)\b",
    ),
    "film crews": (
        r"\bequipos? (?:de )?(?:filmaci[oó]n|televisi[oó]n|tv|grabaci[oó]n|rodaje|c[aá]maras|camar[oó]grafos"
        r"|periodistas|reporteros)\b",
        r"\bcamar[oó]grafos\b|\bperiodistas\b|\bmedios extranjeros\b|\bal[- ]jazeera\b|\bal[- ]yazira\b",
    ),
    "Ukraine": (r"\bucrania\w*|\bucranian\w*|\bkiev\b|\bkyiv\b|\bzelenski\w*",),
}

_CONTAINERS = r"(?:bombonas?|cilindros?|contenedores?|barriles?|bidones?|cloro|t[oó]xic|qu[ií]mic|munici[oó]n)\w*"
EVIDENCE = (
    r"\bequipos? (?:de )?(?:filmaci[oó]n|televisi[oó]n|tv|grabaci[oó]n|rodaje|c[aá]maras|periodistas)"
    r" (?:\w+ ){0,3}(?:llegaron|han llegado|lleg[oó]|ha llegado|arribaron|llegar[aá]n)\b",
    r"\b(?:llegaron|han llegado|lleg[oó]|arribaron) (?:\w+ ){0,4}para (?:filmar|grabar|escenificar|simular)\b",
    r"\b(?:traslad|transport|entreg|llev|introduj|introduc|almacen|tra[ií]d|trajeron|escond|acumul)\w* (?:\w+ ){0,5}"
    + _CONTAINERS,
    r"\bensay(?:an|a|aron|os?)\b",  # rehearsals of the staged scene
    r"\b(?:bombonas?|cilindros?|contenedores?|barriles?|bidones?) (?:de|con) (?:cloro|sar[ií]n|sustancias"
    r" t[oó]xicas|productos (?:qu[ií]micos|t[oó]xicos))",
)

_MONTH = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"

EXTRA = {
    "past_use": (r"\b(?:usaron|utilizaron|emplearon|lanzaron|dispararon|us[oó]|utiliz[oó]|emple[oó]|lanz[oó]"
                 r"|dispar[oó])\b",
                 r"\b(?:ha|han|hab[ií]an?) (?:usado|utilizado|empleado|lanzado|disparado)\b"
                 r"|\bdep[oó]sitos? de (?:armas|municiones)\b"),
    "blame": (r"\b(?:acusar|culpar|inculpar|incriminar|desacreditar|responsabilizar|achacar)\w*",
              r"\batribu(?:ir|ye|yen|ir[aá]n?|ida|ido|idas|idos)\b",),  # "que se atribuirá al Ejército sirio"
    "insufficient": (
        # "sin aportar ninguna prueba" is a rebuttal of a claim, not a finding that evidence is missing
        r"(?<!sin )(?<!aportar )(?<!presentar )(?<!ofrecer )(?<!dar )(?<!mostrar )\bning[uú]na? (?:\w+ )?"
        r"(?:prueba|evidencia)s?\b|\bno hay (?:\w+ )?(?:pruebas|evidencias?)\b",
        r"\bno (?:ha|han) (?:sido )?(?:probad|demostrad)\w*|\bpoco claro\b|\bno est[aá] claro\b",
    ),
    "date": (
        rf"\b(?:el )?\d{{1,2}} de {_MONTH}(?: de \d{{4}})?\b",
        r"(?<!la )(?<!esta )(?<!una )(?<!cada )\bma[nñ]ana\b",  # tomorrow, not "this morning"
    ),
    "vague_time": (r"\ben (?:los|las) pr[oó]xim[oa]s (?:d[ií]as|horas|semanas)\b", r"\bpronto\b",
                   r"\bpr[oó]ximamente\b", r"\binminente\w*"),
    "state_outlet": (
        r"\brt\b|\brt en espa[nñ]ol\b|\bactualidad rt\b|\bsputnik\b|\btass\b|\bria\b|\bria novosti\b|\bzvezda\b",
        r"\bsana\b|\brussia today\b|\bnews front\b|\bministerio de defensa ruso\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "es",
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
