"""Default rules and disclaimer texts, transcribed from shared/compliance.md (sections 0 and 2).

Plain data: a data migration copies them into the database, where editors can change them.
"""

from __future__ import annotations

from .rules import Rule

DEFAULT_DISCLAIMERS: dict[str, str] = {
    "cure": (
        "No light-therapy device has been shown to cure or reverse {condition|any disease}. "
        "This is not medical advice; keep following your clinician's treatment plan."
    ),
    "urgency": (
        "Please don't delay, stop or replace medical care because of anything on this page. "
        "New or worsening numbness, pain or foot sores need a doctor."
    ),
    "testimonial": (
        "One customer's experience. We have no evidence that most buyers get this result, and reviews "
        "are not evidence that a device treats any condition."
    ),
    "nonhuman_study": (
        "This finding comes from animal or laboratory research ({citation|no reference is given}). It has not "
        "been shown to happen in people, and it is not evidence that our devices help {condition|any condition}."
    ),
    "study_result": (
        "Result from one study ({citation|see the references for its design and size}). It used a specific "
        "device and protocol in a specific group of people; your results may differ."
    ),
    "authority": (
        "FDA clearance (510(k)) means FDA found a device substantially equivalent to one already sold for "
        "its cleared use. It is not FDA approval and does not cover other uses such as {condition|treating a disease}."
    ),
    "disease": (
        "Red and near-infrared light is not an established treatment for {condition|this condition}; the "
        "research is limited and mixed. Our devices are not cleared or approved to diagnose, treat, cure or "
        "prevent {condition|it} or any other disease. Keep following your clinician's treatment plan."
    ),
    "safety": (
        "Light and heat devices carry risks: burns (higher where skin sensation is reduced, as in "
        "neuropathy), eye injury from bright red and invisible near-infrared light, and reactions with "
        "light-sensitising medicines. Read the safety instructions; ask your doctor first if you are "
        "pregnant, have numb skin or take photosensitising drugs."
    ),
    "structure_function": (
        "This describes effects reported in research on red and near-infrared light; individual results "
        "vary and the evidence is still developing. It is general information, not medical advice, and not "
        "a claim that our devices treat any condition."
    ),
}

# One line each, shown instead of the full text when the same disclaimer was already shown in full
# earlier in the section; the full text stays one click away. Still the core of the disclaimer.
DEFAULT_SHORT_DISCLAIMERS: dict[str, str] = {
    "cure": "No light device has been shown to cure or reverse {condition|any disease}.",
    "urgency": "Don't delay, stop or replace medical care because of this page.",
    "testimonial": "One customer's experience, not evidence of what most buyers get.",
    "nonhuman_study": "Animal or laboratory finding ({citation|no reference given}), not shown in people.",
    "study_result": "Result from one study ({citation|see the references}); your results may differ.",
    "authority": "FDA clearance is not FDA approval and covers only the cleared use.",
    "disease": "Not an established treatment for {condition|this condition}; keep to your clinician's plan.",
    "safety": "Light and heat devices can burn skin and harm eyes; read the safety instructions.",
    "structure_function": "Effects reported in research; results vary. Not medical advice.",
}

_DISEASES = (
    r"neuropath\w*|arthritis|osteoarthritis|rheumat\w*|diabet\w*|ulcers?|fibromyalgia|acne|psoriasis|eczema"
    r"|rosacea|depressi\w*|seasonal affective disorder|hypertension|high blood pressure|alopecia"
    r"|macular degeneration|plantar fasciitis|tendini?tis|tendonitis|carpal tunnel|sciatica|cancer|dementia"
    r"|alzheimer\w*|parkinson\w*|multiple sclerosis|lupus|gout|migraines?|insomnia|herpes|cold sores|shingles|nerve pain"
    r"|damaged nerves|nerve damage|chronic (?:\w+ ){0,2}pain|disease|disorder"
)

DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        id="cure-words",
        category="cure",
        phrases=(
            "cure", "cures", "cured", "curing", "reverse", "reverses", "reversed", "reversing",
            "eliminate", "eliminates", "eliminated", "wipe out", "wipes out", "get rid of", "gets rid of", "got rid of",
            "permanently fix", "permanently fixes", "fixes for good", "for good", "forever", "miracle",
            "restore full function", "restores full function", "restore function", "restores function",
            "reestablish nerve function", "re-establish nerve function", "say goodbye to",
        ),
        patterns=(
            r"regenerat\w*\s+(?:\w+\s+){0,3}back to normal",
            r"\brestor\w*\s+(?:\w+\s+){0,4}(?:to\s+)?full\s+(?:health|function|sensation|strength|mobility)",
            r"(?:completely|totally|permanently)\s+(?:gone|healed|cured|fixed|eliminated|disappeared|pain[- ]free)",
            r"\bguarantee[sd]?\b|\bguaranteed\b",
            r"\bnever\s+(?:\w+\s+){0,6}again\b|\bonce\s+and\s+for\s+all\b|\bfor\s+life\b|\ba\s+thing\s+of\s+the\s+past\b",
            r"\bnot\s+a\s+single\s+(?:unwanted\s+|bad\s+|negative\s+|side\s+)?(?:effect|side\s+effect|reaction)\b|\bturn\s+back\s+the\s+clock\b",
            r"\bkiss\s+(?:\w+\s+){0,4}(?:goodbye|good-bye)\b|\bbid\s+(?:\w+\s+){0,3}farewell\b|\bbanish(?:es|ed)?\b|\bbe\s+done\s+with\b",
            r"\b(?:pain|ache|aches|symptom|symptoms)[\s\-]+free\s+for\s+good\b|\bno\s+more\s+(?:\w+\s+){0,3}ever\b",
            r"\bpermanent(?:ly)?[\s\-]+(?:\w+[\s\-]+)?(?:relie\w*|results?|fix\w*|solution|cure\w*|clear\w*|gone|heal\w*|end\w*|repair\w*|restor\w*|eliminat\w*|remov\w*|reduc\w*|improv\w*|change\w*)",
            r"\b100\s?%\s+(?:effective|results|relief|cure)",
            r"\bheal(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:" + _DISEASES + r")",
            r"\b(?:pain|aches?|numbness)\s+(?:\w+\s+){0,2}(?:will be|is|are)\s+gone\b",
            r"\brestor\w*\s+(?:\w+\s+){0,2}(?:nerve|normal|full)\s+(?:\w+\s+)?(?:function|sensation|feeling)\b",
            r"\bgood\s+as\s+new\b|\b(?:feel|feels|be|work|works|look|looks)\s+(?:\w+\s+){0,2}(?:like|as)\s+(?:they|it|you|he|she|i|we)\s+(?:did|were|was|used\s+to|felt)\s+before\b",
            r"\bpromise[sd]?\b.{0,40}?\b(?:pain[\s\-]*free|relief|results|cured?|healed|recovery)\b",
        ),
        severity="forbidden",
        disclaimer="cure",
    ),
    Rule(
        id="urgency-act-now",
        category="urgency",
        phrases=(
            "don't wait", "do not wait", "don't delay", "do not delay", "act now", "before it's too late",
            "every day you wait", "why wait", "before the damage becomes permanent", "before the damage is permanent",
            "before your nerves get worse", "don't need a doctor", "do not need a doctor", "without seeing a doctor",
            "skip the surgery", "skip surgery", "instead of surgery", "why keep taking", "don't put off", "do not put off",
            "doctor-free", "doctor free", "no doctor needed", "no doctor required", "skip the doctor", "without a doctor",
            "cancel your appointment", "cancel the appointment", "skip the GP", "skip the physio", "skip the dermatologist",
            "throw away your pills", "bin your pills", "ditch your meds", "ditch the meds", "no need for a doctor",
            "no need for surgery", "no need for pills", "no need for painkillers",
        ),
        patterns=(
            r"\b(?:stop|quit|skip|ditch|replace|throw\s+away|avoid)\s+(?:taking\s+)?(?:your\s+|the\s+|their\s+|his\s+|her\s+)?(?:\w+\s+){0,2}(?:medications?|medicines?|meds|pills|painkillers|drugs|insulin|treatment|anti-?inflammator\w*|prescriptions?|injections?|shots|surgery|operations?)\b",
            r"\bwhy\s+(?:see|visit|pay)\s+(?:a|an|your)\s+\w+\s+when\b",
            r"\b(?:will\s+not|won't|do\s+not|don't|no)\s+need\s+(?:to\s+see\s+|for\s+)?(?:a\s+|an\s+|your\s+)?(?:\w+\s+)?(?:doctor|surgery|surgeon|dermatologist|physiotherapist|physio|medication|pills|painkillers|injections?)\b",
            r"\b(?:pills|medication|medicines|painkillers)\b.{0,60}\b(?:skip|ditch|drop)\s+(?:them|it)\b",
            r"\bbefore\s+(?:your|the)\s+(?:condition|symptoms?|pain|neuropathy|damage)\s+(?:gets?|becomes?|is)\s+(?:worse|permanent)",
            r"\b(?:buy|order|get|start)\s+(?:\w+\s+){0,4}(?:today|now)\b.{0,60}\b(?:before|worse|damage)\b",
            r"\b(?:start|try)\s+(?:\w+\s+){0,4}(?:today|now)\b",
            r"\bno\s+(?:more\s+|longer\s+)?(?:\w+\s+)?(?:medications?|medicines?|meds|pills|painkillers|drugs|prescriptions?|surgery|doctors?|appointments?|injections?)\s+(?:needed|required|necessary)\b",
            r"\b(?:users|customers|people|patients|clients|buyers|many|most|they)\b.{0,30}?\b(?:stopped|quit|ditched|dropped)\s+(?:taking\s+)?(?:\w+\s+){0,2}(?:medications?|medicines?|meds|pills|painkillers|drugs|insulin|prescriptions?)\b",
            r"\bcancel\s+(?:that|the|your|this|any)\s+(?:\w+\s+){0,2}(?:appointment|surgery|operation|consultation)\b",
            r"\bevery\s+(?:day|week|month)\s+(?:you\s+)?(?:wait|delay|hold\s+off|put\s+(?:it\s+)?off)\b",
        ),
        severity="forbidden",
        disclaimer="urgency",
    ),
    Rule(
        id="testimonial-first-person",
        category="testimonial",
        patterns=(
            r"\b(?:pain|aches?|sore|soreness|stiff|stiffness|swelling|swollen|sleep|slept|energy|skin|numb|numbness|tingl\w*|recover\w*|mood|knee|back|shoulder|wrist|feet|foot|hands?|joints?|ankle|neck|hip|elbow|hurts?|legs?|arms?|migraines?|headaches?|plantar|sleeping|asleep|energetic|flare\w*|arthritis|neuropathy|psoriasis|acne|eczema)\b",
        ),
        severity="disclaim",
        disclaimer="testimonial",
        first_person=True,
        needs_subject=False,
    ),
    Rule(
        id="nonhuman-study",
        category="nonhuman_study",
        phrases=(
            "in rats", "in mice", "in dogs", "on rats", "in rabbits", "in animals", "animal research",
            "animal study", "animal studies", "in vitro", "cell culture", "cell cultures", "cultured cells",
            "cultured skin cells", "test-tube", "test tube", "laboratory studies", "laboratory study",
            "lab studies", "lab study", "lab work", "cell studies", "tested on a chemical level", "petri dish",
            "study on rats", "studies in rabbits", "pig skin", "mice", "rats", "rodents", "laboratory experiments",
            "lab experiments", "tissue samples", "cell lines", "in animal models", "animal models", "in a dish",
            "fibroblast", "fibroblasts", "fibroblast cultures", "rabbit", "horses", "research on horses", "muscle tissue",
        ),
        severity="needs-citation",
        disclaimer="nonhuman_study",
    ),
    Rule(
        id="study-statistic",
        category="study_result",
        patterns=(
            r"\d+(?:\.\d+)?\s?%(?!\s*(?:off|safe|discount|of\s+(?:the\s+)?(?:light|red|blue|near|infrared|uv|our\s+sales|sales)))",
            r"\b\d+\s+percent\b(?!\s+off)",
            r"\b\d+\s+in\s+\d+\b",
            r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:out\s+of|in)\s+(?:ten|\d+)\s+(?:testers|users|people|patients|participants|customers|women|men|adults)\b",
            r"\b\d+\s+out\s+of\s+\d+\s+(?:people|patients|users|participants|customers said|adults)\b",
            r"\bp\s?[<=]\s?0?\.\d+",
            r"\b(?:reduced|reduction|improved|improvement|increased|increase|decreased|decrease|fell|dropped|rose|went)\s+(?:\w+\s+){0,2}(?:by|from)\s+\d",
        ),
        severity="needs-citation",
        disclaimer="study_result",
    ),
    Rule(
        id="study-wording",
        category="study_result",
        phrases=(
            "studies show", "study showed", "study shows", "research shows", "research proves", "research has shown",
            "has been shown", "have been shown", "was shown", "were shown", "clinically proven", "clinically tested",
            "clinical tests", "statistically significant", "statistically significantly",
            "researchers found", "scientists found", "in one trial", "in a trial", "in a survey", "review of",
            "improved significantly", "significantly more", "significantly greater", "large scale study",
            "trial found", "trial showed", "trial shows", "study found", "studies found", "studies support",
            "research supports", "randomized trial", "randomised trial", "controlled trial", "clinical study",
            "placebo group", "control group", "sham group", "than placebo", "than the placebo", "an average of",
            "testers reported", "users reported", "participants reported", "patients reported",
        ),
        severity="needs-citation",
        disclaimer="study_result",
    ),
    Rule(
        id="authority-fda-approved",
        category="authority",
        phrases=(
            "FDA approved", "FDA-approved", "approved by the FDA", "approved by FDA", "FDA approval",
            "approved by the U.S. Food and Drug Administration", "approved by the Food and Drug Administration",
            "Food and Drug Administration approved", "FDA-approved", "FDA has approved", "approved by the US FDA",
        ),
        patterns=(
            r"\b(?:fda|food\s+and\s+drug\s+administration)\b.{0,60}?\b(?:(?:seal|stamp)\s+of\s+approval|blessing)\b"
            r"|\b(?:(?:seal|stamp)\s+of\s+approval|blessing)\b.{0,60}?\b(?:fda|food\s+and\s+drug\s+administration)\b",
        ),
        severity="forbidden",
        disclaimer="authority",
    ),
    Rule(
        id="authority-endorsement",
        category="authority",
        phrases=(
            "FDA cleared", "FDA-cleared", "FDA registered", "FDA-registered", "FDA listed", "510(k)", "class II",
            "CE-marked", "CE marked", "UKCA", "medical-grade", "medical grade", "hospital-grade", "hospital grade",
            "clinical-grade", "clinic-strength", "doctor-recommended", "doctor recommended", "doctor-designed",
            "recommended by doctors", "recommended by physicians", "recommended by physiotherapists",
            "recommended by dermatologists", "used in clinics", "used by clinics", "used by hospitals", "NASA",
            "endorsed by", "used by professional", "used by sports teams", "used by athletes", "designed by physiotherapists",
            "designed by doctors", "dermatologists recommend", "doctors recommend", "physicians recommend",
            "physiotherapists recommend", "recommended by", "trusted by clinics", "trusted by", "CE mark",
            "registered with the FDA", "in pain clinics", "in their clinics", "used in pain clinics",
        ),
        patterns=(
            r"\b(?:dermatologists|doctors|physicians|physiotherapists|chiropractors?|clinics|hospitals)\s+uses?\b",
            r"\b(?:chiropractor|doctor|physio\w*|dermatologist)\s+uses\s+(?:the\s+same|this|a)\b",
        ),
        severity="disclaim",
        disclaimer="authority",
    ),
    Rule(
        id="disease-named",
        category="disease",
        patterns=(
            r"\b(?:" + _DISEASES + r")\b",
            r"\b(?:other|your)\s+(?:therapies|treatments|medicines|medications)\s+work\s+better\b",
            r"\b(?:feet|hands|toes|legs)\s+(?:go|goes|going|are|feel)\s+numb\b",
            r"\bnumb(?:,|\s)+(?:\w+\s+)?(?:feet|hands|toes)\b|\bburning\s+feet\b",
        ),
        severity="disclaim",
        disclaimer="disease",
    ),
    Rule(
        id="safety-absolute",
        category="safety",
        phrases=(
            "no side effects", "no side-effects", "without side effects", "side-effect free", "completely safe",
            "totally safe", "perfectly safe", "absolutely safe", "100% safe", "100 % safe", "risk-free", "risk free",
            "no risks", "no risk", "zero risk", "can't overdo", "cannot overdo", "impossible to overdo", "no known side effects",
            "zero side effects", "zero side-effects", "not a single side effect", "no downside", "no downsides",
            "completely harmless", "totally harmless", "entirely harmless", "absolutely harmless", "can't hurt you",
            "cannot hurt you", "nothing to worry about", "safe for everyone", "free of side effects", "side effect free",
            "zero chance of harm", "no chance of harm", "no risk of harm", "no possibility of harm",
        ),
        patterns=(
            r"\b(?:zero|no)\s+(?:chance|risk|possibility)\b.{0,40}?\b(?:harm\w*|hurt\w*|damag\w*|burn\w*|side[\s\-]+effects?)\b",
        ),
        severity="forbidden",
        disclaimer="safety",
    ),
    Rule(
        id="safety-claim",
        category="safety",
        phrases=(
            "safe", "safely", "safest", "harmless", "gentle", "non-toxic", "drug-free", "medication-free", "chemical-free",
            "non-invasive", "painless",
        ),
        patterns=(
            r"\bnatural\s+(?:and|way|alternative|remedy|treatment|option)\b",
            r"\b(?:does\s+not|doesn't|will\s+not|won't|cannot|can't)\s+(?:damage|harm|hurt|burn)\b",
        ),
        severity="disclaim",
        disclaimer="safety",
    ),
    Rule(
        id="body-function",
        category="structure_function",
        phrases=(
            "pain relief", "relieve pain", "relieves pain", "aches", "minor aches", "soreness", "stiffness",
            "inflammation", "reduce inflammation", "swelling", "circulation", "blood flow", "vasodilation",
            "heal", "heals", "healing", "speed up healing", "recovery", "recover", "repair", "regeneration",
            "regrowth", "nerve growth", "ATP", "adenosine triphosphate", "mitochondria", "nitric oxide", "collagen",
            "antioxidant", "antioxidants", "anti-oxidant", "anti-oxidants", "hormones", "melatonin", "sleep better",
            "more energy", "energy", "mood", "focus", "wrinkles", "fine lines", "smoother skin", "clearer skin",
            "hair growth", "fat loss", "weight loss", "body function", "cellular level", "tissue growth",
            "wound healing", "neurotrophic", "oxygenation", "oxygen and nutrients", "see results", "pain",
            "sensation", "balance", "improves body function", "function and repair", "improve your sleep",
            "better sleep", "stiff muscles", "tired muscles", "sore muscles", "muscle recovery", "skin elasticity",
            "soothe", "soothes", "stiff", "sleep more deeply", "unwind", "thinning hair", "thicken", "bounce back", "strain",
        ),
        severity="disclaim",
        disclaimer="structure_function",
    ),
)

