"""English cues for the detector.

Patterns are matched against `forewarn.text.normalise(sentence, "en")`: case-folded NFKC text, so they are
written in lower case; curly and straight apostrophes both occur, hence `['’]`. Keys of the dictionaries are
the canonical values from `forewarn.lexicon` (identical across languages).

What a claim is *about* — the agents, the actors that tie a claim to a weapon (the White Helmets, the OPCW),
named past incidents (Douma, Skripal) — is the narratives' data (`forewarn/data/narratives/*/narrative.toml`),
not the language's: a lexicon holds only how the language says that something is staged, prepared, past,
relayed or denied, and who says it.

Extra families used by the engine (any language may define them):
- `insufficient`: "no evidence" statements, which the labels count as OTHER, not as a staging claim.
- `date`: date expressions handed to dateparser for the predicted date.
- `vague_time`: time expressions that announce something soon without a date ("in the coming days").
- `state_outlet`: outlets of the claimant states; when one of them relays its government the stance stays
  `asserted`.
"""

from __future__ import annotations

from . import Lexicon

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)


STAGING = (
    r"\bstag(?:e|es|ed|ing)\b",
    r"\bfak(?:e|es|ed|ing)\b",
    r"\bfalse(?:ly)?[- ]flag\b",
    r"\bfalse (?:chemical )?(?:attacks?|incidents?)\b",
    r"\bfabricat\w*",
    r"\bfalsif\w*",
    r"\bprovocations?\b",
    r"\bprovok(?:e|es|ed|ing)\b",
    r"\bscenarios?\b",
    r"\bscripts?\b",
    r"\bfilm(?:s|ed|ing)?\b",
    r"\bvideo (?:footage|clips?)\b",
    r"\binvent(?:ed|ing|s)?\b",
    r"\bmade[- ]up\b",
    r"\bmake up\b",
    r"\bset[- ]up\b",
    r"\bhoax\w*",
    r"\bforg(?:e|ed|ery)\b",
    r"\borchestrat\w*",
    r"\borgani[sz](?:e|es|ed|ing) (?:a |the |another |new )?"
    r"(?:['‘\"“]?(?:chemical|gas|sarin|chlorine|toxic)\w*['’\"”]? )?(?:attacks?|provocations?|incidents?)\b",
    r"\bfarce\b",
    r"\bsham\b",
    r"\bpretext\b",
    r"\bframe\b",
    r"\bto blame\b",
    r"\bblame (?:it )?on\b",
    r"\bimplicate\b",
    r"\bdiscredit\b",
    r"\bmock[- ]up\b",
    r"\bmock (?:\w+ )?(?:attacks?|poisonings?|scenes?|incidents?|strikes?)\b",
    r"\bdramati[sz]ation\b",
    r"\bplay(?:ing)? (?:the )?(?:lead )?roles?\b",
)

