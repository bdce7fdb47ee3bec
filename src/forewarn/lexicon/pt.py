"""Portuguese cues (Sputnik Brasil, RT Brasil, the Brazilian and Portuguese press that relays or rebuts them).

Written for `forewarn.text.normalise` output: case-folded; accents are kept, but headlines in capitals and
hurried copy often drop them ("QUIMICO", "provocacao"), so accented letters are written as classes that accept
both. Brazilian and European spellings both occur ("Moscou" / "Moscovo", "equipe" / "equipa", "planejar" /
"planear"). Keys are the canonical values of `forewarn.lexicon`. Our own writing.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

_A, _E, _I, _O, _U, _C = "[aáàâã]", "[eéê]", "[ií]", "[oóôõ]", "[uú]", "[cç]"
_CAO = rf"{_C}(?:[aã]o|[oõ]es)"  # -ção / -ções, with or without the marks
# Foreign owners that make an institution someone else's ("Ministério da Defesa ucraniano").
_NOT_RUSSIAN = (
    r"(?!\s+(?:ucraniano|norte-americano|americano|brit[aâ]nico|franc[eê]s|s[ií]rio|turco|israelense|israelita"
    r"|da ucr[aâ]nia|dos estados unidos|dos eua|do reino unido|da fran[cç]a|da s[ií]ria|da turquia))"
)
_MONTH = r"(?:janeiro|fevereiro|mar[cç]o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)"

STAGING = (
    rf"\bence?n{_A}{_CAO}\b|\bence?n(?:ar|am|aram|ado|ada|ados|adas|ar[aã]o|aria|ariam)\b",  # encenação, encenar
    r"\bmontage(?:m|ns)\b|\bmont(?:ar|am|aram|ado|ada|ar[aã]o) (?:uma |um |outra |outro )?(?:\w+ )?"
    r"(?:provoca|ataque|incidente|opera|farsa)\w*",
    r"\bsimul\w*",
    rf"\bprovoca{_CAO}\b|\bprovoc(?:ar|am|ado|ada|ar[aã]o)\b",
    r"\bfalsa bandeira\b|\bbandeira falsa\b|\bfalse[- ]flag\b",
    r"\bfals[oa]s? (?:ataques?|incidentes?|provas)\b|\bataques? fals[oa]s?\b",
    rf"\bfalsific\w*|\bforj(?:ar|am|aram|ado|ada|ados|adas)\b|\bfabric(?:ar|am|aram|ado|ada|a{_CAO}) "
    rf"(?:\w+ ){{0,2}}(?:provas|ataques?|incidentes?|provoca\w*)\b",
    r"\bcen[aá]rios?\b|\broteiros?\b|\broteiristas?\b",
    rf"\bfilm(?:ar|am|aram|ado|ada|agem|agens|ar[aã]o)\b|\bgrav(?:ar|am|aram|ado|ada|a{_CAO}|ar[aã]o)\b",
    r"\bv[ií]deos?\b",
    r"\bfarsa\w*|\bteatr\w*|\bpretexto\w*|\bfake\b|\barma[cç][aã]o\b|\bespet[aá]culo\b|\bespect[aá]culo\b",
    r"\b(?:foi|foram|era|eram|[eé]|s[aã]o|estavam|est[aã]o) (?:\w+ )?(?:montad|forjad|falsead|encenad)\w*",
    r"\borquestr\w*|\binvent(?:ad[oa]s?|aram|ar)\b",
    r"\bjustific\w* (?:\w+ ){0,2}(?:bombardeios|ataques a[eé]reos|interven[cç][aã]o|ataques|repres[aá]lias)\b",
    rf"\borganiz(?:ar|am|ar[aã]o) (?:uma |um |outra |outro |nov[oa] )?(?:\w+ )?(?:provoca{_CAO}|ataque|incidente)\w*",
    r"\bpara (?:depois |logo )?(?:acusar|culpar|responsabilizar|incriminar|desacreditar|atribuir|imputar)\b",
    r"\bdesacredit\w*|\bculpar\b|\bjogar a culpa\b|\bp[oô]r a culpa\b",
)

_ACT = r"(?:encen|simul|provoc|film|grav|mont|organiz|forj)\w*"  # not "usar"/"empregar": real attacks use them too

PROSPECTIVE = (
    r"\bprepar\w*",  # preparam, preparando, preparativos
    r"\bplane(?:j|i)\w*|\bplano(?:s)? (?:de|para)\b",  # planejam (BR), planeiam (PT)
    r"\bpretend(?:em|e|iam|ia)\b|\btencion(?:am|a|avam|ava)\b|\b(?:t[eê]m|tem) (?:a )?inten[cç][aã]o\b",
    r"\binten[cç][aã]o de\b|\bprestes a\b|\bestar?[aã]o prontos? para\b|\bdispostos a\b",
    r"\bnos pr[oó]xim[oa]s (?:dias|horas|semanas)\b|\bem breve\b|\bbrevemente\b|\bem pouco tempo\b",
    r"\biminente\w*|\bna pr[oó]xima semana\b",
    r"\bantes d[ae] (?:a |uma )?(?:ofensiva|opera[cç][aã]o)\b",
    r"\b(?:nov[oa]s?|pr[oó]xim[oa]s?|outr[oa]s?|mais uma?) (?:\w+ )?(?:provoca\w*|encena\w*|montage\w*"
    r"|ataques? qu[ií]mic\w*|incidentes? qu[ií]mic\w*|espet[aá]culo\w*)",
    r"\b(?:vai|v[aã]o|ia|iam|ir[aã]o|ir[aá]) (?:\w+ ){0,2}" + _ACT,
    r"\b(?:para|a fim de|com o (?:objetivo|intuito|prop[oó]sito) de) (?:\w+ ){0,3}" + _ACT,
    r"\b(?:encenar|simular|provocar|filmar|gravar|montar|organizar|forjar)(?:[aã]o|[aá]|ei|emos)\b",
    r"\b(?:poderiam|poderia|podem|querem|quer|buscam|procuram|tentam|tentar[aã]o) (?:\w+ ){0,2}" + _ACT,
    r"\b(?:transportam|levam|trazem|armazenam|introduzem|acumulam|escondem)\b",
    r"\b(?:est[aá]|est[aã]o) (?:sendo )?(?:preparad|planejad|organizad|montad)\w*",
    r"\b(?:est[aá]|est[aã]o) (?:tudo )?pront[oa]s?\b|\btudo pronto\b",
    r"\bser(?:[aá]|[aã]o) (?:encenad|filmad|gravad|usad|utilizad|lan[cç]ad)\w*",
)

RETROSPECTIVE = (
    r"\b(?:foi|foram|tinha sido|havia sido|tinham sido|era|[eé]) (?:\w+ ){0,2}(?:encenad|simulad|montad|forjad"
    r"|falsificad|fabricad|inventad|provocad|gravad|filmad)\w*",
    rf"\b(?:foi|foram|era|[eé]) (?:\w+ ){{0,2}}(?:uma |um )?(?:\w+ )?(?:encena{_CAO}|provoca{_CAO}|montagem|farsa"
    rf"|falsifica{_CAO}|fake|arma[cç][aã]o)\b",
    r"\b(?:encenaram|simularam|montaram|forjaram|falsificaram|gravaram|filmaram|fabricaram)\b",
    r"\bsupost\w*|\balegad\w*|\bpretens[oa]\b|\bchamado ataque\b|\bsuposto ataque\b",
    r"\bno ano passado\b|\bno m[eê]s passado\b|\bh[aá] um ano\b|\bem (?:19|20)\d\d\b|\bde (?:19|20)\d\d\b",
    rf"\b(?:em )?{_MONTH} passado\b|\bno passado (?:m[eê]s de )?{_MONTH}\b",
    r"\bnunca (?:ocorreu|aconteceu|existiu)\b|\bn[aã]o (?:ocorreu|aconteceu|houve)\b",
    r"\bmort[oa]s\b|\bmorreram\b|\bv[ií]timas\b|\bfalecid\w*",
    r"\bo ataque (?:qu[ií]mico )?(?:de|em|contra|com g[aá]s (?:de|em))\b|\bno ataque (?:qu[ií]mico )?(?:de|em)\b",
    r"\brespons[aá]veis? pelo ataque\b|\bencobri\w*",
)

RELAY = (
    r"\b(?:disse|disseram|afirmou|afirmaram|declarou|declararam|informou|informaram|alertou|advertiu|advertiram"
    r"|acusou|acusaram|denunciou|assegurou|garantiu|sublinhou|frisou|ressaltou|destacou|indicou|explicou|sustentou"
    r"|alegou|comunicou|anunciou|avisou)\b",
    r"\bsegundo\b|\bde acordo com\b|\bconforme\b|\bcitad[oa] por\b|\bafirma\w*|\bassegura\w*|\bdeclara\w*"
    r"|\bacusa\b|\bacusam\b|\badverte\w*|\bsustenta\w*|\bdenuncia\b|\bdiz\b|\bdizem\b|\balega\w*",
)
REBUTTAL = (
    r"\bfalsamente\b",
    r"\bsem (?:apresentar |fornecer |oferecer |dar |mostrar )?(?:qualquer |nenhuma |a menor )?(?:provas?"
    r"|evid[eê]ncias?)\b",
    r"\bsem fundamento\b|\binfundad\w*|\bn[aã]o (?:comprovad|demonstrad|verificad)\w*|\bmentira\w*",
    r"\bdesinforma[cç][aã]o\b|\bpropagand\w*|\b(?:m[ií]dia|imprensa|meios?|ve[ií]culos) (?:de comunica[cç][aã]o )?"
    r"(?:estata(?:l|is)|do kremlin|pr[oó]-kremlin|russ[oa]s? estata(?:l|is))\b",
    r"\bteorias? d[ae] conspira[cç][aã]o\b|\bnarrativa\w*|\bboatos?\b",
    r"\bfals[oa]s (?:acusa[cç][oõ]es|afirma[cç][oõ]es|alega[cç][oõ]es|informa[cç][oõ]es|not[ií]cias)\b"
    r"|\bacusa[cç][oõ]es (?:falsas|infundadas)\b|\bfake news\b",
    r"\bdesment\w*|\brefut\w*|\brejeit\w*",
)

NEGATION = (
    r"\bn[aã]o\b(?! se descarta| se exclui| s[oó]| apenas| obstante)",
    r"\bnunca\b|\bjamais\b|\bnenhum\w*|\bnem\b",
    r"\bnegou\b|\bnega\w*|\bnegaram\b|\bdesmentiu\b",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\bcentro (?:russo )?(?:para a|de|da) reconcilia\w*",
        r"\bhmeimim\b|\bhmeymim\b|\bkhmeimim\b",
    ),
    "Russian General Staff": (
        r"\bestado[- ]maior (?:general )?(?:russo|da r[uú]ssia|das for[cç]as armadas russas|das for[cç]as armadas da "
        r"r[uú]ssia)\b",
        r"\brudsk[oó]i\w*|\bgu[eé]rassimov\b|\bgerasimov\b",
    ),
    "Russian Ministry of Defence": (
        r"\bminist[eé]rio russo da defesa\b",
        r"\bminist[eé]rio da defesa (?:russo|da r[uú]ssia)\b",
        r"\b(?:a )?defesa russa\b",
        rf"\bminist[eé]rio da defesa\b{_NOT_RUSSIAN}",
        r"\b(?:o ex[eé]rcito|militares|as for[cç]as armadas|os militares) russ[oa]s?\b",
        r"\bkonash[eé]nkov\b|\bkonachenkov\b|\bshoig[uú]\b|\bchoigu\b",
    ),
    "Russian Foreign Ministry": (
        r"\bchancelaria russa\b|\bminist[eé]rio russo d[ao]s? (?:rela[cç][oõ]es exteriores|neg[oó]cios estrangeiros)\b",
        r"\bminist[eé]rio d[ao]s? (?:rela[cç][oõ]es exteriores|neg[oó]cios estrangeiros) (?:russo|da r[uú]ssia)\b",
        r"\bdiplomacia russa\b|\bchanceler russo\b|\bzakh?arova\b|\bzacarova\b|\blavrov\b|\briabkov\b|\bryabkov\b",
    ),
    "Russian UN mission": (
        r"\bnebenzia\b|\bnebenzya\b|\bchurkin\b|\bpolianski\w*|\bpolyanski\w*",
        r"\b(?:embaixador|representante|enviado|miss[aã]o) (?:permanente )?(?:russ[oa]|da r[uú]ssia) (?:na|junto [aà]"
        r"|perante a) onu\b",
    ),
    "Syrian Foreign Ministry": (
        r"\bchancelaria s[ií]ria\b|\bminist[eé]rio s[ií]rio d[ao]s? (?:rela[cç][oõ]es exteriores|neg[oó]cios "
        r"estrangeiros)\b|\bdiplomacia s[ií]ria\b",
        r"\bminist[eé]rio d[ao]s? (?:rela[cç][oõ]es exteriores|neg[oó]cios estrangeiros) (?:s[ií]rio|da s[ií]ria)\b",
        r"\bmuallem\b|\bmoallem\b|\bmekdad\b|\bjaafari\b|\bjafari\b",
    ),
    "Syrian Arab Army": (
        r"\bex[eé]rcito (?:[aá]rabe )?s[ií]rio\b(?! livre)|\btropas (?:governamentais |do governo )?s[ií]rias\b",
        r"\bfor[cç]as (?:armadas |governamentais |do governo )?s[ií]rias\b",
    ),
    "Syrian government": (
        r"\bgoverno s[ií]rio\b|\bregime s[ií]rio\b|\bautoridades s[ií]rias\b|\bgoverno de (?:damasco|assad|al-assad)\b",
        r"\bm[ií]dia (?:estatal |oficial )?s[ií]ria\b|\bag[eê]ncia (?:oficial |de not[ií]cias )?s[ií]ria\b|\bsana\b",
        r"\bdamasco (?:afirma|acusa|assegura|declara|denuncia|adverte|sustenta|disse|afirmou|acusou|assegurou"
        r"|denunciou)\b",
        r"\bassad (?:disse|afirmou|assegurou|declarou)\b",
    ),
    "Iranian government": (r"\bgoverno iraniano\b|\bteer[aã]\b|\bzarif\b|\bdiplomacia iraniana\b",),
    "Russian government": (
        r"\bmoscou\b|\bmoscovo\b|\bkremlin\b|\bputin\b|\bpeskov\b",
        r"\b(?:o )?governo russo\b|\bautoridades russas\b|\bpresidente russo\b|\bfuncion[aá]rios russos\b",
        r"\b(?:a )?r[uú]ssia (?:afirma|acusa|assegura|declara|denuncia|adverte|sustenta|insiste|diz|disse|afirmou"
        r"|acusou|assegurou|advertiu|denunciou|alega|alegou)\b",
    ),
    "local residents": (
        r"\bmoradores\b|\bresidentes (?:locais|da regi[aã]o)\b|\bhabitantes (?:locais|da regi[aã]o)\b",
        r"\btestemunhas\b",
    ),
}

ACCUSED = {
    "White Helmets": (r"\bcapacetes? brancos?\b", r"\bdefesa civil s[ií]ria\b", r"\bwhite helmets?\b"),
    "Hayat Tahrir al-Sham": (
        r"\bha[yi]['’]?at tahrir\b",
        r"\btahrir (?:a[ls]|ash|ach)[- ]?(?:sh|ch|s)am\b",
        r"\bhts\b|\borganiza[cç][aã]o (?:para a|de) liberta[cç][aã]o do levante\b",
    ),
    "Jabhat al-Nusra": (r"\bnusra\b|\bal[- ]nusra\b|\bal[- ]qaeda\b|\bal[- ]qaida\b|\bfatah al-sham\b",),
    "Islamic State": (r"\bestado isl[aâ]mico\b|\bd[aá]esh\b|\bisis\b|\bei\b",),
    "Jaysh al-Islam": (r"\b(?:jaish|jaysh|yaish) al[- ]isl[aã]m\b|\bex[eé]rcito do isl[aã]\b",),
    "Free Syrian Army": (r"\bex[eé]rcito livre da s[ií]ria\b|\bex[eé]rcito s[ií]rio livre\b|\bels\b",),
    "militants": (
        # party members are "militantes" too
        r"\bmilitantes?\b(?! (?:do|da|de|partid[aá]ri|petistas|socialistas|de base|pol[ií]tic))",
        r"\brebeldes?\b|\bjihadistas?\b|\binsurgentes?\b|\bextremistas?\b",
        r"\bislamistas?\b|\bgrupos? armados?\b|\bcombatentes?\b|\bmercen[aá]rios\b|\boposi[cç][aã]o armada\b",
    ),
    "terrorists": (r"\bterroristas?\b",),
    "United States": (
        r"\bestados unidos\b|\beua\b|\bnorte-american\w*|\bestadunidense\w*|\bwashington\b",
        r"\bpent[aá]gono\b|\bcia\b",
    ),
    "United Kingdom": (r"\breino unido\b|\bgr[aã][- ]bretanha\b|\bbrit[aâ]nic\w*|\blondres\b|\bmi6\b",),
    # the country or its services; not the adjective alone
    "France": (r"\bfran[cç]a\b|\b(?:servi[cç]os|intelig[eê]ncia|for[cç]as especiais|agentes) (?:\w+ )?franceses?\b",),
    "Western special services": (
        r"\bservi[cç]os (?:secretos|de intelig[eê]ncia|especiais) (?:ocidentais|estrangeiros)\b",
        r"\bintelig[eê]ncia ocidental\b|\bespionagem ocidental\b",
    ),
    "foreign specialists": (
        r"\b(?:especialistas|peritos|instrutores|assessores) (?:estrangeiros|ocidentais)\b",
    ),
    "film crews": (
        r"\bequip(?:e|a)s? (?:de )?(?:filmagem|televis[aã]o|tv|grava[cç][aã]o|reportagem|c[aâ]meras?|jornalistas)\b",
        r"\bcinegrafistas\b|\bjornalistas\b|\bm[ií]dia estrangeira\b|\bimprensa estrangeira\b|\bal[- ]jazeera\b",
    ),
    "Ukraine": (r"\bucr[aâ]nia\w*|\bucranian\w*|\bkiev\b|\bkyiv\b|\bquieve\b|\bzelensk\w*",),
}

_CONTAINERS = (r"(?:cont[eê]ineres?|contentores?|cilindros?|barris|barril|bot[ij]j[oõ]es|bujões|cloro|t[oó]xic"
               r"|qu[ií]mic|muni[cç])\w*")
EVIDENCE = (
    r"\bequip(?:e|a)s? (?:de )?(?:filmagem|televis[aã]o|tv|grava[cç][aã]o|reportagem|jornalistas)"
    r" (?:\w+ ){0,3}(?:chegaram|chegou|chegar[aã]o|j[aá] est[aã]o)\b",
    r"\b(?:chegaram|chegou) (?:\w+ ){0,4}para (?:filmar|gravar|encenar|simular)\b",
    r"\b(?:entreg|transport|levad|trazid|introduzid|armazenad|escondid|acumulad)\w* (?:\w+ ){0,5}" + _CONTAINERS,
    r"\bensai(?:am|a|aram|os?)\b",  # rehearsals of the staged scene
    r"\b(?:cont[eê]ineres?|contentores?|cilindros?|barris|bot[ij]j[oõ]es) (?:de|com) (?:cloro|sarin|subst[aâ]ncias"
    r" (?:t[oó]xicas|venenosas)|produtos (?:qu[ií]micos|t[oó]xicos))",
)

EXTRA = {
    # the weapon's use told as done (a past attack blamed on the other side)
    "past_use": (
        r"\b(?:usaram|utilizaram|empregaram|lan[cç]aram|dispararam|usou|utilizou|empregou|lan[cç]ou|disparou)\b",
        r"\b(?:tinha|tinham|havia|haviam) (?:usado|utilizado|empregado|lan[cç]ado|disparado)\b",
        r"\bdep[oó]sitos? de (?:armas|muni[cç][oõ]es)\b",
    ),
    "blame": (r"\b(?:acusar|culpar|incriminar|desacreditar|responsabilizar|imputar)\w*",
              r"\batribu(?:ir|ído|ída|ídos|ídas|ir[aá]|ir[aã]o)\b"),
    "insufficient": (
        # "sem apresentar nenhuma prova" is a rebuttal of a claim, not a finding that evidence is missing
        r"(?<!sem )(?<!apresentar )(?<!fornecer )(?<!dar )(?<!mostrar )\bnenhuma (?:\w+ )?(?:prova|evid[eê]ncia)s?\b"
        r"|\bn[aã]o h[aá] (?:\w+ )?(?:provas|evid[eê]ncias?)\b",
        r"\bn[aã]o (?:foi|foram) (?:comprovad|demonstrad)\w*|\bpouco claro\b|\bn[aã]o est[aá] claro\b",
        r"\b[aá]gua pot[aá]vel\b|\btratamento d[ae] [aá]gua\b",  # chlorine for drinking water is routine news
    ),
    "date": (
        rf"\b(?:em |no dia )?\d{{1,2}} de {_MONTH}(?: de \d{{4}})?\b",
        r"\bamanh[aã]\b",
    ),
    "vague_time": (r"\bnos pr[oó]xim[oa]s (?:dias|horas|semanas)\b", r"\bem breve\b", r"\biminente\w*"),
    "state_outlet": (
        r"\brt\b|\brt brasil\b|\bsputnik\b|\bsputnik brasil\b|\btass\b|\bria\b|\bria novosti\b|\bzvezda\b",
        r"\bsana\b|\brussia today\b|\bnews front\b|\bminist[eé]rio da defesa russo\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "pt",
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
