"""Czech cues (Sputnik CZ, AE News, Aeronet, Parlamentní listy and the Czech press that relays or rebuts them).

Written for `forewarn.text.normalise` output: case-folded, „…“ become '"'. Diacritics are kept, but web copy
and URLs often drop them ("chemicky utok", "pripravuji"), so accented letters are written as classes that
accept both ([áa], [řr]) wherever a class does not stand at the start of a screen pattern.

Czech is inflected: nouns, adjectives and verbs are matched by their stems with open endings (chemick\\w*
útok\\w*, inscen\\w*, připravuj\\w*). Negation is a verb prefix ("nepřipravují", "neplánují"), so the negated
verbs are listed as negation cues and the plain stems start at a word boundary. The perfective present is the
future ("zinscenují" = they will stage), which makes it a prospective cue. Keys are the canonical values of
`forewarn.lexicon`.
"""

from __future__ import annotations

from ._compact import compact_lexicon

_ANCHORS = (r"\b",)  # alternatives starting at a word boundary are scanned as one group (see `_compact`)

# Foreign owners that make an institution someone else's ("ministerstvo obrany Ukrajiny").
_NOT_RUSSIAN = (
    r"(?!\s+(?:ukrajin|usa\b|spojen|velk[ée] brit|brit|franci|s[ýy]ri|turec|izrael|v kyjev|ve washington"
    r"|v lond|v pa[řr][íi])\w*)"
)
# ... or an adjective in front of it ("ukrajinské ministerstvo obrany").
_FOREIGN_ADJ = "".join(
    f"(?<!{country}{ending} )"
    for country in ("ukrajinsk", "americk", "britsk", "francouzsk", "syrsk", "tureck", "izraelsk", "česk", "německ")
    for ending in ("é", "ého", "ém", "ý", "á", "e", "eho", "em", "y", "a")
)
_MONTH = (
    r"(?:ledn[au]|[úu]nor[au]?|b[řr]ezn[au]|dubn[au]|kv[ěe]tn[au]|[čc]ervn[au]|[čc]ervenc[ei]|srpn[au]|z[áa][řr][íi]"
    r"|[řr][íi]jn[au]|listopadu|prosinc[ei])"
)


_STRIKES = r"(?:[úu]der|[úu]tok|n[áa]let|z[áa]sah|bombardov[áa]n|intervenc)"  # to justify them

STAGING = (
    r"\binscen\w*|\bzinscen\w*",  # inscenace, inscenovat, zinscenovaný
    r"\bprovokac\w*",
    r"\bfale[šs]n(?![ěe]\b)\w*|\bpod fale[šs]nou vlajkou\b|\bfalse[- ]flag\w*",  # not the adverb "falešně" (falsely)
    r"\bfingov\w*|\bzfal[šs]ov\w*|\bfal[šs]ov\w*|\bpad[ěe]l\w*|\bpodvrh\w*",
    r"\bsimul(?:ov|ac)\w*",
    r"\bsc[ée]n[áa][řr]\w*|\bscenar\w*|\bscén\w*|\bscen[aěeuy]\b",
    r"\bnat[áa][čc]\w*|\bnato[čc]\w*|\bnafilm\w*|\bfilmov(?:at|á|a|án|an|ání|ani|ali|ala|al)\w*",
    r"\bvideozáznam\w*|\bvideozaznam\w*|\bvide[oaí]\w*",
    r"\bvymy[šs]l\w*|\bsmy[šs]len\w*|\bfake\w*",
    r"\bdivadl\w*|\bdivadeln\w*|\bfra[šs](?:e|i|í)\b|\bšarád\w*|\bsarad\w*|\bp[řr]edstaven[íi]\b|\bzámink\w*"
    r"|\bzamink\w*",
    r"\bre[žz][íi]rov\w*|\bzre[žz][íi]rov\w*",
    r"\bospravedln\w* (?:\w+ ){0,2}" + _STRIKES + r"\w*",
    r"\bzorganiz\w* (?:\w+ ){0,3}(?:[úu]tok|provokac|incident)\w*",
    r"\baby (?:\w+ ){0,3}(?:obvinil|obvinili|svedl|svedli|svalil|svalili|diskreditoval)\w*"
    r"|\bsv[ée]st vinu\b|\bsvalit vinu\b|\bdiskredit\w*|\bobvinit\b",
)