PROSPECTIVE = (
    r"\bprepar(?:e|es|ing|ation|ations)\b",
    r"\bprepared to\b",
    r"\bplan(?:s|ned)? (?:to|a|an|new|another|provocations?|attacks?|false|fake|chemical|staged?)\b",
    r"\bplanning\b",
    r"\bplott?(?:s|ed|ing)?\b",
    r"\babout to\b",
    r"\bintend(?:s|ed)?\b",
    r"\bgoing to\b",
    r"\bgetting ready\b",
    r"\bready to\b",
    r"\bin the (?:coming|next) (?:days|hours|weeks)\b",
    r"\b(?:imminent|upcoming|forthcoming|impending)\b",
    r"\bahead of\b",
    r"\bsoon\b",
    r"\b(?:new|next|another) (?:chemical |false[- ]flag |staged |fake )?"
    r"(?:provocations?|attacks?|incidents?|stagings?)\b",
    # the act in the future or as a purpose ("to stage"); plain "to use" / "to carry out" are left out on purpose:
    # they describe real attacks as often as staged ones
    r"\b(?:will|would|may|might|could|to) (?:(?:also|soon|even|then|again|\w+ly) )?(?:stage|fake|fabricate|film|"
    r"record|perform|simulate|organi[sz]e|arrange)\b",
    r"\bto be (?:staged|used|filmed|carried out|launched)\b",
    r"\b(?:is|are|were|was) (?:\w+ )?(?:delivering|bringing|transporting|smuggling|storing|stockpiling|hiding)\b",
    r"\bfilm(?:s|ed|ing)? (?:\w+ ){0,2}staged\b",
    r"\bstaged (?:\w+ ){0,4}(?:was|were|is|are|being) (?:shot|filmed|recorded)\b",
    r"\bhave started filming\b",
    r"\b(?:is|are) being (?:prepared|readied|planned|plotted|hatched|cooked up|organi[sz]ed|arranged|set up)\b",
    r"\bso that (?:\w+ ){0,4}(?:can|could|will|would|may|might) be\b",  # purpose: the act still to come
    r"\bread(?:ied|ying)\b",
    r"\brehears(?:e|es|ing|als?)\b",  # rehearsing comes before the act ("rehearsed" may be past: left out)
    r"\b(?:will|would|could|to) be (?:pinned|blamed) on\b",  # the blame still to be laid
    r"\bwant(?:s)? to (?:preserve|use|keep)\b",
)

RETROSPECTIVE = (
    r"\b(?:was|were|had been|has been|have been|is|are) (?:\w+ )?(?:staged|faked|fabricated|falsified|invented|"
    r"made up|orchestrated|set up|provoked|a (?:\w+ )?(?:provocation|fake|false[- ]flag|hoax|set[- ]up|farce))\b",
    r"\b(?:was|were|wasn['’]t|weren['’]t) (?:not )?poisoned\b",
    r"\bnot poisoned\b",
    r"\b(?:last|earlier this|earlier in the) (?:year|month|week|spring|summer|autumn|winter|" + _MONTH + r")\b",
    r"\ba year ago\b",
    r"\b(?:19|20)\d\d (?:chemical |gas |sarin )?attacks?\b",
    r"\bso[- ]called\b",
    r"\balleged(?:ly)?\b",
    r"\bpurported\b",
    r"\bsuspected\b",
    r"\b(?:no|never a) (?:chemical |gas )?attack\b",
    r"\bdid not (?:happen|take place)\b",
    r"\bnever happened\b",
    r"\bcovered up\b",
    r"\bcover[- ]up\b",
    r"\badmit(?:s|ted)? staging\b",
    r"\b(?:responsible|behind) (?:for )?the (?:\w+ )?(?:chemical |gas )?attacks?\b",
    r"\bthe (?:chemical |gas |sarin |chlorine )attacks? (?:in|on|at)\b",
    r"\bkilled\b",
    r"\bvictims\b",
    r"\b(?:leaked|leak(?:ed)? from|depot|stockpile was hit)\b",
)

REPORTED = (
    r"\bfalsely\b",
    r"\bwithout (?:providing |offering |giving )?(?:any )?(?:evidence|proof)\b",
    r"\bbaseless\b",
    r"\bgroundless\b",
    r"\bdismiss(?:ed|es)?\b",
    r"\bunfounded\b",
    r"\bunsubstantiated\b",
    r"\bdisinformation\b",
    r"\bpropaganda\b",
    r"\bdebunk\w*",
    r"\baccording to\b",
    r"\b(?:said|says|claim(?:s|ed|ing)?|alleg(?:e|es|ed|ing)|assert(?:s|ed)|insist(?:s|ed)|warn(?:s|ed)|"
    r"told|stated|accus(?:e|es|ed|ing))\b",
)

NEGATION = (
    r"\bnot\b",
    r"n['’]t\b",
    r"\bno\b",
    r"\bnever\b",
    r"\bden(?:y|ies|ied)\b",
    r"\bnone\b",
    r"\bneither\b",
    r"\bnor\b",
    r"\bno longer\b",
)

