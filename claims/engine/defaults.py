"""Default rules, disclaimer texts and cue lexicon, transcribed from shared/compliance.md (sections 0, 2, 3).

Plain data only.  A Django data migration copies :data:`DEFAULT_RULES` and :data:`DEFAULT_DISCLAIMERS`
into the database, where editors disable rules, add phrases and reword disclaimers.  Long regular
expressions are assembled here from named fragments (``_DISEASE``, ``_CARE``...) so that each stored
pattern is a self-contained string.

Severities follow compliance.md section 2: ``cure``, ``urgency``, "FDA approved" and absolute safety
wording are ``forbidden``; ``study_result``, ``nonhuman_study``, ``disease``, measurable body effects
and regulatory status/endorsements (which need a verification record, the closest of the three
severities) are ``needs-citation``; the rest is ``disclaim``.

Disclaimer texts may hold ``{condition}``, ``{citation}``, ``{study_kind}``, ``{protocol}``,
``{population}`` and ``{cleared_indication}``; :func:`claims.engine.markup.fill_disclaimer` fills them.
"""

from __future__ import annotations

from .rules import CATEGORY_ORDER, Lexicon, Rule

__all__ = [
    "CATEGORY_ORDER",
    "CATEGORY_LABELS",
    "DEFAULT_RULES",
    "DEFAULT_DISCLAIMERS",
    "DISCLAIMER_PLACEHOLDERS",
    "EDITOR_MESSAGES",
    "DEFAULT_LEXICON",
]

CATEGORY_LABELS: dict[str, str] = {
    "cure": "Cure or absolute promise",
    "urgency": "Urgency or discouraging medical care",
    "testimonial": "Testimonial",
    "nonhuman_study": "Animal or laboratory study",
    "study_result": "Study result",
    "authority": "Regulatory status or endorsement",
    "disease": "Disease claim",
    "safety": "Safety claim",
    "structure_function": "Effect on the body",
}

# --- disclaimers (compliance.md 2.1, "Disclaimer shown next to the claim (our wording)") ----------------

DEFAULT_DISCLAIMERS: dict[str, str] = {
    "cure": (
        "No light-therapy device has been shown to cure or reverse {condition}. "
        "This is one person's account, not medical advice."
    ),
    "urgency": (
        "Please don't delay, stop or replace medical care because of anything on this page. "
        "New or worsening numbness, pain or foot sores need a doctor."
    ),
    "testimonial": (
        "One customer's experience. We have no evidence that most buyers get this result, and reviews are "
        "not evidence that a device treats any condition."
    ),
    "nonhuman_study": (
        "This finding comes from {study_kind} research ({citation}). It has not been shown to happen in "
        "people, and it is not evidence that our devices help {condition}."
    ),
    "study_result": (
        "Result from one study: {citation}. It used {protocol} in {population}; your results may differ."
    ),
    "authority": (
        "FDA clearance (510(k)) means FDA found the device substantially equivalent to one already sold for "
        "{cleared_indication}. It is not FDA approval and does not cover other uses such as {condition}."
    ),
    "disease": (
        "Red and near-infrared light is not an established treatment for {condition}; the research is limited "
        "and mixed. Our devices are not cleared or approved to diagnose, treat, cure or prevent {condition} "
        "or any disease. Keep following your clinician's treatment plan."
    ),
    "safety": (
        "Light and heat devices carry risks: burns (higher where skin sensation is reduced, as in neuropathy), "
        "eye injury from bright red and invisible near-infrared light, and reactions with light-sensitising "
        "medicines. Read the safety instructions; ask your doctor first if you are pregnant, have numb skin "
        "or take photosensitising drugs."
    ),
    "structure_function": (
        "This describes effects reported in research on red and near-infrared light; individual results vary "
        "and the evidence is still developing. It is general information, not medical advice, and not a claim "
        "that our devices treat any condition."
    ),
}
"""Shopper-facing disclaimer text by key."""

DISCLAIMER_PLACEHOLDERS: dict[str, str] = {
    "condition": "this condition",
    "citation": "see the cited reference",
    "study_kind": "animal or laboratory",
    "protocol": "a specific device and treatment schedule",
    "population": "a specific group of people",
    "cleared_indication": "a specific, limited use",
}
"""Values used when the claim itself does not supply one (no disease named, no citation marker...)."""

EDITOR_MESSAGES: dict[str, str] = {
    "cure": (
        "'Cure', 'reverse', 'restore' and guarantee wording is not allowed: no light device has been shown to "
        "cure or reverse {condition}. Say what a named study measured instead."
    ),
    "urgency": "Health urgency and advice to avoid medical care are not allowed. Remove the call to act.",
    "safety": "Absolute safety wording ('no side effects', 'completely safe', 'risk-free') is not allowed.",
    "authority": "'FDA approved' is wrong for a device that was cleared (510(k)); state the verified status.",
}
"""Editor-facing explanations for forbidden wording (compliance.md 2.1)."""

