"""Default rules, disclaimer texts and cue lexicons, transcribed from docs compliance.md (sections 0, 2, 3).

Plain data only: a Django data migration copies DEFAULT_RULES and DEFAULT_DISCLAIMERS into the database,
where editors can disable rules, add phrases and reword disclaimers.
Disclaimer texts may contain ``{condition}``, ``{citation}``, ``{study_kind}``, ``{protocol}``,
``{population}`` and ``{cleared_indication}``; :func:`claims.engine.markup.fill_disclaimer` fills them.
"""

from __future__ import annotations

from .rules import CATEGORY_ORDER, Rule

__all__ = [
    "CATEGORY_ORDER",
    "CATEGORY_LABELS",
    "DEFAULT_RULES",
    "DEFAULT_DISCLAIMERS",
    "EDITOR_MESSAGES",
    "DEFAULT_SUBJECTS",
    "DEFAULT_NEGATIONS",
    "DEFAULT_FIRST_PERSON",
    "DEFAULT_SECOND_PERSON",
    "DEFAULT_ATTRIBUTION",
    "DEFAULT_CONDITIONS",
]

CATEGORY_LABELS: dict[str, str] = {
    "cure": "Cure or absolute promise",
    "urgency": "Urgency or discouraging medical care",
    "testimonial": "Testimonial",
    "nonhuman_study": "Animal or laboratory study",
    "study_result": "Study result",
    "authority": "Authority or endorsement",
    "disease": "Disease claim",
    "safety": "Safety claim",
    "structure_function": "Body function claim",
}

# --- lexicons (regex sources for negations/conditions; phrases for the others) -----------------

DEFAULT_SUBJECTS: tuple[str, ...] = (
    "red light", "red lights", "near infrared", "near infrared light", "infrared", "NIR", "light", "lights",
    "light therapy", "light energy", "light technology", "light sessions", "light session", "light panel",
    "photobiomodulation", "PBM", "LED", "LEDs", "LED therapy", "low level laser", "LLLT", "laser therapy",
    "laser", "lasers", "MIRE", "photo energy", "wavelength", "wavelengths", "ClinicRed", "Clinic Red",
    "ClinicRed Mobile", "the panel", "this panel", "our panel", "our panels", "the wand", "this wand",
    "mobile wand", "this device", "our device", "our devices", "the device", "this light", "our light",
    "the mobile", "red and infrared", "red and near infrared", "660 nm", "850 nm", "nm light",
)
"""Words that make a sentence about light therapy or the store's devices (see guideline 0.1)."""

DEFAULT_NEGATIONS: tuple[str, ...] = (
    r"(?:has|have|had|was|were|is|are)\s+not\s+(?:yet\s+)?been\s+(?:shown|proven|proved|demonstrated|established|evaluated|tested|approved|cleared)",
    r"not\s+(?:yet\s+)?been\s+(?:shown|proven|proved|demonstrated|established|evaluated)",
    r"not\s+(?:an?\s+)?(?:proven|established|approved|recogni[sz]ed|recommended)",
    r"not\s+(?:an?\s+)?(?:substitute|replacement|cure|treatment)",
    r"not\s+intended\s+to",
    r"no\s+(?:\w+\s+)?evidence",
    r"(?:found|find|finds|showed|shows|show|reported|saw|see|noticed|felt|had)\s+no\s+(?:\w+\s+)?(?:difference|benefit|effect|improvement|change|relief)",
    r"no\s+(?:significant\s+|real\s+|clear\s+|measurable\s+|noticeable\s+)?(?:difference|benefit|improvement|change|relief)",
    r"(?:did|does|do)\s+not\s+(?:\w+\s+)?(?:improve|help|reduce|work|change|show|find|outperform|differ|cure|treat|heal|replace|prevent|reverse|relieve|ease|use|give|make)",
    r"(?:didn't|doesn't|don't)\s+(?:\w+\s+)?(?:improve|help|reduce|work|change|show|find|outperform|differ|cure|treat|heal|replace|prevent|reverse|relieve|ease|use|give|make)",
    r"(?:cannot|can't|can\s+not)\s+(?:cure|treat|heal|replace|diagnose|reverse|prevent|guarantee)",
    r"(?:haven't|have\s+not|hasn't|has\s+not)\s+(?:\w+\s+)?(?:noticed|seen|felt|helped|changed|improved|worked)",
    r"not\s+(?:yet\s+)?(?:noticed|seen|felt)",
    r"results\s+(?:may\s+|will\s+|can\s+|do\s+)?vary",
    r"(?:evidence|research|studies|data|trials)\s+(?:\w+\s+){0,3}(?:insufficient|inconclusive|limited|mixed|weak|lacking)",
    r"insufficient\s+evidence|poor\s+quality|sham\s+treatment",
)
"""Regex sources. A sentence with one of these (absent or negative evidence, disclaimers, "no change")
is not a claim (guideline 0.2)."""