CLAIMANTS = {
    "Russian Centre for Reconciliation": (
        r"\b(?:cent(?:re|er)|center) for (?:the )?reconciliation\b",
        r"\breconciliation (?:cent(?:re|er))\b",
        r"\bhmeim?im\b",
    ),
    "Russian General Staff": (r"\bgeneral staff\b", r"\brudsk(?:oi|oy)\b"),
    "Russian Ministry of Defence": (
        r"\b(?:russia['’]s|the russian) defen[cs]e chief\b",
        r"\b(?:russian|russia['’]s) (?:ministry of defen[cs]e|defen[cs]e minist(?:ry|er)|military)\b",
        r"\bministry of defen[cs]e of (?:the )?russia",
        r"\b(?:the )?defen[cs]e ministry\b",
        r"\bministry of defen[cs]e\b",
        r"\brussian mod\b",
        r"\bkonashenkov\b",
        r"\bshoigu\b",
    ),
    "Russian Foreign Ministry": (
        r"\b(?:russia['’]s|the russian) (?:top|chief) diplomat\b",
        r"\b(?:russian|russia['’]s) (?:foreign ministry|ministry of foreign affairs|mfa|foreign minister)\b",
        r"\bforeign ministry of russia\b",
        r"\bzakharova\b",
        r"\blavrov\b",
    ),
    "Russian UN mission": (
        r"\bnebenzia\b",
        r"\bchurkin\b",
        r"\bpolyanskiy\b",
        r"\b(?:russia['’]s|russian) (?:un |u\.n\. )?(?:envoy|ambassador|mission|representative)\b",
    ),
    "Syrian Foreign Ministry": (
        r"\bsyrian foreign ministry\b",
        r"\bforeign ministry of syria\b",
        r"\bsyria['’]s foreign ministry\b",
        r"\bmuallem\b",
        r"\bmekdad\b",
        r"\bja['’]?afari\b",
    ),
    "Syrian Arab Army": (r"\bsyrian arab army\b", r"\bsyrian army\b", r"\bsyrian (?:military|troops)\b"),
    "Syrian government": (
        r"\bsyrian (?:leader|president|head of state)\b|\bsyria['’]s (?:president|leader)\b",
        r"\bsyrian (?:government|state media|state tv|state television|officials|authorities|president)\b",
        r"\bsyria['’]s government\b",
        r"\bsana\b",
        r"\bdamascus (?:says|said|claims|claimed)\b",
        r"\bassad (?:says|said|told)\b",
    ),
    "Iranian government": (
        r"\biran(?:ian)? (?:government|foreign ministry|officials|foreign minister)\b",
        r"\bzarif\b",
        r"\btehran\b",
    ),
    "Russian government": (
        r"\bmoscow\b",
        r"\bkremlin\b",
        r"\bputin\b",
        r"\bpeskov\b",
        r"\brussian (?:government|officials|authorities|president|state media)\b",
        r"\brussia (?:says|said|has said|claims|claimed|alleged|alleges|warned|warns|insists|insisted)\b",
        # the head of state named by function: "the Russian leader", "Russia's president"
        r"\b(?:russian|kremlin) (?:leader|head of state)\b|\brussia['’]s (?:president|leader|head of state)\b",
        r"\bhead of the russian state\b",
    ),
    "local residents": (
        r"\blocal residents\b",
        r"\bresidents (?:said|say|told|reported)\b",
        r"\baccording to (?:local )?residents\b",
        r"\blocals\b",
    ),
}