# The act as a verb; not "použít" (to use): real attacks are reported with it as often.
_ACT = r"(?:inscen|zinscen|simul|nafilm|nato[čc]|nat[áa][čc]|zorganiz|fingov|zfal[šs]|vyprovok|provokac)\w*"

PROSPECTIVE = (
    r"\bp[řr][íi]prav\w*",  # připravují, připravuje, příprava, připravovaný
    r"\bchyst\w*",  # chystají, chystá se
    r"\bpl[áa]nuj\w*|\bpl[áa]nov\w*|\bpl[áa]n(?:y|u|ech|em)?\b",
    r"\bhodl[áa]\w*|\bzam[ýy][šs]l\w*|\bv [úu]myslu\b|\b[úu]mysl\w*",
    r"\bv (?:nejbli[žz]\w*|p[řr][íi][šs]t\w*|n[áa]sleduj[íi]c\w*|nadch[áa]zej[íi]c\w*)"
    r" (?:dnech|hodin[áa]ch|t[ýy]dnech)\b",
    r"\bbrzy\b|\bbrzo\b|\bv brzk[ée] dob[ěe]\b|\bbrzk\w*|\bhroz[íi]c\w*|\bbezprost[řr]edn\w*",
    r"\bp[řr]ed (?:\w+ )?(?:ofenziv|operac)\w*",
    r"\b(?:nov|dal[šs][íi]|p[řr][íi][šs]t)\w* (?:\w+ )?(?:provokac|inscenac|chemick\w* [úu]tok)\w*",
    # modal + the act: "chtějí v Idlibu zinscenovat útok"
    r"\b(?:budou|bude|cht[ěe]j[íi]|chce|mohou|mohl[iy]?|maj[íi] v [úu]myslu|hodlaj[íi]|hodl[áa]|sna[žz][íi] se"
    r"|pokus[íi] se|chystaj[íi] se) (?:\w+ ){0,5}" + _ACT,
    r"\baby (?:\w+ ){0,5}(?:zinscen|inscen|simul|nafilm|nato[čc]|zorganiz|zfal[šs])\w*",
    r"\b(?:pokyn|rozkaz|[úu]kol|instrukc)\w* (?:\w+ ){0,4}" + _ACT,  # "dostaly pokyn natočit"
    # the perfective present is the future: "zinscenují" (they will stage), not "zinscenovali" (they staged)
    r"\b(?:zinscenuj|nafilmuj|nato[čc][íi]\b|zorganizuj|zfal[šs]uj|simuluj|vyprovokuj|provedou)\w*",
    # deliveries still going on (imperfective present)
    r"\b(?:dov[áa][žz]ej[íi]|p[řr]iv[áa][žz][íi]|skladuj[íi]|p[řr]epravuj[íi]|dopravuj[íi]|pa[šs]uj[íi]"
    r"|shroma[žz][ďd]uj[íi]|hromad[íi])\b",
    r"\b(?:nat[áa][čc]ej[íi]|inscenuj[íi]|nacvi[čc]uj[íi]|fingovaj[íi]|fal[šs]uj[íi]|re[žz][íi]ruj[íi])\b",
    r"\bm[áa] b[ýy]t (?:\w+ ){0,4}(?:zinscenov|nafilmov|nato[čc]en|pou[žz]it|simulov)\w*",
)

