"""Demo products and sample reviews. Reviews are marked as sample content on the site."""

PRODUCTS = [
    {
        "slug": "clinicred",
        "name": "ClinicRed™",
        "sku": "CR-PANEL-01",
        "tagline": "For Fullbody Therapy",
        "price_cents": 19595,
        "stock": 40,
        "sort_order": 1,
        "color": (163, 17, 27),
        "description": (
            "<p>ClinicRed is a full-body LED panel that combines red (630–660 nm) and near-infrared "
            "(820–850 nm) light in one device.</p>"
            "<ul><li>Built-in timer with 5, 10 and 20 minute sessions</li>"
            "<li>Door-hanging strap and desk stand included</li>"
            "<li>Two-year warranty</li></ul>"
        ),
        "regulatory_status": "Not evaluated by the FDA as a medical device. General wellness product.",
        "intended_use": "Personal red and near-infrared light sessions at home by adults. Read the manual before use.",
        # Specifications: only what the description above already states; unknown fields stay empty.
        "specs": {
            "wavelengths": "Red 630–660 nm, near-infrared 820–850 nm",
            "treatment_time": "Built-in timer: 5, 10 or 20 minutes",
            "warranty_years": 2,
            "in_the_box": "ClinicRed panel\nDoor-hanging strap\nDesk stand",
        },
    },
    {
        "slug": "clinicred-mobile",
        "name": "ClinicRed Mobile™",
        "sku": "CR-MOBILE-01",
        "tagline": "Cordless and rechargeable",
        "price_cents": 34900,
        "stock": 25,
        "sort_order": 2,
        "color": (122, 26, 60),
        "description": (
            "<p>ClinicRed Mobile is a cordless hand-held LED device with the same red and near-infrared "
            "wavelengths as the ClinicRed panel.</p>"
            "<ul><li>Rechargeable battery: about 60 minutes per charge</li>"
            "<li>USB-C charging cable and travel case included</li></ul>"
        ),
        "regulatory_status": "Not evaluated by the FDA as a medical device. General wellness product.",
        "intended_use": "Personal red and near-infrared light sessions on small areas, at home or while travelling.",
        "specs": {
            "wavelengths": "Red 630–660 nm, near-infrared 820–850 nm (the same as the ClinicRed panel)",
            "power_supply": "Rechargeable battery, about 60 minutes per charge; USB-C charging",
            "in_the_box": "ClinicRed Mobile\nUSB-C charging cable\nTravel case",
        },
    },
    {
        "slug": "protective-glasses",
        "name": "Protective Glasses",
        "sku": "CR-GLASSES-01",
        "tagline": "Eye protection for bright LED light",
        "price_cents": 4000,
        "stock": 100,
        "sort_order": 3,
        "color": (40, 40, 48),
        "description": (
            "<p>Wrap-around glasses that block bright red and near-infrared light during a session.</p>"
            "<ul><li>One size, adjustable arms</li><li>Fits over most prescription glasses</li></ul>"
        ),
        "regulatory_status": "Personal protective eyewear.",
        "intended_use": "Wear whenever a ClinicRed device is switched on.",
        "specs": {
            "fit": "One size, adjustable arms; fits over most prescription glasses",
        },
    },
]

# (rating, title, body, ISO date). Authors are labelled "Sample customer N": no real person is named.
REVIEWS = {
    "clinicred": [
        (5, "Well packed", "Arrived in two days, well packed, and the stand was easy to put together.", "2026-10-30"),
        (5, "Solid build", "Heavier than I expected and feels solid. The timer buttons are clear.", "2026-10-21"),
        (4, "Good panel, loud fan", "Works as described. The cooling fan is louder than I would like in a quiet room.", "2026-10-12"),
        (5, "Easy to hang", "The door strap is a clever idea and the panel hangs straight.", "2026-09-28"),
        (5, "My knee feels better", "I use it every evening and my knee feels less stiff after a few weeks.", "2026-09-15"),
        (4, "Bright", "Very bright, so definitely wear the glasses. The manual is clear.", "2026-09-02"),
        (5, "Helpful support", "Support answered my question about session length the same day.", "2026-08-20"),
        (5, "Part of my routine", "Ten minutes in the morning has become part of my routine.", "2026-08-06"),
        (3, "Too early to say", "No change in my shoulder so far, but it has only been two weeks.", "2026-07-25"),
        (5, "Great value", "Cheaper than the panels I compared it with and the build is better.", "2026-07-10"),
        (4, "Warm", "It gets warm after a few minutes, which I actually like.", "2026-06-29"),
        (5, "Sleeping better", "I feel I sleep better since I started evening sessions.", "2026-06-14"),
        (5, "Fast delivery", "Ordered on Monday, here on Wednesday.", "2026-06-01"),
        (4, "Good but big", "It is bigger than it looks in the photos, so measure your door first.", "2026-05-19"),
        (5, "Easy to use", "Plug in, pick a time, done. My partner uses it too.", "2026-05-03"),
        (5, "Quality cable", "Long power cable, so I can use it away from the wall.", "2026-04-22"),
        (4, "Stand could be sturdier", "The desk stand wobbles a little on carpet; fine on a table.", "2026-04-08"),
        (5, "Back pain eased", "After a month of sessions my lower back pain has eased a lot.", "2026-03-27"),
        (5, "Recommended by a friend", "A friend recommended it and I am happy with the purchase.", "2026-03-11"),
        (5, "Nice finish", "Clean design that does not look out of place in the living room.", "2026-02-24"),
        (4, "Returned the first one", "The first unit had a dead LED; the replacement came quickly and works.", "2026-02-09"),
    ],
    "clinicred-mobile": [
        (5, "Great for travel", "Fits in my carry-on with its case and the battery lasts a week of short sessions.", "2026-10-18"),
        (4, "Charges quickly", "Full charge in about two hours over USB-C.", "2026-09-09"),
        (5, "Handy", "Small enough to use on my wrist while I read.", "2026-08-02"),
        (4, "Less soreness", "My wrist is less sore after using it on the days I type a lot.", "2026-06-21"),
        (5, "Solid", "Feels well made and the case zips shut properly.", "2026-05-12"),
    ],
}