# --- fragments for the patterns below ---------------------------------------------------------------------

_WORDS = r"(?:[\w'%-]+\s+)"  # one word with the space after it
_DISEASE = (
    r"(?:(?:peripheral|diabetic|painful|small\s+fibre|small\s+fiber)\s+)?neuropath\w*"
    r"|(?:osteo|rheumatoid\s+|psoriatic\s+|knee\s+|hip\s+)?arthritis|arthritic|rheumatism|fibromyalgia"
    r"|diabet\w*|(?:foot|leg|venous|pressure|mouth)\s+ulcers?|ulcers?|acne|psoriasis|eczema|rosacea|dermatitis"
    r"|depression|depressive|seasonal\s+affective\s+disorder|hypertension|high\s+blood\s+pressure|alopecia"
    r"|macular\s+degeneration|glaucoma|cataracts?|plantar\s+fasciitis|tendini?tis|tendonitis|tendinopathy"
    r"|tennis\s+elbow|golfer'?s\s+elbow|frozen\s+shoulder|bursitis|sciatica|carpal\s+tunnel(?:\s+syndrome)?"
    r"|shingles|herpes|cold\s+sores?|cancer|tumou?rs?|dementia|alzheimer'?s?|parkinson'?s?|multiple\s+sclerosis"
    r"|lupus|gout|migraines?|insomnia|anxiety|lymph(?:o)?edema|lymphoedema|raynaud'?s?|long\s+covid|tinnitus"
    r"|osteoporosis|obesity|infections?|chronic\s+(?:[\w-]+\s+){0,2}?(?:pain|fatigue|inflammation|wounds?)"
    r"|nerve\s+(?:damage|pain|issues|problems|injur(?:y|ies))|damaged\s+nerves?|numb(?:ness)?\s+(?:in\s+(?:the|my|your)\s+)?(?:feet|toes|hands|fingers|legs)"
    r"|numbness|tingling|burning\s+feet|pins\s+and\s+needles|(?:\w+\s+)?(?:disease|disorder|syndrome)s?"
)
_TREAT = (
    r"(?:treat|manag|reliev|relief|eas|help|prevent|slow|address|improv|calm|target|fight|combat|tackl|sooth"
    r"|lift|lower|reduc|alleviat|benefit|support|control|protect|heal|repair|soften|clear|banish|beat|overcom"
    r"|halt|regulat|normali[sz]|strengthen|quiet|settl|fade|minimi[sz]|lessen|dampen|counter|curb|keep|stop"
    r"|work|useful|effective|option|therapy|solution|remedy|answer|alternative)\w*"
)
_GOOD_FOR = (
    r"(?:great|good|ideal|perfect|brilliant|excellent|recommended|designed|made|useful|helpful|important"
    r"|beneficial|valuable|suitable|a\s+must|a\s+game-?changer|a\s+lifesaver|works?|worked)"
)
_BETTER = (
    r"(?:better|eased|easing|easier|improved|improving|reduced|gone|lifted|calmer|calmed|clearer|smoother"
    r"|firmer|brighter|younger|healthier|looser|stronger|faded|fading|disappeared|vanished|subsided|settled"
    r"|relieved|fresher|plumper|softer|tighter|fuller|thicker|deeper|milder|fewer|lighter|great|fantastic"
    r"|amazing|brilliant|loads\s+better|much\s+better|so\s+much\s+better|less\s+(?:stiff|sore|achy|painful"
    r"|swollen|tired|inflamed|puffy|tense|red|frequent|intense|severe)|more\s+(?:supple|even|rested|relaxed"
    r"|energetic|mobile|flexible|youthful|radiant))"
)
_SYMPTOM = (
    r"(?:(?:muscle|joint|back|neck|knee|shoulder|hip|foot|heel|wrist|elbow|ankle|leg|period|nerve)\s+)?"
    r"(?:pain|pains|aches?|aching|soreness|stiffness|strain|tension)"
    r"|sore\s+(?:muscles|joints|backs?|necks?|shoulders|legs|feet|knees|calves|arms)"
    r"|stiff\s+(?:muscles|joints|shoulders|necks?|backs?|knees|hands|fingers|legs)"
    r"|tired\s+(?:muscles|legs|eyes|skin)|swelling|inflammation|inflammatory\s+markers|cramps?|spasms?|redness"
    r"|wrinkles|fine\s+lines|crow'?s\s+feet|fatigue|tiredness|puffiness|bruis\w*|scars?|blemishes|spots"
    r"|dark\s+circles|cellulite|DOMS|oxidative\s+stress|tingling|numbness|discomfort|irritation"
)
_BODY = (
    r"(?:circulation|micro-?circulation|blood\s+(?:flow|supply|circulation|vessels?)|healing|recovery|repair"
    r"|regeneration|regrowth|ATP|adenosine\s+triphosphate|energy|collagen|elastin|mitochondri\w*|nitric\s+oxide"
    r"|antioxidant\w*|anti-oxidant\w*|sleep|mood|focus|concentration|alertness|memory|cognition|skin|complexion"
    r"|hair(?:\s+growth)?|fat|metabolism|immun\w*|tissues?|cells?|cellular\s+\w+|muscles?|joints?|nerves?"
    r"|oxygen\w*|nutrients|sensation|balance|performance|endurance|stamina|testosterone|melatonin|serotonin"
    r"|endorphins?|hormones?|lymph\w*|detox\w*|wellbeing|well-being|vitality|glow|elasticity|body\s+function"
    r"|function|vessels?|wound\s+(?:healing|closure)|wounds?|bone\s+density|libido|vision|eyesight|tendons?"
    r"|ligaments?|cartilage|mobility|flexibility|vasodilation|brain|neurons?|neurotrophic\s+factors?)"
)
_MEASURABLE = (
    r"(?:circulation|micro-?circulation|blood\s+(?:flow|supply|circulation)|ATP|adenosine\s+triphosphate"
    r"|collagen|elastin|mitochondri\w*|nitric\s+oxide|antioxidant\w*|anti-oxidant\w*|melatonin|testosterone"
    r"|serotonin|endorphins?|hormones?|inflammatory\s+markers|vasodilation|bone\s+density|cellular\s+energy)"
)
_UP = (
    r"(?:boost|increas|improv|enhanc|stimulat|promot|support|speed|accelerat|activat|encourag|rais|energi[sz]"
    r"|rejuvenat|revitali[sz]|strengthen|thicken|firm|tighten|brighten|nourish|oxygenat|regenerat|repair|heal"
    r"|widen|dilat|optimi[sz]|amplif|kick-?start|fuel|recharg|balanc|regulat|normali[sz]|releas|produc|grow"
    r"|rebuild|renew|protect|restor|aid|assist|benefit|help|trigger|spark|deepen|lengthen|smooth|plump|relax"
    r"|loosen|unlock|maximi[sz]|double|doubl|multipl|raise|lift|fight|feed|give|gives|giving|deliver|provid"
    r"|suppl|bring|brings|brought|reach|penetrat)\w*"
)
_DOWN = (
    r"(?:reduc|reliev|eas|sooth|calm|lower(?!\s+back)|decreas|fight|tackl|target|minimi[sz]|soften|fade|lessen"
    r"|alleviat|dampen|quiet|combat|diminish|shrink|counter|curb|block|banish|melt|dissolv|tam|settl|numb|dull"
    r"|cut|halve|remov|clear)\w*"
)
_CARE = (
    r"(?:medications?|medicines?|meds|pills|tablets|painkillers?|pain\s+killers?|drugs|insulin|injections?|jabs"
    r"|cortisone|steroids?|surgery|surgeries|operations?|doctors?|GPs?|physicians?|dermatologists?|surgeons?"
    r"|physio(?:therapists?|therapy|s)?|physical\s+therap(?:y|ists?)|specialists?|prescriptions?|appointments?"
    r"|treatments?|ibuprofen|paracetamol|aspirin|opioids?|anti-?inflammator\w*|antidepressants?|check-?ups?"
    r"|consultants?|clinics?|hospitals?)"
)

