"""Organisations as speakers: bare nouns, `it said`, spokespeople."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


def test_generic_agency_is_the_acronym_named_before() -> None:
    assert speakers(
        "The ESA confirmed the probe was healthy. “All systems are nominal,” the agency said.",
    ) == ["ESA"]


def test_generic_company_is_not_a_regulator_named_beside_it() -> None:
    assert speakers(
        "The firm told the Securities Commission it would restate its accounts. "
        "“We regret the error,” the company said.",
    ) == ["company"]


def test_bare_noun_resolves_to_the_organisation_named_earlier() -> None:
    paragraphs = [
        "Farmers near the Larkmoor Valley Irrigation District complained about the new quotas.",
        "Wells are running dry. “We have cut every allocation by a fifth,” the district said.",
    ]
    assert _speakers(paragraphs) == ["Larkmoor Valley Irrigation District"]


def test_bare_noun_resolves_through_an_appositive() -> None:
    paragraphs = [
        "Their publisher, Quillfeather Books, confirmed the delay.",
        "“The printer let us down,” the publisher said.",
    ]
    assert _speakers(paragraphs) == ["Quillfeather Books"]


def test_bare_force_resolves_to_the_police_named_earlier() -> None:
    paragraphs = [
        "Wessex Police said two men had been arrested.",
        "“We are not looking for anyone else,” the force said.",
    ]
    assert _speakers(paragraphs) == ["Wessex Police"]


def test_the_company_is_the_company_named_earlier_in_the_paragraph() -> None:
    assert speakers(
        "The regulator fined the supplier. In a statement, Pellworth Valley Water said it "
        "accepted the ruling. “We are sorry,” the company said.",
    ) == ["Pellworth Valley Water"]


def test_the_group_is_the_partnership_named_in_the_paragraph_before() -> None:
    assert speakers(
        "“We will strike,” said the union’s leader, Osric Fenwell-Dunn.",
        "The Operators Partnership, which speaks for the employers, called the move premature.",
        "“We have made an offer,” a spokesman for the group said.",
    ) == ["Osric Fenwell-Dunn", "Operators Partnership"]


def test_a_person_at_an_academy_is_not_the_academy() -> None:
    paragraphs = [
        "Martin Cole, principal of Westfield Academy, said results had improved. "
        "“We are proud,” he said."
    ]
    assert _speakers(paragraphs) == ["Martin Cole"]


def test_it_said_is_the_organisation_that_said_something_earlier_in_the_paragraph() -> None:
    paragraphs = [
        "Northgate Motors said sales had fallen for a third year. “We have no choice,” it said."
    ]
    assert _speakers(paragraphs) == ["Northgate Motors"]


def test_it_said_keeps_an_organisation_that_spoke_in_this_paragraph() -> None:
    paragraphs = [
        "“Prices will rise,” the Grain Council said. “Nobody wants that,” it said.",
    ]
    assert _speakers(paragraphs) == ["Grain Council", "Grain Council"]


def test_the_spokesperson_speaks_for_the_organisation_introduced_with_them() -> None:
    paragraphs = [
        "The Harbour Authority owns the pier.",
        "A spokesperson for the authority said repairs were planned. "
        "“Work starts in May,” the spokesperson said.",
    ]
    assert _speakers(paragraphs) == ["Harbour Authority"]


def test_a_named_spokesperson_is_the_person() -> None:
    paragraphs = [
        "A spokesman for the water company, Tobias Renshaw, said the pipe had been replaced. "
        "“Supplies are back to normal,” the spokesman said."
    ]
    assert _speakers(paragraphs) == ["Tobias Renshaw"]


def test_a_named_spokesperson_reaches_later_paragraphs() -> None:
    paragraphs = [
        "A spokeswoman for Brackley Rail, Imogen Talbot, said the line would reopen. "
        "“We are sorry for the delay,” she said.",
        "Passengers were angry about the closure.",
        "Asked about refunds, the spokeswoman said claims would be honoured. "
        "“Nobody will be out of pocket,” the spokeswoman said.",
    ]
    assert _speakers(paragraphs) == ["Imogen Talbot", "Imogen Talbot"]


def test_an_unnamed_spokesperson_reaches_later_paragraphs() -> None:
    paragraphs = [
        "“The road will stay shut,” a spokesperson for the Highways Board said.",
        "Drivers face a long diversion.",
        "“We will reopen it as soon as it is safe,” the spokesperson said.",
    ]
    assert _speakers(paragraphs) == ["Highways Board", "Highways Board"]


def test_the_spokesperson_comma_name_still_wins() -> None:
    paragraphs = [
        "A spokesperson for the Highways Board said the road was shut.",
        "The spokesperson, Owen Pryce, said it would reopen. “Soon,” the spokesperson said.",
    ]
    assert _speakers(paragraphs) == ["Owen Pryce"]


def test_a_named_spokesperson_introduced_with_a_is_the_subject_for_she() -> None:
    assert _speakers(
        [
            "Northway Buses confirmed on Tuesday that the number 47 will stop. A spokesperson "
            "for the company, Lydia Oakhurst, said fares covered a third of the cost. "
            "“We kept this route going for two years,” she said."
        ]
    ) == ["Lydia Oakhurst"]


def test_a_spokeswoman_for_the_company_speaks_for_the_company_just_named() -> None:
    assert _speakers(
        [
            "Halvern Pharma, which makes a generic version of the drug, said it had not funded "
            "the study. “We welcome any research,” a spokeswoman for the company said."
        ]
    ) == ["Halvern Pharma"]
