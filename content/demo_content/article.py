"""The seed article, transcribed: "Red Light therapy for peripheral neuropathy?".

Paragraphs are plain text (escaped by the loader); [n] are citation markers. Four disease claims the
source left uncited carry the article's own reference for that passage, as an editor must add before
publishing (compliance.md 2.2): [3], the infrared trial in diabetic neuropathy (compliance.md 4.2),
and [3, 4] for the closing summary.
"""

TITLE = "Red Light therapy for peripheral neuropathy?"
SLUG = "red-light-therapy-for-peripheral-neuropathy"
INTRO = "Painful peripheral neuropathy - managing nerve issues with red and infrared light."
AUTHOR = "ClinicRed editorial team"
SEARCH_DESCRIPTION = "What peripheral neuropathy is, how it is usually treated, and what studies of red and infrared light have and have not shown, with six references."
DATE_PUBLISHED = "2021-08-01"

BODY = [
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
    ("paragraph", "Infrared light therapy also stimulates production of nitric oxide. Nitric oxide contributes to vasodilation - the relaxation of the inner muscles of the blood vessels. Vasodilation allows blood vessels to widen and increase circulation. The benefit for this action is that more oxygen and nutrients are brought to the damaged nerves and also increases the ability to remove waste to reduce inflammation [3]. This action is especially important for those with diabetic neuropathy [3]. When hemoglobin within the red blood cells is exposed to infrared light it increases the amount of nitric oxide in red blood cells. Diabetic glycosylated hemoglobin binds nitric oxide and inhibits its release where it is needed [3]. The words 'glycosylated hemoglobin' may not be familiar but the gold standard diabetic test HbA1C might be – it is the measure of glycosylated hemoglobin. Glycosylated hemoglobin is hemoglobin that is attached to sugar that is floating around in the blood. If there are higher levels of sugar, there will be higher levels of HbA1C which means less nitric oxide with possibly higher levels of pain and cell damage. Since people with diabetic neuropathy often have decreased blood flow and impaired circulation to the peripheral nerves, it makes sense that oxygenation and nutrient delivery by increasing nitric oxide through light technology can promote nerve growth and reestablish nerve function [3]."),
    ("heading", "What type of results do people see when using red and infrared technology for neuropathy?"),
    ("paragraph", "Infrared technology has been shown to be effective for reducing pain, improving sensation, and increasing the balance of those experiencing neuropathy, especially that caused by diabetes [3]. For people who had lost their protective type sensation, 53% of people saw a return. One large scale study showed that sensation improved by 66% and pain was reduced by 67% - for those with neuropathy, this gives a huge increase to the quality of their life [4]!"),
    ("paragraph", "As well as reduced pain and improved sensation, people also see increased balance. People found they had a reduced incidence of falls by 78%, 79% less fear of falling, they increased their daily living activities by 72% and saw a 73% decrease in balance problems [3]."),
    ("paragraph", "Light therapy may also make other therapies work better [3]. A group of people with diabetic neuropathy received infrared light therapy, therapeutic exercise and balance training [3]. A second group received the same therapeutic exercises and balance training but without the infrared. Both groups received three treatment sessions per week for 4 weeks. All of the participants in this investigation had a reduction in pain, increased foot sensation and increased balance scores but the improvements were statistically significantly greater in the group of participants that received the light therapy addition [3]. In regards to foot sensation, there was a decrease in the number of sites with no sensation to both groups. In the light therapy plus training group, the average number of sites without sensation was 1.4 after 4 weeks which was reduced from 7.2 sites at the beginning of the study. In the training only group, the average number of sites without sensation was 7.2 after 4 weeks, compared to 8.3 initially [3]. In a separate study it was shown that exercise could reduce pain by increasing the production of endogenous analgesics but exercise therapy alone does not give statistical improvement [3]. Exercise is important for a strong vital body and using it in combination with infrared and red light technology can help to get even better results than just exercise alone."),
    ("paragraph", "So it can be seen that the mechanisms of infrared and red light can help to stimulate the body’s own healing mechanisms to help address peripheral neuropathy [3, 4]. For people with neuropathy or for those who have loved ones who are experiencing the condition, don’t delay trying an infrared light therapy device. This is a safe, medication-free way to manage pain and symptoms to give the potential to change lives! To finish, here is another little play on The Wizard of Oz quotes:"),
    ("quote", "“You’ve always had the power of infrared and red light my dear, you just had to learn it for yourself”."),
]

SHOP_HEADING = "Shop products"
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
