"""The seed article "Red Light therapy for peripheral neuropathy?", as received and as an editor fixed it.

`BODY_SEED` is the seed document's text word for word (only runs of spaces are collapsed), in blocks:
the loader saves it as the article's first revision. `COMPLIANCE_EDITS` are the changes an editor
makes before publishing, each as small as it can be: forbidden wording rephrased (compliance.md 2.1)
and each statistic, study result or disease claim given the marker of the seed's own reference it
comes from (compliance.md 2.2, 4.2). `BODY` is `BODY_SEED` with those edits: the published revision.
Nothing else differs, so Wagtail's "Compare" between the two revisions shows exactly these edits.
Paragraphs are plain text (escaped by the loader); [n] are citation markers.
"""

from typing import NamedTuple

TITLE = "Red Light therapy for peripheral neuropathy?"
SLUG = "red-light-therapy-for-peripheral-neuropathy"
INTRO_SEED = "Painful peripheral neuropathy - managing nerve issues with red and infrared light."
# The standfirst shows no disclaimer and cites nothing, yet says light manages a disease (compliance.md 2.2):
# the compliance edit makes it say what the article does.
INTRO = "Painful peripheral neuropathy - what studies of red and infrared light have and have not shown."
AUTHOR = "ClinicRed editorial team"
SEARCH_DESCRIPTION = "What peripheral neuropathy is, how it is usually treated, and what studies of red and infrared light have and have not shown, with six references."
DATE_PUBLISHED = "2021-08-01"