ACCUSED = {
    "White Helmets": (r"\bwhite helmets?\b", r"\bsyria(?:n)? civil defen[cs]e\b"),
    "Hayat Tahrir al-Sham": (r"\bhay['’]?at tahrir al[- ]sham\b", r"\btahrir al[- ]sham\b", r"\bhts\b"),
    "Jabhat al-Nusra": (r"\bnusra\b", r"\bfateh al[- ]sham\b", r"\bal[- ]qaeda\b"),
    "Islamic State": (r"\bislamic state\b", r"\bisis\b", r"\bisil\b", r"\bdaesh\b"),
    "Jaysh al-Islam": (r"\bjaa?[iy]sh al[- ]islam\b", r"\barmy of islam\b"),
    "Free Syrian Army": (r"\bfree syrian army\b", r"\bfsa\b"),
    "militants": (
        r"\bmilitants?\b",
        r"\brebels?\b",
        r"\bjihadists?\b",
        r"\binsurgents?\b",
        r"\bextremists?\b",
        r"\barmed (?:opposition )?groups?\b",
        r"\bopposition (?:fighters|forces|groups)\b",
    ),
    "terrorists": (r"\bterrorists?\b", r"\bterrorist (?:groups?|organi[sz]ations?)\b", r"\btakfiri\w*"),
    "United States": (
        r"\bu\.s\.?(?=\W|$)",
        r"\bunited states\b",
        r"\bwashington\b",
        r"\bamerican?s?\b",
        r"\bpentagon\b",
        r"\bcia\b",
        r"(?:^|\bthe |[(,;:‘'\"] ?)us\b",
        r"\bus(?=[- ](?:led|backed|and|has|have|is|was|military|army|troops|forces|special|intelligence|"
        r"government|administration|officials|delivered|ordered|preparation|plans|wants|could|will|may|to)\b)",
    ),
    "United Kingdom": (r"\buk\b", r"\bunited kingdom\b", r"\bbritain\b", r"\bbritish\b", r"\blondon\b", r"\bmi6\b"),
    "France": (r"\bfrance\b", r"\bfrench\b"),
    "Western special services": (
        r"\bwestern (?:special|intelligence|secret) (?:services|forces|agencies)\b",
        r"\bwestern intelligence\b",
        r"\bforeign (?:special|intelligence|secret) services\b",
    ),
    "foreign specialists": (r"\b(?:foreign|english[- ]speaking|western) (?:specialists|experts|instructors)\b",),
    "film crews": (
        r"\b(?:film|tv|television|camera|news) crews?\b",
        r"\bcameram[ae]n\b",
        r"\bjournalists\b",
        r"\bforeign (?:media|journalists|reporters)\b",
        r"\bal[- ]jazeera\b",
    ),
    "Ukraine": (r"\bukrain\w*", r"\bkyiv\b", r"\bkiev\b"),
}

# Cited evidence of preparation; it makes a sentence forward-looking when nothing in it looks back.
EVIDENCE = (
    r"\b(?:film|tv|television|camera|news) crews? (?:have |had )?arrived\b",
    r"\barrived (?:\w+ ){0,4}to (?:film|record|shoot|stage|perform|carry out)\b",
    r"\b(?:deliver(?:s|ed|ing|y)?|bring(?:s|ing)?|brought|transport(?:s|ed|ing)?|smuggl(?:e|es|ed|ing)) (?:\w+ ){0,4}"
    r"(?:chlorine|toxic|poison\w*|chemical\w*|sarin|canisters?|cylinders?)",
    r"\bstor(?:e|es|ed|ing) (?:\w+ ){0,3}(?:toxic|chemical|chlorine|poison)",
    r"\b(?:with|carrying|unload(?:ed|ing)?) (?:\w+ ){0,3}(?:containers?|canisters?|cylinders?|barrels?) of "
    r"(?:chlorine|toxic|poison\w*|chemical\w*|sarin)",
    r"\b(?:toxic|chemical|chlorine|poison\w*) (?:\w+ ){0,3}(?:were|was|have been|had been) "
    r"(?:delivered|brought|stored)\b",
)