# What makes a passage "about" light therapy or our devices (the labelling guideline's subject).
SUBJECT_PATTERN = (
    r"\b(?:red|infrared|near[- ]?infrared|nir|led|leds|light|lights|photobiomodulation|pbm|laser|lasers|mire"
    r"|panel|panels|wand|device|devices|clinicred\w*|phototherapy|wavelengths?)\b"
)

# Sentences that qualify or deny rather than claim (section 0.2): never marked.
QUALIFIER_PATTERN = (
    r"\b(?:didn'?t\s+do\s+(?:anything|much)|did\s+(?:nothing|not\s+do\s+anything)|does\s*n[o']?t\s+do\s+(?:anything|much)|not\s+sure\s+it\s+(?:does|did)"
    r"|(?:is|are|feels?|looks?|was|were|stayed|stays)\s+(?:exactly\s+|just\s+|still\s+|pretty\s+much\s+)?(?:the\s+same|no\s+different|unchanged)"
    r"|(?:any|no)\s+different|nothing\s+for\s+(?:my|his|her|our|their)|no\s+(?:device|light|study|trial|one|treatment|product)\b[^.]{0,40}\b(?:has|have|is|was)\s+(?:yet\s+)?been\s+(?:shown|proven|proved)"
    r"|(?:not|insufficient|too\s+little|limited)\s+(?:yet\s+)?(?:enough\s+)?(?:good[- ]quality\s+|high[- ]quality\s+)?evidence|(?:don'?t|do\s+not)\s+know\s+yet|(?:early|preliminary)\s+stage"
    r"|(?:results|evidence|findings)\s+(?:so\s+far\s+)?(?:are|is|were|was|remain|remains)\s+(?:mixed|limited|weak|inconclusive|low[- ]quality)|no\s+(?:measurable|meaningful|clear)\s+(?:difference|effect|benefit)"
    r"|not\s+(?:been\s+)?(?:intended|meant|designed)\s+to|ha(?:s|ve)\s+not\s+been\s+(?:shown|proven|proved)|didn'?t\s+help|did\s+not\s+help|doesn'?t\s+help|no\s+(?:good\s+|strong\s+|reliable\s+)?evidence"
    r"|not\s+(?:a\s+)?(?:substitute|replacement|cure|miracle)|not\s+been\s+(?:evaluated|approved|cleared)|is\s+not\s+(?:an\s+established|a\s+treatment|approved|cleared)"
    r"|are\s+not\s+(?:cleared|approved)|does\s+not\s+(?:treat|cure|diagnose)|found\s+no\s+(?:benefit|difference|effect)|no\s+(?:significant\s+)?(?:benefit|difference)"
    r"|did\s+not\s+(?:help|improve|show)|results\s+(?:may\s+)?vary|not\s+medical\s+advice|talk\s+to\s+your\s+doctor|ask\s+your\s+doctor"
    r"|consult\s+(?:your|a)\s+(?:doctor|physician)|no\s+(?:study|studies|trial|trials|research)\s+ha(?:s|ve)\s+shown|too\s+early\s+to\s+(?:say|tell)|(?:has|have)(?:\s+not|n't)\s+done\s+anything|no\s+(?:real\s+|noticeable\s+|big\s+)change|evidence\s+(?:\w+\s+){0,6}is\s+mixed|no\s+change|haven'?t\s+noticed|not\s+noticed)\b"
)