DEFAULT_RULES: tuple[Rule, ...] = (
    # 1. cure: forbidden ---------------------------------------------------------------------------------
    Rule(
        id="cure-wording",
        category="cure",
        phrases=(
            "cure", "cures", "cured", "curing", "curative", "miracle", "miracles", "miraculous", "wipe out",
            "wipes out", "wiped out", "get rid of", "gets rid of", "got rid of", "getting rid of", "gone for good",
            "forever", "once and for all", "back to normal", "say goodbye to", "said goodbye to", "pain-free for life",
            "permanent cure", "permanent relief", "permanent results", "permanent fix", "guaranteed results",
            "results guaranteed", "100% effective", "100 percent effective",
        ),
        patterns=(
            r"for\s+good(?!\s+measure)",
            r"revers(?:e|es|ed|ing)\s+" + _WORDS + r"{0,3}?(?:" + _DISEASE + r"|damage|signs|symptoms|ageing|aging|the\s+effects|the\s+clock|it|them)",
            r"eliminat(?:e|es|ed|ing)\s+" + _WORDS + r"{0,3}?(?:" + _DISEASE + r"|" + _SYMPTOM + r"|symptoms?)",
            r"(?:restor|re-?establish)\w*\s+" + _WORDS + r"{0,3}?(?:function|sensation|feeling|health|mobility|movement|nerves?)",
            r"restor\w*\s+" + _WORDS + r"{0,4}?to\s+(?:full|normal|complete|perfect)\b\s*\w*",
            r"regenerat\w*\s+" + _WORDS + r"{0,3}?back",
            r"heal(?:s|ed|ing)?\s+" + _WORDS + r"{0,3}?(?:" + _DISEASE + r")",
            r"guarantee[sd]?\s+" + _WORDS + r"{0,2}?(?:results?|relief|improvement|recovery|success|effects?|outcomes?|to\s+(?:work|help|heal|relieve|reduce|improve|cure|fix))",
            r"100\s*(?:%|percent|per\s+cent)\s+(?:effective|results?|success|relief|cure|recovery|improvement)",
            r"(?:completely|totally|fully|entirely|permanently)\s+(?:heal\w*|cur\w*|gone|eliminat\w*|revers\w*|fix\w*|restor\w*|disappear\w*|vanish\w*|clear\w*|resolv\w*|free\s+of|pain-?free|recover\w*|remov\w*)",
            r"permanent(?:ly)?\s+" + _WORDS + r"{0,2}?(?:fix\w*|cur\w*|relie\w*|results?|eliminat\w*|heal\w*|remov\w*|gone|end\w*|solv\w*)",
            r"(?:end|ends|ended|ending)\s+" + _WORDS + r"{0,2}?(?:pain|suffering|" + _DISEASE + r")",
        ),
        severity="forbidden",
        disclaimer="cure",
    ),
    # 2. urgency: forbidden ------------------------------------------------------------------------------
    Rule(
        id="urgency-act-now",
        category="urgency",
        phrases=(
            "don't wait", "do not wait", "don't delay", "do not delay", "don't put off", "do not put off",
            "stop putting off", "why wait", "why suffer", "why put up with", "every day you wait",
            "every day you delay", "before it's too late", "before it is too late", "no time to lose",
            "the sooner you start", "wait any longer", "can't afford to wait", "cannot afford to wait",
        ),
        patterns=(
            r"before\s+(?:it|they|things|symptoms|damage|the\s+[\w-]+(?:\s+[\w-]+)?|your\s+[\w-]+(?:\s+[\w-]+)?)\s+" + _WORDS + r"{0,3}?(?:gets?|becomes?|is|are|turns?|goes|grows?|spreads?)\s+(?:any\s+|even\s+|much\s+)?(?:worse|permanent|irreversible|too\s+late|chronic|untreatable)",
        ),
        severity="forbidden",
        disclaimer="urgency",
    ),
    Rule(
        id="urgency-avoid-care",
        category="urgency",
        phrases=("instead of seeing a doctor", "without seeing a doctor", "no more pills", "no more painkillers"),
        patterns=(
            r"(?:stop|stops|stopped|stopping|skip|skips|skipped|skipping|quit|quits|quitting|ditch|ditches|ditched|replace|replaces|replaced|replacing|cancel\w*|drop|dropped|throw\s+away|threw\s+away|thrown\s+away|give\s+up|gave\s+up|come\s+off|came\s+off|get\s+off|got\s+off|forget|avoid|do\s+without|go\s+without)\s+" + _WORDS + r"{0,3}?" + _CARE,
            r"why\s+" + _WORDS + r"{0,3}?(?:see|seeing|visit|visiting|pay|paying|take|taking|book|booking|keep|bother|rely|relying|put\s+up\s+with|go\s+to|risk)\w*\s+" + _WORDS + r"{0,3}?" + _CARE,
            r"(?:don't|do\s+not|won't|will\s+not|wouldn't|would\s+not|never|no\s+longer|didn't|did\s+not)\s+(?:[\w'-]+\s+)?need\s+" + _WORDS + r"{0,3}?" + _CARE,
            r"no\s+(?:more\s+)?need\s+(?:to|for)\s+" + _WORDS + r"{0,3}?" + _CARE,
            r"instead\s+of\s+" + _WORDS + r"{0,2}?" + _CARE,
            r"(?:alternative|substitute|replacement)\s+(?:to|for)\s+" + _WORDS + r"{0,2}?" + _CARE,
            _CARE + r"\s+(?:[\w',-]+\s+){0,8}?(?:skip|ditch|replace|avoid|stop|drop|do\s+without|go\s+without|forget)\s+(?:them|it|those|these)",
        ),
        severity="forbidden",
        disclaimer="urgency",
    ),
    # 3. testimonial ------------------------------------------------------------------------------------
    Rule(
        id="testimonial-first-person",
        category="testimonial",
        phrases=(
            "changed my life", "worked wonders", "works wonders", "worked for me", "works for me", "saved my",
            "I feel better", "I feel great", "I feel younger", "I feel like new", "I feel amazing",
            "I felt better", "I'm pain-free", "I am pain-free", "I'm pain free",
        ),
        patterns=(
            r"I\s+can\s+(?:walk|sleep|move|run|play|bend|kneel|climb|work|type|grip|garden|dance|hike|cycle|lift)\w*\s+" + _WORDS + r"{0,4}?again",
        ),
        severity="disclaim",
        disclaimer="testimonial",
        first_person=True,
    ),
    # 4. nonhuman_study: needs citation -----------------------------------------------------------------
    Rule(
        id="nonhuman-study",
        category="nonhuman_study",
        phrases=(
            "rat", "rats", "mice", "mouse", "rodent", "rodents", "rabbit", "rabbits", "horse", "horses", "pigs",
            "piglets", "zebrafish", "animal study", "animal studies", "animal model", "animal models",
            "animal research", "animal experiments", "animal trials", "in animals", "in vitro", "test-tube",
            "test tube", "petri dish", "in a dish", "cell culture", "cell cultures", "cultured cells",
            "cultured skin cells", "cell studies", "cell study", "cell lines", "fibroblast", "fibroblasts",
            "lab study", "lab studies", "lab experiments", "lab tests", "lab work", "lab research",
            "laboratory study", "laboratory studies", "laboratory experiments", "laboratory research",
            "in the lab", "in the laboratory", "tissue samples", "tissue sample", "on a chemical level",
            "treated cells", "cells in a dish",
        ),
        severity="needs-citation",
        disclaimer="nonhuman_study",
    ),
    # 5. study_result: needs citation -------------------------------------------------------------------
    Rule(
        id="study-wording",
        category="study_result",
        phrases=(
            "studies show", "studies have shown", "studies prove", "research shows", "research has shown",
            "research proves", "clinically proven", "clinically tested", "clinically shown", "clinically studied",
            "clinically validated", "scientifically proven", "scientifically tested", "has been shown",
            "have been shown", "was shown", "were shown", "it was shown", "been proven", "proven to",
            "backed by science", "backed by research", "backed by studies", "statistically significant",
            "statistically significantly", "meta-analysis", "systematic review", "placebo group", "sham group",
            "control group", "double-blind", "randomised controlled", "randomized controlled", "evidence shows",
            "science shows", "published studies",
        ),
        patterns=(
            r"(?:study|studies|trial|trials|research|review|survey|data|experiment|experiments|investigation|analysis|paper|papers|scientists|researchers|participants|testers|users|patients|subjects|respondents|volunteers)\s+(?:[\w,'-]+\s+){0,4}?(?:show\w*|found|finds?|prove[sdn]?|demonstrat\w*|confirm\w*|suggest\w*|report\w*|reveal\w*|support\w*|indicat\w*|conclud\w*|observed|noted|measured|recorded|saw|experienced|achieved|had\s+(?:a\s+|an\s+)?(?:reduction|improvement|increase|decrease))",
            r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:out\s+)?(?:of|in)\s+(?:\d+|ten|five|four|three|twenty|a\s+hundred)\s+(?:[\w-]+\s+)?(?:users|people|patients|participants|customers|testers|subjects|women|men|adults|owners|respondents|buyers|volunteers)",
            r"\d+(?:[.,]\d+)?\s*(?:%|percent|per\s+cent)(?!\s*(?:off|discount|cheaper|vat|deposit|safe|natural|drug|risk|money|refund|satisfaction|effective|results|cure|recyclable|cotton|wool|of\s+(?:every|each|all|our|the\s+price|your\s+(?:order|purchase)|the\s+(?:red|blue|near|infrared|light|uv|glare|wavelengths?)|red|blue|near|infrared|light|uv|glare|wavelengths?|sales|profits|proceeds)))",
            r"(?:reduced|decreased|increased|fell|dropped|rose|improved|went|declined|climbed|grew|lowered|raised)\s+(?:from|to|by)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?\d",
            r"(?:compared|relative)\s+(?:to|with)\s+(?:\d|sham|placebo|a\s+placebo|a\s+sham|controls?|the\s+(?:placebo|sham|control|untreated))",
            r"(?:an\s+)?(?:average|mean|median)\s+(?:of\s+)?\d",
            r"p\s*[<=]\s*0?\.\d+",
            r"(?:over\s+|more\s+than\s+)?\d[\d,]*\s+(?:[\w-]+\s+)?(?:studies|trials|clinical\s+trials|papers)",
            r"(?:decrease|increase|reduction|improvement|drop|rise|fall|decline)\s+in\s+the\s+(?:number|rate|risk|incidence|level|amount|frequency)",
            r"\d+(?:\.\d+)?\s+(?:minutes?|hours?|points?|sites?|days?|weeks?)\s+(?:longer|shorter|more|fewer|less|lower|higher|faster|sooner)",
        ),
        severity="needs-citation",
        disclaimer="study_result",
    ),
    # 6. authority --------------------------------------------------------------------------------------
    Rule(
        id="authority-fda-approved",
        category="authority",
        phrases=("FDA approved", "FDA approval", "approved by the FDA", "FDA-approved", "approved by FDA"),
        severity="forbidden",
        disclaimer="authority",
    ),
    Rule(
        id="authority-status",
        category="authority",
        phrases=(
            "FDA cleared", "FDA clearance", "cleared by the FDA", "FDA registered", "registered with the FDA",
            "FDA listed", "510(k)", "510k", "Class II", "Class 2 medical", "medical device", "CE mark",
            "CE marked", "CE-marked", "UKCA", "medical grade", "hospital grade", "clinical grade", "clinic grade",
            "clinic strength", "professional grade", "doctor recommended", "doctor designed", "physician recommended",
            "physio recommended", "dermatologist recommended", "dermatologist approved", "NASA", "endorsed by",
            "approved by", "recommended by", "trusted by", "as used by", "used by professionals",
        ),
        patterns=(
            r"(?:doctors?|GPs?|physicians?|dermatologists?|physio(?:therapist)?s?|physical\s+therapists?|chiropractors?|osteopaths?|podiatrists?|nurses?|surgeons?|experts|clinicians|specialists|athletes|trainers|coaches|celebrities|clinics?|hospitals?|the\s+NHS)\s+(?:[\w-]+\s+){0,2}?(?:recommend|use|uses|used|using|trust|trusts|endorse|endorses|prescribe|prescribes|swear\s+by|rely\s+on|approve|approves|offer|offers)\w*",
            r"used\s+(?:in|by|at)\s+(?:[\w-]+\s+){0,2}?(?:clinics?|hospitals?|teams|clubs|athletes|professionals|physio\w*|spas|practices|the\s+NHS)",
        ),
        severity="needs-citation",
        disclaimer="authority",
    ),
    # 7. disease: needs citation ------------------------------------------------------------------------
    Rule(
        id="disease-named",
        category="disease",
        patterns=(
            _TREAT + r"\s+(?:[\w,'-]+\s+){0,5}?(?:" + _DISEASE + r")",
            _GOOD_FOR + r"\s+(?:[\w-]+\s+){0,2}?for\s+(?:[\w,'-]+\s+){0,4}?(?:" + _DISEASE + r")",
            r"(?:" + _DISEASE + r")\s+(?:[\w'-]+\s+){0,4}?(?:(?:is|are|was|were|has|have|had|been|feels?|felt|looks?|got|gets)\s+)?(?:\w+\s+)?" + _BETTER,
            r"(?:other|your|existing|regular|usual|current)\s+(?:[\w-]+\s+){0,2}?(?:therapies|therapy|treatments?|medications?|medicines?|drugs|physio\w*|exercises?|rehab\w*)\s+work\s+(?:even\s+)?better",
            r"damaged\s+nerves?|nerve\s+damage",
        ),
        severity="needs-citation",
        disclaimer="disease",
    ),
    # 8. safety -----------------------------------------------------------------------------------------
    Rule(
        id="safety-absolute",
        category="safety",
        phrases=(
            "no side effects", "no known side effects", "zero side effects", "without side effects",
            "without any side effects", "side effect free", "free of side effects", "completely safe",
            "totally safe", "perfectly safe", "absolutely safe", "entirely safe", "100% safe", "100 percent safe",
            "no risk", "no risks", "zero risk", "without risk", "harmless in every way",
        ),
        patterns=(r"risk-?free(?!\s+(?:for\s+\d|trial|returns?|guarantee|purchase|shopping|delivery|\d))",),
        severity="forbidden",
        disclaimer="safety",
    ),
    Rule(
        id="safety-claim",
        category="safety",
        phrases=(
            "harmless", "gentle", "non-invasive", "noninvasive", "drug-free", "medication-free", "medicine-free",
            "chemical-free", "non-toxic", "painless", "no downtime", "can't overdo", "cannot overdo",
            "can't be overdone", "cannot be overdone", "impossible to overdo", "nothing to harm", "no harm",
            "without harming", "no harmful", "without the side effects",
        ),
        patterns=(
            r"safe(?:ly|r|st)?(?!\s+(?:place|distance|location|spot|storage|keeping|checkout|payment|delivery|shopping|hands|and\s+secure|and\s+sound))",
            r"(?:does|do|will|would|can)\s*(?:n't|\s+not|\s+never)\s+(?:damage|harm|burn|hurt|injure)",
            r"won't\s+(?:damage|harm|burn|hurt|injure)",
            r"natural\s+(?:and\s+\w+\s+)?(?:way|alternative|remedy|option|treatment|solution|approach|choice|relief|pain\s+relief|therapy)",
        ),
        severity="disclaim",
        disclaimer="safety",
    ),
    # 9. structure_function -----------------------------------------------------------------------------
    Rule(
        id="body-function-measurable",
        category="structure_function",
        phrases=("ATP production", "collagen production", "nitric oxide production", "cellular energy"),
        patterns=(
            r"(?:" + _UP + r"|" + _DOWN + r")\s+" + _WORDS + r"{0,4}?" + _MEASURABLE,
            _MEASURABLE + r"\W{1,3}(?:production\s+|levels?\s+|output\s+|content\s+)?(?:(?:is|are|was|were)\s+)?(?:produced|increased|increases|rises|rose|boosted|released|generated|stimulated|improved|improves|goes\s+up|went\s+up)",
        ),
        severity="needs-citation",
        disclaimer="structure_function",
    ),
    Rule(
        id="body-function",
        category="structure_function",
        phrases=(
            "pain relief", "ache relief", "anti-inflammatory effect", "anti-inflammatory benefits", "anti-ageing",
            "anti-aging", "bounce back", "see results", "better results", "see real results", "visible results",
            "fall asleep faster", "fall asleep more easily", "sleep through the night", "sleeping through the night",
            "slept through the night", "muscle recovery", "faster recovery", "quicker recovery", "better sleep",
            "deeper sleep", "more energy", "more energetic", "better focus", "sharper focus", "skin rejuvenation",
            "speed up healing", "speeds up healing", "wound healing", "fat loss", "hair growth", "body function",
            "feel rejuvenated", "feel refreshed", "feel revitalised", "feel revitalized", "feel younger",
        ),
        patterns=(
            _UP + r"\s+" + _WORDS + r"{0,4}?" + _BODY,
            _DOWN + r"\s+" + _WORDS + r"{0,4}?(?:" + _SYMPTOM + r")",
            r"relief\s+(?:from|of|for|to)\s+" + _WORDS + r"{0,3}?(?:" + _SYMPTOM + r")",
            r"(?:reduced|less|lower|decreased|fewer|milder)\s+(?:[\w-]+\s+)?(?:" + _SYMPTOM + r")",
            r"(?:improved|increased|enhanced|better|faster|quicker|speedier|deeper|greater|more)\s+(?:[\w-]+\s+)?(?:recovery|healing|sleep|circulation|blood\s+flow|focus|mood|complexion|performance|sensation|balance|energy|collagen|mobility|flexibility|skin\s+tone)",
            r"(?:knees?|backs?|necks?|shoulders?|hips?|joints?|muscles?|legs?|feet|foot|hands?|skin|sleep|mood|energy|focus|recovery|circulation|complexion|hair|wrists?|elbows?|ankles?|calves|toes|fingers|body|" + _SYMPTOM + r")\s+(?:[\w'-]+\s+){0,4}?(?:(?:is|are|was|were|has|have|had|been|feels?|felt|looks?|looked|seems?|got|gets|went|became|is\s+getting)\s+)?(?:\w+\s+){0,2}?" + _BETTER,
            r"(?:hardly|barely|rarely|seldom|no\s+longer|doesn't|don't|never|not)\s+(?:\w+\s+)?(?:aches?|hurts?|burns?|tingles?|throbs?|swells?)(?:\s+(?:any\s?more|now))?",
            r"(?:sleep|sleeping|slept)\s+(?:[\w-]+\s+){0,2}?(?:better|deeper|longer|more\s+deeply|deeply|soundly|through\s+the\s+night)",
            r"recover\w*\s+(?:[\w-]+\s+){0,2}?(?:faster|quicker|sooner|better|more\s+quickly)",
            r"(?:help|helps|helping|helped|lets|let)\s+(?:you|your\s+body|your\s+muscles|the\s+body|muscles|people)\s+(?:to\s+)?(?:recover|heal|unwind|relax|de-?stress|rest|sleep|bounce\s+back|feel\s+(?:better|good|great))",
            r"(?:hurts?|aches?|burns?|tingles?|throbs?)\s+less",
        ),
        severity="disclaim",
        disclaimer="structure_function",
    ),
)
"""The default rules, most serious category first.  Within a category the first matching rule's
disclaimer key is the one a claim uses."""