RETROSPECTIVE = (
    r"\b(?:byl|byla|bylo|byly|byli|je|jsou|b[ýy]t) (?:\w+ ){0,3}(?:zinscenov[áa]n|inscenov[áa]n|zfal[šs]ov[áa]n"
    r"|vymy[šs]len|fingov[áa]n|nafilmov[áa]n|nato[čc]en|simulov[áa]n|zre[žz][íi]rov[áa]n|vyprovokov[áa]n)\w*",
    r"\b(?:byl|byla|bylo|byly|byli|[šs]lo o|jednalo se o) (?:\w+ ){0,3}(?:inscenac|provokac|fra[šs]|podvrh"
    r"|fal[šs]ovk|pad[ěe]l|divadl|[šs]ar[áa]d)\w*",
    r"\b(?:zinscenoval|inscenoval|nafilmoval|nato[čc]il|zfal[šs]oval|simuloval|vymysl(?:el|eli|ela))\w*",
    r"\b[úu]dajn\w*|\btzv\b|\btakzvan\w*|\btak zvan\w*|\bdomn[ěe]l\w*|\bdomn[ěe]l\w*|\bpředst[íi]ran\w*",
    r"\bloni\b|\bv lo[ňn]sk[ée]m roce\b|\blo[ňn]sk\w*|\bp[řr]ed rokem\b|\bminul(?:ý|y|ého|eho|ém|em|ou|á|a) "
    r"(?:rok\w*|m[ěe]s[íi]c\w*|t[ýy]d\w*|jar\w*|l[ée]t\w*|podzim\w*|zim\w*)",
    r"\bv " + _MONTH + r" (?:lo[ňn]sk\w*|minul\w*)\b|\b(?:19|20)\d\d\b",
    r"\bnikdy (?:se )?(?:nestal|neprob[ěe]hl|nedo[šs]l)\w*|\bse nestal\w*|\bneprob[ěe]hl\w*",
    r"\bzabit\w*|\bzem[řr]el\w*|\bmrtv\w*|\bob[ěe]t[íi]\b|\bob[ěe]ti\b",
    r"\b(?:zodpov[ěe]dn|odpov[ěe]dn)\w* za (?:\w+ )?(?:[úu]tok|incident)\w*",
    r"\bzakr[ýy]v\w*|\bututl\w*",
)

RELAY = (
    r"\buvedl\w*|\buv[áa]d[íi]\b|\bprohl[áa]sil\w*|\bprohla[šs]uj\w*|\bsd[ěe]lil\w*|\bozn[áa]mil\w*|\binformoval\w*",
    r"\btvrd[íi]\w*|\btvrdil\w*|\bvaroval\w*|\bvaruj\w*|\bupozornil\w*|\bupozor[ňn]uj\w*|\bzd[ůu]raznil\w*",
    r"\bobvinil\w*|\bobvi[ňn]uj\w*|\bnapsal\w*|\bp[íi][šs]e\b|\bpodle\b|\bcitov\w*|\bs odvol[áa]n[íi]m na\b",
    r"\bdle\b|\bpodle (?:\w+ ){0,2}informac[íi]\b",
)
REBUTTAL = (
    r"\bbez (?:jak[ýy]chkoli |jak[ée]hokoli |p[řr]edlo[žz]en[íi] |konkr[ée]tn[íi]ch |relevantn[íi]ch )?d[ůu]kaz\w*",
    r"\bani[žz] by (?:\w+ ){0,3}(?:p[řr]edlo[žz]il|doložil|dolo[žz]il|uvedl)\w* (?:\w+ ){0,2}d[ůu]kaz\w*",
    r"\bnepravdiv\w*|\bfale[šs]n[ěe]\b|\blživ\w*|\blziv\w*",
    r"\bneopodstatn\w*|\bnepodlo[žz]en\w*|\bneprok[áa]zan\w*|\bnepodpo[řr]en\w*",
    r"\bdezinforma\w*|\bpropagand\w*|\bprokremelsk\w*|\bprorusk\w*|\bst[áa]tn[íi]\w* m[ée]di\w*|\bkonspira\w*"
    r"|\bnarativ\w*",
    r"\bvyvr[áa]t\w*|\bodm[íi]t\w*|\bhoax\w*",
)

