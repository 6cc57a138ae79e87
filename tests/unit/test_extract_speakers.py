"""Speaker attribution: cue patterns, aliases, pronouns, organisations and passives."""

from __future__ import annotations

import pytest

from newsreader.extract import extract


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“We will reopen the bridge by Friday,” said Mayor Dana Ortiz.", "Dana Ortiz"),
        ("“The numbers keep climbing,” Ortiz told reporters.", "Ortiz"),
        ("Health Minister Priya Nair said: “Every clinic stays open.”", "Priya Nair"),
        ("Petrov told lawmakers, “Inflation is not yet beaten.”", "Petrov"),
        ("Ortiz: “The bridge is safe to cross”", "Ortiz"),
        ("“Who pays for the repairs?” asked resident Nora Blake.", "Nora Blake"),
        ("“Prices rose,” central bank governor Ivan Petrov said on Tuesday.", "Ivan Petrov"),
    ],
)
def test_cue_patterns(paragraph: str, speaker: str) -> None:
    assert speakers(paragraph) == [speaker]


def test_split_quote_second_part_inherits_the_speaker() -> None:
    paragraph = "“The storm is weakening,” said forecaster Lee Chang, “but it is not over yet.”"
    assert speakers(paragraph) == ["Lee Chang", "Lee Chang"]


def test_split_quote_across_sentences() -> None:
    paragraph = "“Talks went well,” said union leader Rosa Kim. “We expect a vote next week.”"
    assert speakers(paragraph) == ["Rosa Kim", "Rosa Kim"]


def test_two_speakers_in_one_paragraph() -> None:
    assert speakers("“We want a deal,” said Kim. “So do we,” Alder replied.") == ["Kim", "Alder"]


def test_floating_quote_takes_the_previous_speaker() -> None:
    found = speakers(
        "“Prices rose faster than we expected,” central bank governor Ivan Petrov said.",
        "“We are prepared to act again if needed.”",
    )
    assert found == ["Ivan Petrov", "Ivan Petrov"]


def test_surname_maps_to_the_full_name_used_earlier() -> None:
    found = speakers(
        "Transport Secretary Helen Marsh visited the depot on Monday.",
        "“Every line will be running by noon,” Marsh said.",
    )
    assert found == ["Helen Marsh"]


def test_surname_maps_to_a_name_from_a_post_byline() -> None:
    found = speakers(
        "We passed the bill today. — Sen. Laura Quinn (@SenLauraQuinn) May 8, 2024",
        "“This is the most important vote of the year,” Quinn said.",
    )
    assert found == ["Laura Quinn"]


def test_earlier_full_name_wins_over_a_later_byline() -> None:
    found = speakers(
        "Secretary of Defense Mark Esper announced the deployment on Tuesday.",
        "“This deployment is an appropriate and precautionary action,” stated Esper.",
        "Troops are on the way. "
        "— Secretary of Defense Dr. Mark T. Esper (@EsperDoD) January 1, 2020",
    )
    assert found == ["Mark Esper"]


def test_pronoun_resolves_to_the_person_mentioned_before() -> None:
    found = speakers(
        "Fire Chief Omar Haddad arrived at the scene shortly after midnight.",
        "“We got everyone out of the building,” he said.",
    )
    assert found == ["Omar Haddad"]


def test_pronoun_prefers_the_last_speaker_over_a_passing_mention() -> None:
    found = speakers(
        "“Talks will resume Monday,” said union leader Rosa Kim. "
        "Company spokesman Ben Alder declined to comment.",
        "“Nothing has been agreed,” she added.",
    )
    assert found == ["Rosa Kim", "Rosa Kim"]


def test_it_resolves_to_the_organisation() -> None:
    found = speakers(
        "“Flights are suspended,” the airport operator said.",
        "The operator expects partial service on Friday. “We will publish a timetable,” it said.",
    )
    assert found == ["airport operator", "airport operator"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "“The airport stays closed,” read a statement from the transport ministry.",
            "transport ministry",
        ),
        ("In a statement, the ministry said: “All flights are suspended.”", "ministry"),
        ("“It was a record,” according to a city council report.", "city council report"),
        ("“We are ready,” read a statement from the Pentagon.", "Pentagon"),
    ],
)
def test_organisations(paragraph: str, speaker: str) -> None:
    assert speakers(paragraph) == [speaker]


def test_passive_gets_no_speaker() -> None:
    paragraph = "Residents were told to “stay indoors and keep their windows shut tonight.”"
    assert speakers(paragraph) == [None]


def test_quotes_inside_a_post_are_not_separate_quotes() -> None:
    found = extract(
        [
            "Proud of our crews. “Never again,” we said — and we meant it. "
            "— Lakeside Fire Dept (@LakesideFD) July 4, 2023"
        ]
    )
    assert found.quotes == ()
    assert len(found.posts) == 1


def test_honorific_surname_maps_past_a_place_name() -> None:
    found = speakers(
        "Senator John Smith of Ohio met the governor on Monday.",
        "“It is over,” Mr. Smith said.",
    )
    assert found == ["John Smith"]


def test_name_set_off_by_commas_is_the_speaker() -> None:
    paragraph = "Their barrister, Naveen Kapoor, told reporters, “The ruling will be read widely.”"
    assert speakers(paragraph) == ["Naveen Kapoor"]


def test_appositive_name_after_the_cue() -> None:
    paragraph = "„Die Mieten steigen weiter“, erklärte die Sprecherin des Vereins, Petra Lang."
    assert speakers(paragraph) == ["Petra Lang"]


def test_spokesperson_for_an_organisation_credits_the_organisation() -> None:
    paragraph = (
        "“We have no comment at this time,” a spokesperson for the regional health board said."
    )
    assert speakers(paragraph) == ["regional health board"]


def test_pronoun_skips_a_person_of_the_wrong_gender() -> None:
    found = speakers(
        "“We lost,” said coach Mark Dale.",
        "“Why now? Because we must,” she said.",
    )
    assert found == ["Mark Dale", None]


def test_pronoun_goes_to_someone_named_since_the_last_quote() -> None:
    found = speakers(
        "“We ran forty trips a day,” said skipper Colm Barry.",
        "Harbor master Ines Duarte said the post office would reopen. “The mail is piling up,” "
        "she said.",
    )
    assert found == ["Colm Barry", "Ines Duarte"]


def test_names_inside_quotes_are_not_pronoun_targets() -> None:
    found = speakers(
        "“We will vote on Monday,” said council president Howard Bell.",
        "The band plays “Under the Harvest Moon” every year.",
        "“People said the same about the bike lanes,” he said.",
    )
    assert found == ["Howard Bell", None, "Howard Bell"]


def test_person_named_earlier_in_the_paragraph_speaks_an_unattributed_quote() -> None:
    found = speakers(
        "Dr. Helen Marsh runs the ward.",
        "Asked whether it could reopen, Marsh was blunt. “Not this year.”",
    )
    assert found == ["Helen Marsh"]


def test_organisation_mentioned_again_by_its_head_noun() -> None:
    found = speakers(
        "“The airport stays shut,” read a statement from the transport ministry.",
        "In a statement, the ministry said: “All flights are suspended.”",
    )
    assert found == ["transport ministry", "transport ministry"]
