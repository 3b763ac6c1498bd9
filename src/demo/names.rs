//! Word lists for fictional names: places, school kinds, people. Every name is invented by
//! joining parts, so no real school or person is described.

use crate::model::Phase;
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::Rng;

const PLACE_HEADS: &[&str] = &[
    "Ash",
    "Bram",
    "Kestrel",
    "Wren",
    "Heron",
    "Oak",
    "Thorn",
    "Fern",
    "Marl",
    "Hollin",
    "Elder",
    "Brook",
    "Alder",
    "Moss",
    "Lark",
    "Swallow",
    "Rowan",
    "Birch",
    "Hazel",
    "Linnet",
    "Cress",
    "Willow",
    "Otter",
    "Badger",
    "Chalk",
    "Flint",
    "Copper",
    "Amber",
    "Juniper",
    "Tansy",
    "Sorrel",
    "Bracken",
    "Plover",
    "Curlew",
    "Merlin",
    "Sedge",
    "Teasel",
    "Yarrow",
    "Foxglove",
    "Harrow",
    "Penn",
    "Stave",
    "Quill",
    "Mallow",
    "Bittern",
    "Dunlin",
    "Clover",
    "Pebble",
    "Tarn",
    "Gorse",
    "Heath",
    "Holm",
    "Orchard",
    "Saxon",
    "Lantern",
    "Millstone",
    "Kiln",
    "Beacon",
    "Falcon",
    "Greenfinch",
];

const PLACE_TAILS: &[&str] = &[
    "down", "ford", "field", " Park", "bury", "wood", "combe", "ley", "mead", "gate", " Hill",
    " Vale", "stead", "wick", "ton", "brook", "croft", "hurst", "moor", " Green", " Lane",
    " Common", "dale", "well", " Rise", " Fields", "holt", " End", "worth", " Meadow",
];

/// A place such as "Ashdown" or "Kestrel Park".
pub fn place(rng: &mut SmallRng) -> String {
    let head = PLACE_HEADS.choose(rng).expect("non-empty");
    let tail = PLACE_TAILS.choose(rng).expect("non-empty");
    format!("{head}{tail}")
}

/// The kind of school in its name, fitting its phase and establishment type.
pub fn school_kind(rng: &mut SmallRng, phase: Phase, establishment_type: &str) -> &'static str {
    let academy = establishment_type.contains("cademy") || establishment_type.contains("Free");
    let church = establishment_type.starts_with("Voluntary");
    let pick = |rng: &mut SmallRng, list: &[&'static str]| *list.choose(rng).expect("non-empty");
    match phase {
        Phase::Primary if church => pick(
            rng,
            &[
                "Church of England Primary School",
                "Catholic Primary School",
                "CofE Junior School",
                "Church of England Infant School",
            ],
        ),
        Phase::Primary if academy => pick(
            rng,
            &[
                "Primary Academy",
                "Academy",
                "Primary School",
                "Junior Academy",
            ],
        ),
        Phase::Primary => pick(
            rng,
            &[
                "Primary School",
                "Primary School",
                "Primary School",
                "Infant School",
                "Junior School",
                "Community Primary School",
            ],
        ),
        Phase::Secondary if church => {
            pick(rng, &["Catholic High School", "Church of England School"])
        }
        Phase::Secondary if academy => pick(rng, &["Academy", "School", "College", "High School"]),
        Phase::Secondary => pick(rng, &["School", "High School", "Community College"]),
        Phase::Special if academy => pick(rng, &["Academy", "School", "Special Academy"]),
        Phase::Special => pick(rng, &["School", "Special School", "Learning Centre"]),
        Phase::Nursery => "Nursery School",
        Phase::AlternativeProvision => pick(
            rng,
            &["Pupil Referral Unit", "Learning Centre", "Tuition Centre"],
        ),
        Phase::AllThrough if academy => pick(rng, &["All-Through Academy", "Academy"]),
        Phase::AllThrough => pick(rng, &["All-Through School", "School"]),
    }
}

const SURNAMES: &[&str] = &[
    "Ashcombe",
    "Varley",
    "Penhallow",
    "Okafor-Reed",
    "Thornbury",
    "Castell",
    "Marwood",
    "Delacourt",
    "Quayle",
    "Brightwell",
    "Osei-Lamb",
    "Kettering",
    "Lindqvist",
    "Farrant",
    "Pemberly",
    "Hollins",
    "Nakagawa",
    "Rendell",
    "Sutcombe",
    "Adeyemi-Cole",
    "Whitlock",
    "Fairbairn",
    "Mendoza-Hart",
    "Greaves",
    "Tolland",
    "Ravensworth",
    "Achterberg",
    "Bellamy",
    "Crane",
    "Dunmore",
    "Eastwick",
    "Fenwick",
    "Gallimore",
    "Harcastle",
    "Ibbotson",
    "Jarrow",
    "Kilbride",
    "Loxley",
    "Mornington",
    "Northcott",
    "Ollerton",
    "Pryor",
    "Quarrie",
    "Rookwood",
    "Stanier",
    "Trevithan",
    "Underhill",
    "Vance-Moore",
    "Wetherby",
    "Yardley",
];

const FIRST_NAMES: &[&str] = &[
    "Amara", "Bethan", "Callum", "Delphine", "Eamon", "Fola", "Gwen", "Hamid", "Imogen", "Jonah",
    "Keziah", "Lorcan", "Maren", "Nia", "Oren", "Priya", "Quentin", "Rosalind", "Soren", "Tamsin",
    "Ulric", "Verity", "Wilf", "Xanthe", "Yusuf", "Zadie",
];