BODY_SEED = [
    ("paragraph", "Burning and stabbing and numbness – oh my! Lions, tigers and bears have nothing on the stress and worry that peripheral neuropathy can cause to those who suffer from it. Neuropathy is relatively common with 1 in 3 Americans experiencing the condition [1]. It is a disease of the nervous system with many possible causes."),
    ("paragraph", "This condition is the result of damage to the nerves outside of the brain and spinal cord, known as the peripheral nervous system. The brain and the spinal cord make up the central nervous system. When there is damage to the peripheral nerves it causes weakness, numbness, changes in sensations and strength or intense pain, most often felt in the arms, legs, hands and feet [1]. These sensations, or lack of, happen because signals don't get through, signals get sent incorrectly, the signal may be slowed or there is a distortion of the signal [2]."),
    ("paragraph", "Neuropathy can be just a bit annoying or it can be so debilitating that a person's quality of life can be seriously affected. It can affect the person in many ways, even tasks as simple as picking up a glass of water can be difficult. The pain is described by some people as a stabbing, burning, or tingling sensation which can be very difficult to manage. People also experience a lack of sensitivity with touch sensations so that they need to take extra care when going about their day. People with reduced sensitivity need to visually check their hands and feet daily for wounds since they may not feel that they have hurt themselves. Some people also experience weakness of their muscles and coordination that doesn't work as well as it used to. In some cases, they may even experience paralysis where they can't move the limb at all."),
    ("heading", "What are the causes of neuropathy?"),
    ("paragraph", "Neuropathy rarely develops without another underlying condition. The most common cause of neuropathy is diabetes, particularly when poorly managed [2]. Another common cause is infections and injuries. Nerve damage can also occur with high alcohol consumption, autoimmunity, chemotherapy, kidney/liver conditions, some medications and nutrient deficiencies [2]."),
    ("heading", "What are the typical treatments for neuropathy?"),
    ("paragraph", "The first step for treating neuropathy is to address the underlying condition with the help of a health practitioner. Therapy for neuropathy is often focused on anti-inflammatory drugs that work by interrupting pain signals in order to relieve pain and prevent further nerve damage [1]. Pain-relieving, anti-seizure and anti-depressant medications are also used with varying degrees of success [6]. Some people also have success with topical treatments, either pharmaceutical or over the counter remedies. Other options are TENS machines, physical therapy and surgery which may be appropriate for some people. Relief can also be found with complementary therapies such as herbal medicine, acupuncture and certain supplements [6]. Unfortunately, few cases of neuropathy can be cured and not all cases can be effectively treated."),
    ("heading", "How can red and infrared light therapy help with neuropathy?"),
    ("paragraph", "Red light therapy is a term that includes the most beneficial red wavelengths of light (630-660nm) and near-infrared wavelengths (820-850nm) for pain relief, reducing inflammation, and increasing blood flow to help speed up healing. Infrared and red light provides the nerve cells with the oxygen and nutrients as a result. Light therapy also stimulates the production of energy which causes a process similar to how plants convert sunlight into energy. This is how the cell's energy source, adenosine triphosphate – ATP, is produced. When the light is taken up by mitochondria (the batteries within cells), ATP production increases. This gives the cell the energy to function and repair. This means that light therapy actually improves body function at the cellular level, including the nervous system."),
    ("paragraph", "As well as helping to provide energy for the cells, red light therapy helps to promote the antioxidant ability within the cells. The anti-oxidant has been shown to help nerve regeneration, accelerate wound healing, promote tissue growth and reduce inflammation. The ability of red light to promote favourable conditions for regrowth of severed nerve cells has been tested on a chemical level to show increased contents of antioxidants within treated cells [5]. As well as seeing actual regrowth of nerve cells and antioxidant content, neurotrophic factors are increased which help the nerve cells decide whether to live or die [5]."),
    ("paragraph", "Infrared light therapy also stimulates production of nitric oxide. Nitric oxide contributes to vasodilation - the relaxation of the inner muscles of the blood vessels. Vasodilation allows blood vessels to widen and increase circulation. The benefit for this action is that more oxygen and nutrients are brought to the damaged nerves and also increases the ability to remove waste to reduce inflammation [3]. This action is especially important for those with diabetic neuropathy. When hemoglobin within the red blood cells is exposed to infrared light it increases the amount of nitric oxide in red blood cells. Diabetic glycosylated hemoglobin binds nitric oxide and inhibits its release where it is needed [3]. The words 'glycosylated hemoglobin' may not be familiar but the gold standard diabetic test HbA1C might be – it is the measure of glycosylated hemoglobin. Glycosylated hemoglobin is hemoglobin that is attached to sugar that is floating around in the blood. If there are higher levels of sugar, there will be higher levels of HbA1C which means less nitric oxide with possibly higher levels of pain and cell damage. Since people with diabetic neuropathy often have decreased blood flow and impaired circulation to the peripheral nerves, it makes sense that oxygenation and nutrient delivery by increasing nitric oxide through light technology can promote nerve growth and reestablish nerve function [3]."),
    ("heading", "What type of results do people see when using red and infrared technology for neuropathy?"),
    ("paragraph", "Infrared technology has been shown to be effective for reducing pain, improving sensation, and increasing the balance of those experiencing neuropathy, especially that caused by diabetes [3]. For people who had lost their protective type sensation, 53% of people saw a return. One large scale study showed that sensation improved by 66% and pain was reduced by 67% - for those with neuropathy, this gives a huge increase to the quality of their life [4]!"),
    ("paragraph", "As well as reduced pain and improved sensation, people also see increased balance. People found they had a reduced incidence of falls by 78%, 79% less fear of falling, they increased their daily living activities by 72% and saw a 73% decrease in balance problems [3]."),
    ("paragraph", "Light therapy may also make other therapies work better. A group of people with diabetic neuropathy received infrared light therapy, therapeutic exercise and balance training. A second group received the same therapeutic exercises and balance training but without the infrared. Both groups received three treatment sessions per week for 4 weeks. All of the participants in this investigation had a reduction in pain, increased foot sensation and increased balance scores but the improvements were statistically significantly greater in the group of participants that received the light therapy addition [3]. In regards to foot sensation, there was a decrease in the number of sites with no sensation to both groups. In the light therapy plus training group, the average number of sites without sensation was 1.4 after 4 weeks which was reduced from 7.2 sites at the beginning of the study. In the training only group, the average number of sites without sensation was 7.2 after 4 weeks, compared to 8.3 initially [3]. In a separate study it was shown that exercise could reduce pain by increasing the production of endogenous analgesics but exercise therapy alone does not give statistical improvement [3]. Exercise is important for a strong vital body and using it in combination with infrared and red light technology can help to get even better results than just exercise alone."),
    ("paragraph", "So it can be seen that the mechanisms of infrared and red light can help to stimulate the body’s own healing mechanisms to help address peripheral neuropathy. For people with neuropathy or for those who have loved ones who are experiencing the condition, don’t delay trying an infrared light therapy device. This is a safe, medication-free way to manage pain and symptoms to give the potential to change lives! To finish, here is another little play on The Wizard of Oz quotes:"),
    ("quote", "“You’ve always had the power of infrared and red light my dear, you just had to learn it for yourself”."),
]


class Edit(NamedTuple):
    """In block `block` of BODY_SEED, the one occurrence of `old` becomes `new`, for the reason `why`."""

    block: int
    old: str
    new: str
    why: str