NEGATION = (
    r"\bne\b|\bnikdy\b|\bani\b",
    r"\b[žz][áa]dn\w*",  # žádnou provokaci: negates the noun phrase after it
    r"\bne(?:p[řr][íi]pravuj|chystaj|chyst[áa]|pl[áa]nuj|hodl[áa]|zinscenuj|inscenuj|nat[áa][čc]|chtěj|chteji)\w*",
    r"\bpop[íi]r\w*|\bpop[řr]el\w*|\bpop[řr]it\b",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\bcent(?:rum|ra|ru|rem)\w* (?:pro|k) (?:usm[íi][řr]en[íi]|sm[íi][řr]en[íi])\w*",
        r"\busmi[řr]ovac\w* cent(?:rum|ra|ru|rem)\b",
        r"\bchmejmim\w*|\bhmejmim\w*|\bhmeimim\w*|\bchmeimim\w*|\bhmeymim\w*",
    ),
    "Russian General Staff": (
        r"\bru(?:sk|[šs]t)\w* gener[áa]ln\w* [šs]t[áa]b\w*",
        _FOREIGN_ADJ + rf"\bgener[áa]ln\w* [šs]t[áa]b\w*{_NOT_RUSSIAN}",
        r"\bgerasimov\w*|\brudsk[óo]j\w*",
    ),
    "Russian Ministry of Defence": (
        r"\bru(?:sk|[šs]t)\w* ministerstv\w* obrany\b",
        r"\bministerstv\w* obrany (?:ruska|rusk[ée] federace|rf)\b",
        _FOREIGN_ADJ + rf"\bministerstv\w* obrany\b{_NOT_RUSSIAN}",
        r"\bru(?:sk|[šs]t)\w* (?:arm[áa]d\w*|voj[áa]ci|vojensk\w* (?:resort|velen|mluv[čc])\w*)",
        r"\bru(?:sk|[šs]t)\w* vojen\w* (?:p[řr]edstavitel|[čc]initel|zdroj)\w*|\bzdroj\w* (?:z )?rusk\w* arm[áa]d\w*",
        r"\bkona[šs]enkov\w*|\b[šs]ojgu\w*",
    ),
    "Russian Foreign Ministry": (
        r"\bru(?:sk|[šs]t)\w* ministerstv\w* zahrani[čc]\w*|\bministerstv\w* zahrani[čc]\w* (?:\w+ )?(?:ruska|rf)\b",
        r"\bru(?:sk|[šs]t)\w* (?:diplomac|diplomat|ministr\w* zahrani[čc])\w*",
        r"\bzacharov\w*|\blavrov\w*|\brjabkov\w*",
    ),
    "Russian UN mission": (
        r"\bn[ěe]benzj\w*|\bnebenzia\w*|\b[čc]urkin\w*|\bpoljansk\w*",
        r"\bru(?:sk|[šs]t)\w* (?:velvyslan|z[áa]stupc|mis|delegac)\w* (?:p[řr]i|v) osn\b",
    ),
    "Syrian Foreign Ministry": (
        r"\bsyrsk\w* ministerstv\w* zahrani[čc]\w*|\bministerstv\w* zahrani[čc]\w* (?:\w+ )?s[ýy]rie\b",
        r"\bmikd[áa]d\w*|\bmekdad\w*|\bmuallim\w*|\bmoallem\w*|\bd[žz]a['’]?af[áa]r\w*|\bjaafari\w*",
    ),
    "Syrian Arab Army": (
        r"(?<!svobodná )(?<!svobodné )(?<!svobodnou )(?<!svobodna )(?<!svobodne )(?<!svobodnou )"
        r"\bsyrsk\w* (?:arabsk\w* )?arm[áa]d(?:a|y|ou)\b",  # not the object: "obvinit syrskou armádu/armádě"
        r"\bvl[áa]dn[íi] (?:jednotk|vojsk|s[íi]l)\w*",
        r"\bsyrsk\w* (?:vl[áa]dn\w* )?(?:vojsk|jednotk|ozbrojen\w* s[íi]l)\w*",
    ),
    "Syrian government": (
        r"\bsyrsk\w* (?:vl[áa]d\w*|re[žz]im\w*|[úu][řr]ad\w*|st[áa]tn\w* (?:m[ée]di|agentur|televiz)\w*"
        r"|tiskov\w* agentur\w*|prezident\w*)",
        r"\bvl[áa]d\w* (?:v damašku|v damasku|s[ýy]rie|asad\w*)|\basadov\w* (?:vl[áa]d|re[žz]im)\w*|\bsana\b",
        r"\bdama[šs]ek (?:tvrd|uv[áa]d|obvi|varuj|prohla)\w*",
    ),
    "Iranian government": (r"\b[íi]r[áa]nsk\w* (?:vl[áa]d|ministr\w* zahrani[čc])\w*|\bteher[áa]n\w*|\bzar[íi]f\w*",),
    "Russian government": (
        r"\bmoskv\w*|\bkreml\w*|\bputin\w*|\bpeskov\w*",
        r"\bru(?:sk|[šs]t)\w* (?:vl[áa]d\w*|[úu][řr]ad\w*|veden[íi]\w*|st[áa]tn\w* m[ée]di\w*|prezident\w*)",
        r"\brusko (?:tvrd|uv[áa]d|varuj|obvi|trv|prohla)\w*",
    ),
    "local residents": (
        r"\bm[íi]stn[íi]\w* (?:obyvatel|zdroj|lid)\w*|\bobyvatel\w*|\bsv[ěe]d(?:ci|k)\w*",
    ),
}

