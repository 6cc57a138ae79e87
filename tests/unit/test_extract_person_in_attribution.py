"""The person in an attribution is the speaker, not the outlet, organisation, place or
adjective beside them; descriptions resolve to the organisation named; junk is nobody."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    found = extract(list(paragraphs)).quotes
    return [q.speaker for q in found if q.kind is QuoteKind.STATEMENT]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Lena Park, The Daily Ledger: “Nothing changed.”", "Lena Park"),
        ("Omar Haddad, Northern Post: “The maps are a disgrace.”", "Omar Haddad"),
        ("“Rates rise,” said Tom Reyes of Harbor Savings.", "Tom Reyes"),
        ("“We were blindsided,” said Ines Vidal of the Riverside Tenants Union.", "Ines Vidal"),
        ("“Sales are flat,” Owen Carrick of Tidewater Trust said.", "Owen Carrick"),
    ],
)
def test_person_over_outlet_or_organisation(paragraph: str, speaker: str) -> None:
    assert speakers(paragraph) == [speaker]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“Try harder,” Mayor Bell's daughter told reporters.",
        "“It's over,” the Republican lawmaker said.",
        "“We are not finished,” the Democratic senator said.",
    ],
)
def test_unnamed_person_beside_a_name_or_adjective_is_nobody(paragraph: str) -> None:
    assert speakers(paragraph) == [None]


def test_described_lawmaker_resolves_to_the_one_named_nearby() -> None:
    assert speakers(
        "Rep. Dale Whitcomb (R-Tenn.) said the board's budget had been cut.",
        "“Fund the investigators,” the Tennessee Republican said.",
    ) == ["Dale Whitcomb"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“We will press on,” the congressman said.", "Walter Gaines III"),
        ("“We will press on,” the lawmaker said.", "Walter Gaines III"),
    ],
)
def test_role_resolves_through_the_title_it_was_given(paragraph: str, speaker: str) -> None:
    lead = "Rep. Walter Gaines III (R-N.C.) said he was disappointed."
    assert speakers(lead, paragraph) == [speaker]


def test_auditor_is_a_title_not_part_of_the_name() -> None:
    assert speakers(
        "Turnout was 41 percent, according to County Auditor Gene Pflug.",
        "“They voted by flashlight for a while,” Pflug said.",
    ) == ["Gene Pflug"]


@pytest.mark.parametrize(
    ("lead", "quote", "speaker"),
    [
        (
            "Harlow & Pike advised the city on the sale.",
            "“We followed the rules,” the firm said.",
            "Harlow & Pike",
        ),
        (
            "Shares of Orrin Semiconductor fell 11 percent.",
            "Orrin cut its forecast. “We remain committed to Ohio,” the company said.",
            "Orrin Semiconductor",
        ),
        (
            "Birch & Co. advised the city on the sale.",
            "“We followed the rules,” the firm said.",
            "Birch & Co.",
        ),
        (
            "Northwind Airlines cancelled 300 flights on Friday.",
            "“We apologise to every passenger,” the airline said.",
            "Northwind Airlines",
        ),
        (
            "Nordlys, which owns the plant, sent a team to the site.",
            "“We are deeply saddened,” the company said in a statement.",
            "Nordlys",
        ),
    ],
)
def test_description_resolves_to_the_organisation_named(
    lead: str, quote: str, speaker: str
) -> None:
    assert speakers(lead, quote) == [speaker]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Kenji Ito blurted out, “No way,” at the sight of the bill.", "Kenji Ito"),
        ("“Your role has been affected,” read the subject line.", None),
        ("“We are not asking for much,” the letter said.", None),
        ("Crane can be heard saying, “It is in the glove box.”", "Crane"),
    ],
)
def test_no_junk_phrase_is_a_speaker(paragraph: str, speaker: str | None) -> None:
    assert speakers(paragraph) == [speaker]


def test_appositive_name_with_particles_after_a_role() -> None:
    assert speakers("“We found the paper trail,” said the curator, Isabel de la Fuente.") == [
        "Isabel de la Fuente"
    ]


@pytest.mark.parametrize(
    ("lead", "speaker"),
    [
        (
            "The National Disaster Management Authority (NDMA) said the toll would rise.",
            "National Disaster Management Authority",
        ),
        (
            "The Dunmore Police Department released a video. In a statement, the police "
            "department said the shooting was under review.",
            "Dunmore Police Department",
        ),
    ],
)
def test_it_said_goes_to_the_organisation_that_spoke_in_the_paragraph(
    lead: str, speaker: str
) -> None:
    assert speakers(f"{lead} “Roads are cut off,” it said.") == [speaker]


@pytest.mark.parametrize(
    ("lede", "speaker"),
    [
        (
            "Shares of Orrin Semiconductor fell 11 percent after Orrin cut its forecast.",
            "Orrin Semiconductor",
        ),
        ("Streamline Software said on Tuesday it would cut 1,200 jobs.", "Streamline Software"),
    ],
)
def test_the_company_is_the_company_the_story_opened_with(lede: str, speaker: str) -> None:
    assert speakers(
        lede,
        "Ama Amankwah, an analyst, kept her rating. She cut her target.",
        "The plant in Ohio will open late.",
        "It received federal grants last year.",
        "“We remain fully committed to Ohio,” the company said in a statement.",
    ) == [speaker]


@pytest.mark.parametrize(
    "lead",
    [
        "Present: Cllr. Deborah Lyle (Mayor, in the chair) and Cllr. Tom Everard.",
        "Deborah Lyle, the town's mayor, opened the meeting.",
    ],
)
def test_role_given_after_the_name_resolves_a_later_role(lead: str) -> None:
    assert speakers(lead, "“We have six weeks and no lights,” the mayor said.") == ["Deborah Lyle"]


@pytest.mark.parametrize(
    ("lead", "later", "speaker"),
    [
        ("Le Thi Mai, 52, said her daughter was burned.", "Ms. Le", "Le Thi Mai"),
        ("Nguyen Van Binh said the factory had no alarms.", "Mr. Nguyen", "Nguyen Van Binh"),
    ],
)
def test_three_part_name_before_an_age_or_said_is_whole(
    lead: str, later: str, speaker: str
) -> None:
    assert speakers(lead, f"“Then the phone went dead,” {later} said.") == [speaker]


def test_words_between_quote_marks_never_join_a_name() -> None:
    found = extract(["Hosting Cook at Dreamforce “is our dream,” Marc Benioff said."]).quotes
    assert [(q.text, q.speaker) for q in found] == [("is our dream,", "Marc Benioff")]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Fifty-one percent say that “the president should be removed from office.”",
        "A majority of voters said “the tax is unfair and must go.”",
    ],
)
def test_a_share_of_poll_respondents_is_no_speaker(paragraph: str) -> None:
    assert [q.speaker for q in extract([paragraph]).quotes] == [None]


def test_colon_after_an_organisation_credits_the_whole_name() -> None:
    assert speakers(
        "The Carlyle Group will be left to wonder: “What did we do to deserve this?”"
    ) == ["Carlyle Group"]


def test_article_opening_quote_needs_its_speaker_as_a_subject_or_source() -> None:
    assert speakers(
        "“The best games in the series, streamlining its most tedious traditions.”",
        "Read our Pokemon Sword and Shield review.",
    ) == [None]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Aviation analysts called it the “end of an era” for the jumbo jet.",
        "Former royal PR aides called it “an articulated lorry crash” of an interview.",
    ],
)
def test_a_group_of_people_credits_nobody(paragraph: str) -> None:
    assert [q.speaker for q in extract([paragraph]).quotes] == [None]