COMPLIANCE_EDITS = [
    Edit(
        8, "the most beneficial red wavelengths", "the red wavelengths",
        "Superiority claim no reference supports (compliance.md 2.1, the note on \"the best\").",
    ),
    Edit(
        9, "promote tissue growth and reduce inflammation.", "promote tissue growth and reduce inflammation [5].",
        "Study result (\"has been shown\") without a marker: the paragraph's source for antioxidants and nerve "
        "regeneration is [5] Ishiguro 2010, an animal study, so the reader sees that disclaimer.",
    ),
    Edit(
        10, "reestablish nerve function", "support nerve function",
        "Forbidden cure wording (\"restore/re-establish function\", compliance.md 2.1).",
    ),
    Edit(
        12, "53% of people saw a return.", "53% of people saw a return [4].",
        "Statistic without a marker: the 53% is from [4] Harkless 2006 (1,106 of 2,078 patients, compliance.md 4.2).",
    ),
    Edit(
        14, "make other therapies work better.", "make other therapies work better [3].",
        "Disease claim (\"makes other therapies work better\") without a marker: [3] Ammar 2012, the trial of "
        "infrared plus exercise against exercise alone that the paragraph describes.",
    ),
    Edit(
        14, "and balance training. A second", "and balance training [3]. A second",
        "Describes the diabetic-neuropathy trial [3] Ammar 2012 without its marker.",
    ),
    Edit(
        14, "at the beginning of the study.", "at the beginning of the study [3].",
        "Statistic (7.2 to 1.4 sites) without a marker: [3] Ammar 2012 (compliance.md 4.2).",
    ),
    Edit(
        15, "address peripheral neuropathy.", "address peripheral neuropathy [3, 4].",
        "Disease claim summing up the results section without a marker: that section's references, [3] and [4].",
    ),
    Edit(
        15, "don’t delay trying", "talk to a doctor before trying",
        "Forbidden health urgency (\"don't delay\", compliance.md 2.1): neuropathy needs medical care first.",
    ),
    Edit(
        15, "symptoms to give the potential to change lives!", "symptoms.",
        "Promise of a life-changing result for a disease, which no reference supports (compliance.md 1.1).",
    ),
]


def edited(body: list[tuple[str, str]], edits: list[Edit]) -> list[tuple[str, str]]:
    """`body` with each edit applied to its block; an edit whose `old` is not in its block exactly once
    is refused, so an edit never lands anywhere but where it says."""
    blocks = [list(block) for block in body]
    for edit in edits:
        text = blocks[edit.block][1]
        if text.count(edit.old) != 1:
            raise ValueError(f"{edit.old!r} is not in block {edit.block} exactly once")
        blocks[edit.block][1] = text.replace(edit.old, edit.new)
    return [tuple(block) for block in blocks]


BODY = edited(BODY_SEED, COMPLIANCE_EDITS)


SHOP_HEADING = "Shop Products"
SHOP_INTRO = "Clinic Red™ is the best in personal red light therapy with a powerful LED light to help you see results"
SHOP_PRODUCT_SLUGS = ["clinicred", "protective-glasses", "clinicred-mobile"]

# Six references in source order; details completed from the compliance research (shared/compliance.md 4.2).
CITATIONS = [
    {
        "authors": "Holland K",
        "title": "What you should know about neuropathic pain",
        "publisher": "Healthline",
        "published": "February 2020",
        "kind": "web_page",
        "study_type": "Consumer health information",
    },
    {
        "authors": "National Institute of Neurological Disorders and Stroke",
        "title": "Peripheral Neuropathy Fact Sheet",
        "publisher": "National Institute of Neurological Disorders and Stroke",
        "published": "August 2018",
        "kind": "web_page",
        "study_type": "Government agency fact sheet",
    },
    {
        "authors": "Ammar TA",
        "title": "Monochromatic Infrared Photo Energy in Diabetic Peripheral Neuropathy",
        "publisher": "ISRN Rehabilitation (International Scholarly Research Notices)",
        "published": "July 2012",
        "kind": "journal_article",
        "doi": "10.5402/2012/484307",
        "url": "https://www.hindawi.com/journals/isrn/2012/484307/",
        "study_type": "Randomized controlled trial without a sham arm, 35 patients, 4 weeks",
    },
    {
        "authors": "Harkless LB, DeLellis S, Carnegie DH, Burke TJ",
        "title": "Improved foot sensitivity and pain reduction in patients with peripheral neuropathy after treatment with monochromatic infrared photo energy—MIRE",
        "publisher": "Journal of Diabetes and Its Complications",
        "published": "March 2006",
        "kind": "journal_article",
        "doi": "10.1016/j.jdiacomp.2005.06.002",
        "study_type": "Retrospective review of records, 2,239 patients, no control group",
    },
    {
        "authors": "Ishiguro M, Ikeda K, Tomita K",
        "title": "Effect of near-infrared light-emitting diodes on nerve regeneration",
        "publisher": "Journal of Orthopaedic Science (Japanese Orthopaedic Association)",
        "published": "March 2010",
        "kind": "journal_article",
        "doi": "10.1007/s00776-009-1438-3",
        "study_type": "Animal study (rats)",
    },
    {
        "authors": "Mayo Clinic Staff",
        "title": "Peripheral neuropathy",
        "publisher": "Mayo Clinic",
        "published": "July 2021",
        "kind": "web_page",
        "study_type": "Consumer health information",
    },
]