ACCUSED = {
    "White Helmets": (
        r"\bb[íi]l\w* (?:helm\w*|helem\b|p[řr]ilb\w*|p[řr]ileb\b)|\bwhite helmets?\b",
        r"\bsyrsk\w* civiln\w* obran\w*",
    ),
    "Hayat Tahrir al-Sham": (
        r"\bha[yj]['’]?[áa]t ta?hr[íi]r\b",
        r"\btahr[íi]r (?:a[šs]|al|as|ash)[- ]?(?:[šs]|sh)[áa]m\b",
        r"\bhts\b",
    ),
    "Jabhat al-Nusra": (r"\bnusr\w*|\bal[- ]k[áa]id\w*|\bal[- ]qaid\w*|\bfronta an[- ]nusr\w*",),
    "Islamic State": (r"\bisl[áa]msk\w* st[áa]t\w*|\bisis\b|\bd[áa]i[šs]\w*|\bdaesh\b",),
    "Jaysh al-Islam": (r"\b(?:d[žz]aj[šs]|jaish|jaysh) al[- ]isl[áa]m\b|\barm[áa]d\w* isl[áa]mu\b",),
    "Free Syrian Army": (r"\bsvobodn\w* syrsk\w* arm[áa]d\w*|\bfsa\b",),
    "militants": (
        r"\bozbrojenc\w*|\bozbrojen\w* (?:skupin|opozic|formac|frakc|povstal)\w*",
        r"\bmilitant\w*|\bpovstal\w*|\brebel\w*|\bd[žz]ih[áa]dist\w*|\bislamist\w*|\bextremist\w*",
        r"\bbojovn[íi]k\w*|\bbojovn[íi]c\w*|\b[žz]oldn[ée][řr]\w*",
    ),
    "terrorists": (r"\bterorist\w*",),
    "United States": (
        r"\busa\b|\bspojen\w* st[áa]t\w*|\bwashington\w*|\bameri[čc]an\w*|\bamerick\w*|\bpentagon\w*|\bcia\b",
    ),
    "United Kingdom": (
        r"\bvelk\w* brit[áa]ni\w*|\bbrit[áa]ni\w*|\bbritsk\w*|\bbrit(?:ov[ée]|ů|u)\b|\blond[ýy]n\w*|\bmi6\b",
    ),
    # the country or its services; not the adjective alone ("francouzská armáda cvičí" accuses no one)
    "France": (
        r"\bfrancie\b|\bfrancii\b|\bfranci[íi]\b|\bfrancouzsk\w* (?:tajn|speci[áa]ln|zpravodajsk|slu[žz]b)\w*",
    ),
    "Western special services": (
        r"\bz[áa]padn[íi]\w* (?:tajn\w* |zpravodajsk\w* |speci[áa]ln\w* )?(?:slu[žz]b|rozv[ěe]dk)\w*",
        r"\bzahrani[čc]n\w* (?:tajn|zpravodajsk)\w* slu[žz]b\w*",
    ),
    "foreign specialists": (r"\b(?:zahrani[čc]n|z[áa]padn|ciz)\w* (?:specialist|expert|instruktor|poradc)\w*",),
    "film crews": (
        r"\b(?:televizn|filmov|kameramansk|nat[áa][čc]ec)\w* (?:[šs]t[áa]b|t[ýy]m|skupin|[čc]et)\w*",
        r"\bkameraman\w*|\bnovin[áa][řr]\w*|\bzahrani[čc]n\w* (?:m[ée]di|reporté?r)\w*|\bal[- ]?d[žz]az[íi]r\w*"
        r"|\bal[- ]jazeera\b",
    ),
    "Ukraine": (r"(?<!na )(?<!v )\bukrajin\w*|\bkyjev\w*|\bkijev\w*|\bzelensk\w*",),
}