const TITLES: &[&str] = &["Mrs", "Mr", "Ms", "Dr", "Miss", "Mr", "Mrs", "Ms"];

/// A headteacher: title, first name, surname.
pub fn person(rng: &mut SmallRng) -> (String, String, String) {
    let title = TITLES.choose(rng).expect("non-empty");
    let first = FIRST_NAMES.choose(rng).expect("non-empty");
    let last = SURNAMES.choose(rng).expect("non-empty");
    (title.to_string(), first.to_string(), last.to_string())
}

/// "A. Surname" from a first name and surname.
pub fn initial_and_surname(first: &str, last: &str) -> String {
    match first.chars().next() {
        Some(c) => format!("{c}. {last}"),
        None => last.to_string(),
    }
}

/// School improvement partners (every school has one).
pub const SIPS: &[&str] = &[
    "Hester Quill",
    "Rafe Dunmore",
    "Ottilie Brand",
    "Kwame Ashby-Lund",
    "Isolde Varga",
    "Bram Tennant",
    "Saoirse Penrose",
    "Dev Okonkwo-Hale",
];

/// Leadership and management advisers (Focused and above only).
pub const LAMAS: &[&str] = &[
    "Marguerite Sallow",
    "Tobias Wrenn",
    "Anouk Castellane",
    "Jasper Fellowes",
    "Nadia Orrin",
    "Cedric Ambler",
];

const STREETS: &[&str] = &[
    "Road", "Lane", "Street", "Avenue", "Way", "Close", "Crescent", "Grove", "Drive", "Terrace",
];

/// A street address line such as "14 Linnet Grove".
pub fn street(rng: &mut SmallRng) -> String {
    let n: u32 = rng.random_range(1..=220);
    let head = PLACE_HEADS.choose(rng).expect("non-empty");
    let kind = STREETS.choose(rng).expect("non-empty");
    format!("{n} {head} {kind}")
}

/// A postcode in an invented outward area (`WF`, `HM`… are used for towns in our boroughs).
pub fn postcode(rng: &mut SmallRng, area: &str) -> String {
    let district: u32 = rng.random_range(1..=24);
    let sector: u32 = rng.random_range(1..=9);
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    let a = letters[rng.random_range(0..letters.len())] as char;
    let b = letters[rng.random_range(0..letters.len())] as char;
    format!("{area}{district} {sector}{a}{b}")
}

/// Officers' notes for a score, by team and level (1 low … 4 severe).
pub fn comment(rng: &mut SmallRng, team: &str, score: u8) -> &'static str {
    let list: &[&str] = match (team, score) {
        (_, 0 | 1) => &[
            "",
            "",
            "",
            "No concerns",
            "No concerns raised this term",
            "Stable",
        ],
        ("finance", 2) => &[
            "Small in-year deficit forecast",
            "Reserves reducing",
            "Budget set late; monitoring",
        ],
        ("finance", 3) => &[
            "Deficit recovery plan requested",
            "Staffing costs 86% of income",
            "Three-year plan shows deficit",
        ],
        ("finance", _) => &[
            "Licensed deficit; monthly monitoring",
            "Cumulative deficit, no credible recovery plan",
            "Notice of concern issued",
        ],
        ("hr", 2) => &[
            "Two long-term absences",
            "Recruitment to maths post ongoing",
            "Grievance resolved",
        ],
        ("hr", 3) => &[
            "Head on long-term sick leave",
            "High staff turnover (28%)",
            "Formal capability case open",
        ],
        ("hr", _) => &[
            "Interim head; substantive post vacant",
            "Multiple casework; union involved",
            "Leadership instability, three heads in two years",
        ],
        ("attendance", 2) => &[
            "PA slightly above borough average",
            "Good progress with EWO",
            "Holiday absence up in autumn",
        ],
        ("attendance", 3) => &[
            "PA above borough average",
            "Fortnightly EWO visits",
            "Rising suspensions, Year 9",
        ],
        ("attendance", _) => &[
            "PA well above borough; attendance plan not working",
            "Severe absence cohort growing",
            "Several CME referrals this term",
        ],
        ("standards", 2) => &[
            "KS2 outcomes slightly below national",
            "Phonics check dipped",
            "New curriculum lead settling in",
        ],
        ("standards", 3) => &[
            "Outcomes below national two years running",
            "Weak reading at KS1",
            "Leaders over-generous in self-evaluation",
        ],
        ("standards", _) => &[
            "Outcomes well below national; leadership capacity weak",
            "Inspection expected; not ready",
            "Significant decline in all key stages",
        ],
        ("safeguarding", 2) => &["Audit actions outstanding", "DSL new in post"],
        ("safeguarding", _) => &[
            "Section 175 audit not returned",
            "Single central record gaps",
            "LADO referral open",
        ],
        ("governance", 2) => &["Two governor vacancies", "Clerk changing"],
        ("governance", _) => &[
            "Governors not holding leaders to account",
            "Chair resigned; IEB considered",
        ],
        ("send", 2) => &["EHCP reviews late", "SENCo part-time"],
        ("send", _) => &[
            "High exclusions of pupils with SEND",
            "Parental complaints about provision",
        ],
        ("premises", 2) => &["Roof repairs scheduled", "Fire risk assessment due"],
        (_, _) => &[
            "Condition survey: urgent works",
            "Heating failures closed site twice",
        ],
    };
    list.choose(rng).expect("non-empty")
}