# Instructions and warnings (section 0.2) start like this; they are not claims unless they urge or cure.
INSTRUCTION_PATTERN = (
    r"^\W*(?:do\s+not|don'?t\s+use|never|avoid|keep|wear|stop\s+using|remove|unplug|read|check|clean|charge|hold"
    r"|place|allow|children\s+should|switch|turn)\b"
)

# A testimonial reports a change (section 0.3); a diagnosis or history alone is not one.
EFFECT_PATTERN = (
    r"\b(?:less|more|better|eas\w*|improv\w*|help\w*|gone|milder|reduc\w*|relie\w*|faster|deeper|clearer|smoother"
    r"|calmer|no\s+longer|stopped|disappear\w*|feel\w*|through\s+the\s+night|energetic|recover\w*|heal\w*|went\s+down"
    r"|lower|fewer|loosen\w*|works?|worked|cured|fixed|noticed)\b"
)

# Another treatment named without the device: a reviewer talking about their pills is not our claim.
OTHER_TREATMENT_PATTERN = (
    r"\b(?:ibuprofen|paracetamol|acetaminophen|aspirin|pills?|medication|medicine|physio\w*|surgery|injections?|massage|acupuncture)\b"
)
# The device by name; a bare "it" may mean it too, when the sentence names nothing else (scanner.about_something_else).
NAMED_DEVICE_PATTERN = r"\b(?:panel|light|wand|device|clinicred\w*|sessions?|led|leds|glasses)\b"
DEVICE_PATTERN = r"\bit\b|" + NAMED_DEVICE_PATTERN