# Speech verbs: which named body is the one speaking (`forewarn.extract.speaker_distances`).
RELAY = (
    r"\b(?:said|says|say|told|tells|stated|states|claim(?:s|ed)?|warn(?:s|ed)|alleg(?:e|es|ed)|insist(?:s|ed)|"
    r"announc(?:e|es|ed)|report(?:s|ed)|add(?:s|ed)|not(?:e|es|ed)|stress(?:es|ed)|assert(?:s|ed)|declar(?:e|es|ed)|"
    r"maintain(?:s|ed)|wr(?:ote|ites)|explain(?:s|ed)|accus(?:e|es|ed)|charg(?:e|es|ed))\b",
    r"\baccording to\b|\bin (?:a|its|his|her|their) (?:statement|briefing|letter|report)\b|\bcited by\b",
)
EXTRA = {
    # the weapon's use told as done (a past attack blamed on the other side, "the shell was fired by rebels"): a
    # tense signal for the counter-accusation about a past attack, which names no staging at all
    "past_use": (
        r"\b(?:used|fired|launched|dropped|released|deployed|employed|unleashed|detonated|carried out)\b",
        r"\b(?:struck|hit|bombed|shelled) (?:a |the )?(?:\w+ )?(?:depot|warehouse|workshop|stockpile|arsenal)s?\b",
    ),
    # the party a claim blames ("… to blame the Syrian army", "accuse Damascus"): not the claimant
    "blame": (
        r"\b(?:blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|fram(?:e|es|ed|ing)|implicat(?:e|es|ed|ing)|incriminat\w*)\b",
        r"\b(?:discredit\w*|smear(?:s|ed|ing)?|pin(?:ning)? (?:it|the blame|responsibility) on)\b",
        r"\b(?:shift(?:ing)? (?:the )?blame (?:on|onto)|hold(?:ing)? responsible|responsibility on)\b",
        # attribution of the act: "… that they will attribute to the Syrian army", "accusations that the troops …"
        r"\b(?:attribut|ascrib)(?:e|es|ed|ing) (?:\w+ ){0,2}to\b|\baccusations? (?:that|against|of)\b",
        r"\b(?:pinned|blamed) on\b|\b(?:laid|lay) at the door of\b",
    ),
    "insufficient": (
        r"\bno (?:public |solid |real )?(?:evidence|proof)\b",
        r"\bnot prove\b",
        r"\bdid not prove\b",
        r"\bdoes not prove\b",
        r"\binconclusive\b",
        r"\bunclear\b",
        r"\bno clarifications?\b",
    ),
    "relay": RELAY,
    "date": (
        r"\b(?:on |by )?\d{1,2}(?:st|nd|rd|th)? " + _MONTH + r"(?: \d{4})?\b",
        r"\b(?:on |by )?" + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?\b",
        r"\btomorrow\b",
    ),
    "vague_time": (r"\bin the (?:coming|next) (?:days|hours|weeks)\b", r"\bsoon\b", r"\bimminent\b"),
    "state_outlet": (
        r"\brt\b",
        r"\brussia today\b",
        r"\bsputnik\b",
        r"\btass\b",
        r"\bria\b",
        r"\bria novosti\b",
        r"\bzvezda\b",
        r"\bsana\b",
        r"\brossiya\b",
        r"\brossia\b",
        r"\bvesti\b",
        r"\bpervyi kanal\b",
        r"\bchannel one\b",
        r"\bizvestia\b",
        r"\bnews front\b",
        r"\briafan\b",
        r"\bpress tv\b",
        r"\bal[- ]masdar\b",
        r"\bsyrian arab news agency\b",
        r"\bdefen[cs]e ministry\b",
    ),
}

LEXICON = Lexicon(
    language="en",
    staging=STAGING,
    prospective=PROSPECTIVE,
    retrospective=RETROSPECTIVE,
    reported=REPORTED,
    negation=NEGATION,
    claimants=CLAIMANTS,
    accused=ACCUSED,
    evidence=EVIDENCE,
    extra=EXTRA,
)