DEFAULT_FIRST_PERSON: tuple[str, ...] = ("I", "I'm", "I've", "I'd", "I'll", "me", "my", "myself", "mine")
DEFAULT_SECOND_PERSON: tuple[str, ...] = ("you", "your", "yourself", "you're", "you've")
DEFAULT_ATTRIBUTION: tuple[str, ...] = (
    "says", "said", "writes", "wrote", "told us", "tells us", "explains", "according to", "reports", "one customer",
    "one reader", "a customer", "customer",
)

_DISEASES = (
    r"neuropath\w*|(?:osteo|rheumatoid\s+)?arthritis|arthritic|rheumatoid|fibromyalgia|diabet\w*|acne|psoriasis|eczema|rosacea"
    r"|depression|seasonal\s+affective\s+disorder|hypertension|high\s+blood\s+pressure|alopecia|hair\s+loss"
    r"|macular\s+degeneration|plantar\s+fasciitis|tend[io]nitis|tendinopathy|bursitis|sciatica|carpal\s+tunnel"
    r"|chronic\s+(?:\w+\s+){0,2}pain|migraines?|cold\s+sores?|herpes|ulcers?|dementia|alzheimer\w*|parkinson\w*"
    r"|long\s+covid|cancer|tinnitus|insomnia|anxiety|lymph[o]?edema|gout|lupus|multiple\s+sclerosis|tennis\s+elbow"
    r"|frozen\s+shoulder|damaged\s+nerves?|nerve\s+damage|numbness|tingling|numb\s+(?:feet|hands|toes|legs)"
    r"|(?:feet|hands|toes|legs)\s+(?:go|goes|going|are|get)\s+numb|burning\s+feet|diabetic\s+(?:wounds?|ulcers?)"
    r"|(?:\w+\s+)?disease|(?:\w+\s+)?disorders?|osteoporosis|glaucoma|asthma|obesity|infections?"
)
DEFAULT_CONDITIONS: tuple[str, ...] = (_DISEASES,)
"""Regex sources naming diseases/disorders; used to fill ``{condition}`` in disclaimer texts."""

# --- helper fragments for the default rule patterns ---------------------------------------------------

_W = r"(?:[\w'%-]+\s+)"  # one word and its trailing space
_DRUGS = (
    r"(?:medications?|medicines?|meds|pills|painkillers?|pain\s+killers?|drugs|surgery|surgeon|doctors?|GP|physio\w*"
    r"|anti-?inflammator\w*|insulin|injections?|prescriptions?|ibuprofen|paracetamol|aspirin|opioids?|steroids?|treatment)"
)
_BODY_EFFECT_OBJECTS = (
    r"(?:circulation|blood\s+flow|blood\s+supply|healing|recovery|repair|regeneration|ATP|collagen|elastin|mitochondri\w*"
    r"|nitric\s+oxide|antioxidant\w*|anti-oxidant\w*|energy|sleep|mood|focus|hair\s+(?:re)?growth|cell\w*\s+(?:energy|function|renewal|growth)"
    r"|skin\s+(?:tone|repair|health|elasticity|texture)|skin|muscles?|muscle\s+recovery|performance|metabolism|testosterone|hormones?"
    r"|immun\w*|tissue\s+growth|tissue|wound\s+healing|vasodilation|function|oxygen\w*|nutrients|nerve\s+growth|nerve\s+regeneration"
    r"|endorphins?|serotonin|melatonin|lymphatic\s+\w+|detox\w*|fat\s+loss|weight\s+loss|wellbeing|well-being|complexion|balance|sensation)"
)
_SYMPTOMS = (
    r"(?:pain|aches?|aching|soreness|stiffness|swelling|inflammation|tension|cramps?|spasms?|redness|wrinkles|fine\s+lines"
    r"|fatigue|puffiness|bruis\w*|scars?|joint\s+pain|muscle\s+pain|back\s+pain|neck\s+pain|knee\s+pain|recovery\s+time|tired\w*\s+muscles)"
)
_BETTER = (
    r"(?:better|gone|eased|easier|improved|reduced|less|down|disappeared|vanished|subsided|lessened|lifted|clearer|smoother"
    r"|firmer|brighter|faster|younger|great|healthier|deeper|stronger|calmer|happier|fantastic|amazing|way\s+better|improving)"
)