_CONTAINERS = (
    r"(?:kanystr|barel|sud|l[áa]hv|n[áa]dob|kontejner|cistern|chl[óo]r|jedovat|toxick|chemik[áa]li|munic)\w*"
)
EVIDENCE = (
    r"\b(?:televizn|filmov|nat[áa][čc]ec)\w* (?:[šs]t[áa]b|t[ýy]m|skupin|[čc]et)\w* (?:\w+ ){0,4}(?:dorazil|p[řr]ijel"
    r"|p[řr]ibyl|p[řr]icestoval|p[řr]ijíždí|p[řr]ij[íi][žz]d[ěe]j[íi])\w*",
    r"\b(?:dorazil|p[řr]ijel|p[řr]ibyl|p[řr]icestoval)\w* (?:\w+ ){0,6}(?:televizn\w* [šs]t[áa]b|filmov\w* [šs]t[áa]b"
    r"|kameraman|novin[áa][řr])\w*",
    r"\b(?:p[řr]ivezl|dovezl|dopravil|p[řr]epravil|p[řr]ivezen|dovezen|dopraven|p[řr]epraven|propa[šs]ov|uskladn"
    r"|ukryl|ukryt|rozm[íi]st|dodal|dod[áa]n)\w* (?:\w+ ){0,5}" + _CONTAINERS,
    r"\b" + _CONTAINERS + r" (?:\w+ ){0,6}(?:p[řr]ivezen|dovezen|dopraven|p[řr]epraven"
    r"|propa[šs]ov[áa]n|uskladn[ěe]n|rozm[íi]st[ěe]n|dod[áa]n)\w*",
    r"\b(?:kanystr|barel|l[áa]hv|n[áa]dob|kontejner)\w* (?:s|se) (?:\w+ )?(?:chl[óo]r|jedovat|toxick|sarin"
    r"|chemik)\w*",
    # rehearsals of the staged scene
    r"\bzkou[šs]\w* (?:\w+ ){0,2}(?:sc[ée]n|inscenac|nat[áa][čc]en)\w*|\bgener[áa]ln\w* zkou[šs]\w*|\bnacvi[čc]\w*",
)

EXTRA = {
    "past_use": (r"\b(?:použil|použila|použili|nasadil|nasadili|vypálil\w*|shodil\w*)\b",),
    "blame": (r"\b(?:obvinit|obviňovat|obvinění|očernit|svalit vinu|diskreditovat)\w*",
              r"\b(?:připsat|připisovat|přisoudit|připíš)\w*",),
    "insufficient": (
        r"(?<!bez )\b[žz][áa]dn\w* (?:\w+ )?d[ůu]kaz\w*|\bneexistuj\w* (?:\w+ )?d[ůu]kaz\w*",
        r"\bnebylo (?:\w+ )?(?:prok[áa]z[áa]n|potvrzen)\w*|\bnen[íi] (?:jasn|prok[áa]z[áa]n|potvrzen)\w*|\bnejasn\w*",
        # chlorine for drinking water is routine humanitarian news
        r"\b[úu]prav\w* (?:pitn\w* )?vod\w*|\bpitn\w* vod\w*|\b[čc]i[šs]t[ěe]n[íi] vod\w*",
    ),
    "date": (rf"\b\d{{1,2}}\. {_MONTH}(?: \d{{4}})?\b", r"\bz[íi]tra\b"),
    "vague_time": (
        r"\bv (?:nejbli[žz]\w*|p[řr][íi][šs]t\w*|nadch[áa]zej[íi]c\w*) (?:dnech|hodin[áa]ch|t[ýy]dnech)\b",
        r"\bbrzy\b",
        r"\bv brzk[ée] dob[ěe]\b",
    ),
    "state_outlet": (
        r"\brt\b|\bsputnik\w*|\btass\b|\bria\b|\bria novosti\b|\bzvezda\b|\bsana\b|\bnews front\b|\brussia today\b",
        r"\bae news\b|\baeronet\w*|\bparlamentn[íi] listy\b|\bministerstv\w* obrany\b",
    ),
    "relay": RELAY,
    "rebuttal": REBUTTAL,
}

LEXICON = compact_lexicon(
    "cs",
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