# --- cue lexicon --------------------------------------------------------------------------------------

DEFAULT_LEXICON = Lexicon(
    subjects=(
        "red light", "red lights", "near infrared", "near infrared light", "infrared", "infra red", "NIR",
        "LED", "LEDs", "LED light", "LED therapy", "light therapy", "light treatment", "light session",
        "light sessions", "light panel", "light panels", "light device", "light devices", "light technology",
        "light energy", "light exposure", "light bed", "light beds", "photobiomodulation", "PBM", "phototherapy",
        "low level laser", "low-level laser therapy", "LLLT", "laser therapy", "cold laser", "MIRE",
        "monochromatic infrared", "photo energy", "wavelength", "wavelengths", "ClinicRed", "Clinic Red",
        "ClinicRed Mobile", "the panel", "this panel", "our panel", "our panels", "the panels", "the wand",
        "this wand", "the mobile wand", "the mobile", "this device", "our device", "our devices", "the device",
        "the light", "this light", "our light", "our lights", "the lamp", "red and infrared", "the red",
    ),
    subject_patterns=(r"\d{3,4}\s*-?\s*nm",),
    other_treatments=(
        "exercise", "exercises", "exercising", "physiotherapy", "physio", "physical therapy", "stretching",
        "walking", "yoga", "massage", "acupuncture", "supplements", "vitamin", "vitamins", "herbal",
        "medication", "medications", "medicine", "medicines", "drug", "drugs", "pills", "painkillers",
        "ibuprofen", "paracetamol", "aspirin", "duloxetine", "pregabalin", "gabapentin", "insulin", "metformin",
        "steroids", "cortisone", "injections", "surgery", "operation", "TENS", "orthotics", "insoles", "shoes",
        "compression stockings", "diet", "blood sugar", "sunlight", "sun exposure", "tanning", "ice packs",
        "heat packs", "creams", "chemotherapy", "antidepressants", "anti-inflammatory drugs",
    ),
    first_person=("I", "I'm", "I've", "I'd", "I'll", "me", "my", "myself", "mine"),
    second_person=("you", "your", "yourself", "you're", "you've", "you'll"),
    negations=(
        r"not\s+(?:yet\s+)?(?:been\s+)?(?:shown|proven|proved|demonstrated|established|evaluated|approved|cleared|tested)",
        r"no\s+(?:[\w-]+\s+)?(?:study|studies|trial|trials|research|evidence|data)\s+(?:\w+\s+)?(?:has|have|had)?\s*(?:shown|found|proven|proved|demonstrated|confirmed)",
        r"no\s+(?:good\s+|strong\s+|reliable\s+|solid\s+|convincing\s+|clear\s+|real\s+|high-quality\s+|scientific\s+|clinical\s+)?(?:evidence|proof)",
        r"(?:found|finds|find|showed|shows|show|saw|see|seen|reported|noticed|felt|had|made|makes|make)\s+(?:little\s+or\s+)?no\s+(?:[\w-]+\s+)?(?:difference|benefit|effect|improvement|change|relief|advantage)",
        r"no\s+(?:significant\s+|real\s+|clear\s+|measurable\s+|noticeable\s+|obvious\s+|big\s+|major\s+)?(?:difference|benefit|improvement|change)",
        r"(?:no|not|little)\s+better\s+than",
        r"(?:did|does|do|has|have|had|could|would|will|was|were)\s*(?:n't|\s+not)\s+(?:[\w-]+\s+)?(?:improve|help|reduce|work|change|show|find|outperform|differ|cure|treat|heal|relieve|ease|prevent|reverse|apply|replace|done|do|make|made|seen|noticed|felt|beat)",
        r"(?:haven't|have\s+not|hasn't|has\s+not)\s+(?:yet\s+)?(?:noticed|seen|felt)",
        r"not\s+(?:yet\s+)?(?:noticed|seen|felt)\s+(?:any|a|much)",
        r"(?:cannot|can't|can\s+not)\s+(?:promise|guarantee|say|claim|cure|treat|replace|diagnose|heal|reverse|prevent)",
        r"not\s+(?:intended|meant|designed|a\s+substitute|a\s+replacement|a\s+cure|a\s+treatment|medical\s+advice|an\s+established|proven|approved|cleared)",
        r"results\s+(?:may\s+|will\s+|can\s+|do\s+)?vary",
        r"(?:evidence|research|data|studies|trials|results)\s+(?:[\w-]+\s+){0,6}?(?:is|are|was|were|remains?|looks?)\s+(?:still\s+)?(?:[\w-]+\s+)?(?:mixed|limited|weak|insufficient|inconclusive|lacking|poor|small|conflicting|low\s+quality|of\s+low\s+quality|preliminary|thin|unclear)",
        r"insufficient|inconclusive",
        r"(?:ask|talk\s+to|speak\s+to|speak\s+with|check\s+with|consult)\s+(?:your|a|an)\s+(?:own\s+)?(?:doctor|GP|physician|pharmacist|midwife|clinician|specialist|dermatologist|health\s+professional|healthcare\s+provider)",
        r"(?:seek|get)\s+(?:medical\s+|professional\s+)?(?:advice|help)",
        r"(?:do\s+not|don't|never)\s+(?:stop|change|skip|replace|use|look|stare|leave|delay\s+seeing|ignore|exceed)",
        r"too\s+(?:early|soon)\s+to\s+(?:say|tell|judge)",
        r"not\s+sure\s+(?:if|whether|it)|whether\s+(?:it|this|the\s+\w+)\s+(?:helps|works|will)",
        r"may\s+not\s+(?:apply|work|help|translate|hold)",
    ),
    conditions=(_DISEASE,),
    personal_report=(
        r"^(?:stopped|quit|skipped|ditched|dropped|replaced|cancell?ed|came\s+off|got\s+off|gave\s+up|threw\s+away"
        r"|no\s+longer|don't|do\s+not|didn't|did\s+not|haven't|never|forgot|avoided)"
    ),
)
"""Cue words: the subject (guideline 0.1), other treatments (statements about them are general medical
information), first and second person, negations/qualifiers (guideline 0.2: disclaimers, absent or
negative evidence, instructions to ask a doctor), condition names (to fill ``{condition}``) and the
start of a first-person report of avoiding care ("I stopped my pills": a testimonial, not urgency)."""