DEFAULT_RULES: tuple[Rule, ...] = (
    # 1. cure ---------------------------------------------------------------------------------------------
    Rule(
        id="cure-wording",
        category="cure",
        phrases=("cure", "cures", "cured", "curing", "curative", "miracle", "miraculous", "wipe out", "wipes out",
                 "wiped out", "get rid of", "gets rid of", "got rid of", "for good", "forever", "gone for good",
                 "back to normal", "once and for all", "permanent cure", "permanent relief", "permanent results",
                 "permanently"),
        patterns=(
            r"revers(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?(?:" + _DISEASES + r"|damage|aging|ageing|the\s+\w+)",
            r"eliminat(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?(?:" + _DISEASES + r"|pain|aches?|inflammation|symptoms?)",
            r"(?:restor|re-?establish)\w*\s+(?:\w+\s+){0,4}?(?:to\s+)?(?:full|normal|nerve|complete)\s*(?:health|function|sensation|\w+)?",
            r"regenerat\w*\s+(?:\w+\s+){0,3}?back",
            r"heal(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:" + _DISEASES + r")",
            r"guarantee[sd]?\s+(?:\w+\s+){0,2}?(?:results?|relief|to\b|cure|success|improvement|effects?|outcomes?)",
            r"100\s*(?:%|percent)(?!\s*(?:safe|natural|drug|harmless|risk|secure|money|refund|satisfaction|of\b))",
            r"completely\s+(?:heal\w*|cur\w*|gone|eliminat\w*|revers\w*|fix\w*|restor\w*|free\s+of|pain-?free|resolv\w*)",
            r"ends?\s+(?:\w+\s+){0,2}?(?:pain|suffering|" + _DISEASES + r")",
        ),
        severity="forbidden",
        disclaimer="cure",
    ),
    # 2. urgency ------------------------------------------------------------------------------------------
    Rule(
        id="urgency-act-now",
        category="urgency",
        phrases=("don't wait", "do not wait", "don't delay", "do not delay", "every day you wait", "why wait",
                 "why suffer", "before it's too late", "before it is too late", "before it gets worse",
                 "no time to lose", "wait any longer"),
        patterns=(
            r"before\s+(?:it|your\s+\w+|the\s+\w+|things|they)\s+(?:\w+\s+){0,4}?(?:gets?|becomes?|is|are|turns?)\s+(?:worse|permanent|irreversible|too\s+late)",
            r"(?:start|begin|try|get)\w*\s+(?:\w+\s+){0,5}?(?:today|now|right\s+away|immediately|straight\s+away)",
        ),
        severity="forbidden",
        disclaimer="urgency",
    ),
    Rule(
        id="urgency-avoid-care",
        category="urgency",
        phrases=("instead of seeing a doctor", "no need for surgery", "no need for pills", "no more pills"),
        patterns=(
            r"(?:stop|stops|stopped|skip|skips|quit|ditch|replace|replaces|cancel|forget|drop|throw\s+away|come\s+off|get\s+off|ditch)\w*\s+(?:\w+\s+){0,3}?" + _DRUGS,
            r"why\s+(?:keep|still|continue|bother)\w*\s+(?:\w+\s+){0,3}?" + _DRUGS,
            r"(?:don't|do\s+not|won't|no\s+longer|never)\s+(?:\w+\s+)?need\s+(?:\w+\s+){0,2}?" + _DRUGS,
        ),
        severity="forbidden",
        disclaimer="urgency",
    ),
    # 3. testimonial --------------------------------------------------------------------------------------
    Rule(
        id="testimonial-first-person",
        category="testimonial",
        phrases=("changed my life", "helped me", "helped my", "worked for me", "works for me", "saved me",
                 "saved my", "fixed my", "I feel better", "I felt better", "I feel great", "I can walk",
                 "I can sleep", "I no longer"),
        patterns=(
            r"(?:I|I've|I\s+have|I'm)\s+(?:\w+\s+){0,2}?(?:sleep|slept|sleeping|feel|felt|feeling|recover\w*|move|walk\w*)\s+(?:\w+\s+){0,2}?" + _BETTER,
            r"(?:I|I've|I\s+have)\s+(?:\w+\s+)?(?:more|less|no\s+more)\s+(?:energy|pain|aches|stiffness|swelling)",
        ),
        severity="disclaim",
        disclaimer="testimonial",
    ),
    # 4. nonhuman_study -----------------------------------------------------------------------------------
    Rule(
        id="nonhuman-study",
        category="nonhuman_study",
        phrases=("in rats", "in mice", "rats", "mice", "mouse", "rabbits", "rodents", "animal study", "animal studies",
                 "animal research", "animal model", "animal models", "animal experiments", "in animals", "in vitro",
                 "test tube", "test-tube", "petri dish", "cell culture", "cell cultures", "cultured cells",
                 "lab study", "lab studies", "laboratory study", "laboratory studies", "laboratory experiments",
                 "lab experiments", "lab tests", "lab research", "in the lab", "in the laboratory", "treated cells",
                 "tissue samples", "tissue sample", "fibroblasts", "on a chemical level", "neurotrophic factor",
                 "neurotrophic factors", "severed nerve", "crushed nerves", "hair follicle cells", "sciatic nerve"),
        severity="needs-citation",
        disclaimer="nonhuman_study",
    ),
    # 5. study_result -------------------------------------------------------------------------------------
    Rule(
        id="study-result",
        category="study_result",
        phrases=("studies show", "research shows", "clinically proven", "clinically tested", "clinically shown",
                 "clinically validated", "clinically studied", "scientifically proven", "has been shown",
                 "have been shown", "been shown", "been proven", "proven to", "backed by science",
                 "backed by research", "research proves", "statistically significant", "statistically significantly",
                 "scientists found", "researchers found", "randomized trial", "randomised trial",
                 "placebo-controlled", "halved", "doubled", "tripled", "meta-analysis"),
        patterns=(
            r"(?:study|studies|trial|trials|research|data|survey|experiments?|scientists|researchers|review|investigation|participants)\s+(?:\w+\s+){0,3}?(?:show\w*|found|finds?|prove[sdn]?|demonstrat\w*|confirm\w*|suggest\w*|report\w*|reveal\w*|support\w*|indicat\w*|saw|had)",
            r"\d[\d,]*\s+(?:\w+\s+)?(?:studies|trials|papers|clinical\s+trials)",
            r"\d+(?:[.,]\d+)?\s*(?:%|percent|per\s+cent)(?!\s*(?:off|discount|cheaper|vat|deposit|of\s+(?:every|each|all|the\s+price|your\s+order)))",
            r"\d+\s+(?:out\s+)?(?:of|in)\s+\d+\s+(?:\w+\s+)?(?:users|people|patients|participants|customers|subjects|women|men|adults)",
            r"p\s*[<=]\s*0?\.\d+",
            r"(?:reduced|decreased|increased|fell|dropped|rose|improved|went)\s+(?:from|to|by)\s+\d",
            r"compared\s+(?:to|with)\s+\d",
            r"\d+(?:\.\d+)?\s+(?:to|from)\s+\d+(?:\.\d+)?\s+(?:sites|points)",
        ),
        severity="needs-citation",
        disclaimer="study_result",
    ),
    # 6. authority ----------------------------------------------------------------------------------------
    Rule(
        id="authority-fda-approved",
        category="authority",
        phrases=("FDA approved", "FDA approval", "approved by the FDA"),
        severity="forbidden",
        disclaimer="authority",
    ),
    Rule(
        id="authority-status",
        category="authority",
        phrases=("FDA cleared", "FDA clearance", "cleared by the FDA", "FDA registered", "registered with the FDA",
                 "FDA listed", "510(k)", "510k", "Class II medical device", "Class 2 medical device", "medical device",
                 "CE marked", "CE mark", "UKCA", "medical grade", "hospital grade", "clinical grade",
                 "doctor recommended", "doctor-designed", "physician recommended", "NASA", "endorsed by",
                 "approved by", "recommended by", "sports teams", "professional athletes", "used in clinics",
                 "you get in clinics", "used by clinics", "used in hospitals"),
        patterns=(
            r"(?:doctors?|physicians?|dermatologists?|physiotherapists?|physical\s+therapists?|chiropractors?|experts|clinicians|nurses)\s+(?:\w+\s+)?(?:recommend\w*|trust|use|endorse\w*|approve\w*)",
            r"(?:designed|developed|created|formulated)\s+by\s+(?:\w+\s+)?(?:doctors|physicians|dermatologists|physiotherapists|physical\s+therapists|chiropractors|experts|clinicians|scientists)",
            r"used\s+by\s+(?:\w+\s+){0,3}?(?:clinics|hospitals|teams|athletes|doctors|physiotherapists|professionals|NASA)",
        ),
        severity="needs-citation",
        disclaimer="authority",
    ),
    # 7. disease ------------------------------------------------------------------------------------------
    Rule(
        id="disease-named",
        category="disease",
        phrases=("damaged nerves", "damaged nerve", "nerve damage", "numb at night", "feet go numb", "numb feet",
                 "burning feet", "diabetic wounds", "diabetic ulcers"),
        patterns=(
            r"(?:treat|manag|reliev|eas|help|prevent|slow|address|calm|lower|fight|improv|combat|tackl|sooth|reduc|support|target|alleviat|benefit|aid|heal|control|stop)\w*\b[^.!?\n]{0,60}?(?<!\w)(?:" + _DISEASES + r")",
            r"(?:for|with|against)\s+(?:\w+\s+){0,3}?(?:" + _DISEASES + r")\s+(?:relief|pain|symptoms|flare-?ups|sufferers|patients)",
            r"(?:people|those|patients|sufferers|anyone)\s+(?:\w+\s+){0,2}?(?:with|suffering\s+from|living\s+with)\s+(?:\w+\s+)?(?:" + _DISEASES + r")",
            r"(?:other|your|existing|arthritis|diabetes|pain)\s+(?:\w+\s+){0,2}?(?:therapies|therapy|treatments?|medications?|medicines?)\s+work\s+better",
        ),
        severity="needs-citation",
        disclaimer="disease",
    ),
    # 8. safety -------------------------------------------------------------------------------------------
    Rule(
        id="safety-absolute",
        category="safety",
        phrases=("no side effects", "no side-effects", "without side effects", "without any side effects",
                 "zero side effects", "100% safe", "100 % safe", "completely safe", "totally safe", "perfectly safe",
                 "absolutely safe", "entirely safe", "completely harmless", "totally harmless", "zero risk",
                 "no risk", "no risks", "risk free", "can't overdo", "cannot overdo", "can't overdose",
                 "impossible to overdo"),
        severity="forbidden",
        disclaimer="safety",
    ),
    Rule(
        id="safety",
        category="safety",
        phrases=("safe", "safest", "safer", "harmless", "gentle", "non-invasive", "noninvasive", "non-toxic",
                 "drug-free", "drug free", "medication-free", "chemical-free", "no downtime", "won't burn",
                 "will not burn", "side effect free", "no harmful"),
        patterns=(
            r"natural\s+(?:\w+\s+)?(?:alternative|way|remedy|solution|treatment|option|therapy|pain\s+relief|approach)",
        ),
        severity="disclaim",
        disclaimer="safety",
    ),
    # 9. structure_function -------------------------------------------------------------------------------
    Rule(
        id="sf-mechanism",
        category="structure_function",
        phrases=("ATP production", "absorbed by mitochondria", "taken up by mitochondria", "nitric oxide",
                 "widens blood vessels", "vasodilation", "anti-inflammatory", "collagen production"),
        patterns=(
            r"(?:ATP|collagen|elastin|nitric\s+oxide|circulation|blood\s+flow|energy\s+production)\s+(?:\w+\s+){0,2}?(?:production\s+)?(?:increases?|rises?|improves?|goes\s+up|is\s+boosted)",
        ),
        severity="needs-citation",
        disclaimer="structure_function",
    ),
    Rule(
        id="sf-body-function",
        category="structure_function",
        phrases=("pain relief", "relieves pain", "relieve pain", "see results", "see real results", "fights aging",
                 "anti-aging", "anti-ageing", "speed up healing", "speeds up healing", "wellness benefits",
                 "health benefits", "the benefits of"),
        patterns=(
            r"(?:boost|increas|improv|enhanc|stimulat|promot|support|speed|accelerat|rais|widen|aid|help|encourag|restor|strengthen|optimi[sz]|balanc|regulat|provid|deliver|bring|brought|rejuvenat|revitali[sz]|energi[sz]|firm|tighten|tone)\w*\s+(?:[\w'-]+\s+){0,4}?" + _BODY_EFFECT_OBJECTS + r"\b",
            r"(?:reliev|reduc|eas|sooth|calm|decreas|lower|fight|target|soften|fade|diminish|minimi[sz]|relax|loosen|heal)\w*\s+(?:[\w'-]+\s+){0,4}?" + _SYMPTOMS,
            r"(?:relief|recovery)\s+(?:from|of|for)\s+(?:\w+\s+){0,3}?" + _SYMPTOMS,
            r"(?:help|helps|helped|helping)\s+(?:with\s+)?(?:\w+\s+){0,2}?" + _SYMPTOMS,
            _SYMPTOMS + r"\s+(?:[\w'-]+\s+){0,4}?(?:has|have|had|is|are|was|were|went|got|goes|feels?|looks?)?\s*(?:\w+\s+)?" + _BETTER,
            r"(?:hurts?|aches?|burns?|tingles?|throbs?)\s+less",
            r"less\s+(?:stiff|sore|pain\w*|swollen|achy|tired|inflamed|puffy)",
            r"more\s+(?:energy|energetic|focus\w*|restful|alert)",
            r"(?:sleep|slept|sleeping)\s+(?:\w+\s+){0,2}?(?:better|deeper|longer|through)",
            r"(?:sleep|skin|mood|energy|focus|recovery|circulation|complexion|joints?|muscles?|back|knees?)\s+(?:\w+\s+){0,4}?(?:is|are|was|has|have|looks?|feels?|got|gets|seems?)\s+(?:\w+\s+)?" + _BETTER,
            r"(?:clearer|smoother|firmer|younger|healthier|glowing|radiant|better)[\s-]+(?:looking\s+)?skin",
            r"(?:stopped|stop)\s+(?:burning|hurting|aching|tingling|throbbing)",
            r"(?:don't|doesn't|no\s+longer)\s+(?:ache|hurt|burn|tingle|throb)\w*",
            r"penetrat\w*\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:relieve|heal|repair|reach\s+muscles)",
        ),
        severity="disclaim",
        disclaimer="structure_function",
    ),
)
"""The default rules. Order within a category decides which rule's disclaimer key a claim uses."""

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
        "One customer's experience. We have no evidence that most buyers get this result, and reviews are not "
        "evidence that a device treats any condition."
    ),
    "nonhuman_study": (
        "This finding comes from {study_kind} research ({citation}). It has not been shown to happen in people, "
        "and it is not evidence that our devices help {condition}."
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
        "and mixed. Our devices are not cleared or approved to diagnose, treat, cure or prevent {condition} or "
        "any disease. Keep following your clinician's treatment plan."
    ),
    "safety": (
        "Light and heat devices carry risks: burns (higher where skin sensation is reduced, as in neuropathy), eye "
        "injury from bright red and invisible near-infrared light, and reactions with light-sensitising medicines. "
        "Read the safety instructions; ask your doctor first if you are pregnant, have numb skin or take "
        "photosensitising drugs."
    ),
    "structure_function": (
        "This describes effects reported in research on red and near-infrared light; individual results vary and "
        "the evidence is still developing. It is general information, not medical advice, and not a claim that our "
        "devices treat any condition."
    ),
}
"""Shopper-facing disclaimer texts by key (compliance.md section 2.1, "Disclaimer shown next to the claim")."""

DISCLAIMER_PLACEHOLDER_DEFAULTS: dict[str, str] = {
    "condition": "any condition",
    "citation": "see the cited source",
    "study_kind": "animal or laboratory",
    "protocol": "a specific device and protocol",
    "population": "a specific group of people",
    "cleared_indication": "a specific, limited use",
}

EDITOR_MESSAGES: dict[str, str] = {
    "cure": (
        "'Cure', 'reverse', 'restore' and guarantee wording is not allowed: no light device has been shown to cure "
        "or reverse {condition}. Say what a named study measured instead."
    ),
    "urgency": "Health urgency and advice to avoid medical care are not allowed. Remove the call to act.",
}
"""Editor-facing texts for the forbidden categories (compliance.md section 2.1)."""