FIRST_PERSON_PATTERN = r"(?:\bI\b|\bI'(?:m|ve|d)\b|\b(?:my|me|mine)\b|\bMy\b)"

# The opening of a sentence whose own subject is something other than our devices: a disease, the body,
# a test, another treatment or the people who have or treat a condition (general medical information).
GENERAL_SUBJECT_PATTERN = (
    r"^\W*(?!(?:stop|quit|skip|ditch|replace|treat|heal|ease|relieve|reverse|cure|fix|beat|fight|end|banish|say|kiss|turn"
    r"|try|get|start|use|give|boost|support|soothe|calm|repair|restore|target|tackle|manage|reduce|improve|help|protect"
    r"|prevent|wake|sleep|feel|enjoy|no|zero|less|more|goodbye|forget|ditch|throw|cancel|say|your|you|our|we)\b)"
    r"(?:\w+ly,\s+)?(?:(?:the|a|an|most|many|some|all|few|no|these|those|its|their|this|that|in|for|with|among"
    r"|people|adults|patients|cases|forms|types|kinds|of)\s+){0,4}"
    r"(?:(?!\w+s\b)\w+\s+){0,2}?(?:" + _DISEASES + r"|nerves?|nervous system|skin cells?|cells?|the body|blood sugar|glucose|insulin|metformin"
    r"|gabapentin|pregabalin|ibuprofen|paracetamol|acetaminophen|opioids?|medications?|medicines?|drugs?|surgery|surgeons?"
    r"|exercise|physical therapy|physiotherapy|diet|foot care|podiatrists?|doctors?|physicians?|clinicians?|nurses?|symptoms?"
    r"|diagnosis|tests?|monofilament|nerve conduction|biops\w+|scans?|risk factors?|causes?|vitamin \w+|smoking|alcohol"
    r"|treatment options|the condition|the disease|sufferers|patients with \w+|people with \w+"
    r"|compression \w+|ice|rest|heat packs?|tens(?: machines?| units?)?|acupuncture|massage|stretching|walking|yoga|sunlight"
    r"|supplements?|creams?|ointments?|capsaicin|steroids?|antibiotics?|injections?|vaccines?|placebo|the placebo effect"
    r"|nitric oxide|melatonin|collagen|mitochondria|atp|cortisol|serotonin|hormones?|the immune system|inflammation"
    r"|sleep quality|cold weather|age|ageing|aging|genetics|obesity|stress|guidelines?|regulators?|the fda|insurers?)\b"
    r"(?:\s+\w+){0,3}?\s+(?:is|are|was|were|affects?|affected|causes?|caused|can|may|often|usually|include|includes|involves?"
    r"|relax\w*|produc\w*|keeps?|makes?|sends?|blocks?|plays?|acts?|works?|rises?|falls?|declines?|slows?|speeds?|raises?"
    r"|eases?|relieves?|protects?|supports?|regulates?|controls?|triggers?|carr(?:y|ies)|release[sd]?|called"
    r"|occurs?|develops?|damages?|leads?|results?|starts?|begins?|means|refers?|helps?|lowers?|reduces?|improves?|remains?"
    r"|requires?|needs?|tests?|measures?|checks?|should|must|will|has|have|had|typically|commonly)\b"
)
