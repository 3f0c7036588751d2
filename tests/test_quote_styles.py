"""Quotation styles and speaker forms found by QA on hand-written articles: titles in
apposition, surnames that are also titles, labels, copular cues, British single quotes."""

from __future__ import annotations

from storydesk.quotes.extract import find_spans
from storydesk.quotes.speakers import person_norm
from test_quotes import only, quotes


def test_a_role_before_the_name_is_kept_for_a_later_definite_cue() -> None:
    found = quotes(
        "Council leader Bernard Quill opened the meeting on Wednesday night.\n\n"
        "The council's deputy leader, Tom Hale, said the inquiry would report by June.\n\n"
        '"We expect a full report by the summer," the deputy leader added.'
    )
    assert [q.speaker for q in found] == ["Hale"]


def test_a_title_word_last_in_a_name_is_the_surname() -> None:
    assert person_norm(["Ravi", "Sen"]) == ("Sen", frozenset({"ravi", "sen"}))
    assert person_norm(["Sen.", "Elizabeth", "Warren"])[0] == "Warren"
    assert person_norm(["Sen."])[0] == "Sen"
    assert person_norm(["Prime", "Minister"]) == ("Minister", frozenset({"minister"}))
    q = only('Engineer Ravi Sen inspected the wall on Tuesday. "The wall did its job," said Sen.')
    assert q.speaker == "Sen"


def test_a_transcript_label_names_the_speaker() -> None:
    found = quotes(
        "Lisk Valley Radio spoke to Dr Amara Osei and to council leader Bernard Quill.\n\n"
        'Osei: "They are safe. We moved forty people upstairs."\n\n'
        'Quill: "We were ready. The sandbags were out on Sunday."\n\n'
        'Osei: "The council was slow to send pumps to the hospital."'
    )
    assert [q.speaker for q in found] == ["Osei", "Quill", "Osei"]


def test_interview_turns_and_common_words_are_no_speakers() -> None:
    found = quotes(
        "Mayor Ruth Kell faced reporters on Wednesday night.\n\n"
        'Q: "Were the sirens tested?"\n\n'
        'A: "Every month, without fail."'
    )
    assert [q.speaker for q in found] == [None, None]
    # An English word before the colon is no label (the speaker falls to the other rules).
    q = quotes('Police closed the road on Monday.\n\nVerdict: "Guilty on all counts."')
    assert [x.cue for x in q] != ["label"]


def test_a_colon_after_a_copula_gives_the_quotation_to_its_subject() -> None:
    found = quotes(
        '"We were let down," said local resident Ann Lee.\n\n'
        'Joe Smith was blunt: "They left us to drown."'
    )
    assert [q.speaker for q in found] == ["Lee", "Smith"]


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text)]


def test_a_plural_possessive_inside_single_quotes_does_not_close_them() -> None:
    assert spans("'The firefighters' response was superb,' Quill said.") == [
        "The firefighters' response was superb"
    ]
    assert spans("He called the plan 'a waste of the residents' money' and left.") == [
        "a waste of the residents' money"
    ]
    # A mark after an s closes where the next quotation opens before any other closer.
    assert spans("He called them 'thugs and vandals' and said 'never again,' she noted.") == [
        "thugs and vandals",
        "never again",
    ]
    # A later mark of the same shape is no sure closer: it may be a possessive itself.
    text = "He called the levy 'a gift to the landlords' and said the tenants' union would fight."
    assert spans(text) == ["a gift to the landlords"]


def test_double_marks_inside_british_single_quotes_are_nested() -> None:
    text = "'He shouted \"run\" and we all ran,' said Pauline Dray."
    assert spans(text) == ['He shouted "run" and we all ran']
    # A scare quote or an elision before a double-quoted quotation leaves the doubles theirs
    # (and the paragraph's single marks are then not read at all).
    assert spans(
        "The board's 'flagship barrier' failed, and engineer Colm Varley said: \"The motor "
        'jammed because nobody had serviced it."'
    ) == ["The motor jammed because nobody had serviced it."]
    assert spans("Fans at the rock 'n' roll club said \"the board has abandoned us.\"") == [
        "the board has abandoned us."
    ]
    assert only("The river rose fast on Monday night.\n\n" + text).speaker == "Dray"


def test_a_single_quoted_quotation_over_two_paragraphs() -> None:
    text = (
        "'We knew the river was rising. We did not know how fast.\n\n"
        "'By the time the sirens sounded, Mill Lane was under water,' she said."
    )
    assert spans(text) == [
        "We knew the river was rising. We did not know how fast.",
        "By the time the sirens sounded, Mill Lane was under water",
    ]
    # An apostrophe opening a word ('em, 'tis) with no reopened paragraph after is no quotation.
    assert spans("They told 'em to leave the houses by noon.\n\nThe water kept rising.") == []


def test_words_another_person_puts_on_a_claim_are_not_the_first_speakers() -> None:
    for text in (
        '"The pumps arrived within the hour," Quill said, a claim Osei rejected as "simply not '
        'what happened that night."',
        '"The pumps arrived within the hour," Quill said, but Osei called that "simply not what '
        'happened that night."',
    ):
        found = quotes("Council leader Bernard Quill and Dr Amara Osei spoke.\n\n" + text)
        # Not Quill's; and not credited to Osei either: on PolNeAR such fragments are mostly
        # the reporter's scare quotes (see quotes.cues._CHARACTERISING).
        assert [(q.speaker, q.text[:10]) for q in found] == [("Quill", "The pumps ")], text


def test_according_to_a_statement_credits_who_issued_it() -> None:
    found = quotes(
        "The hospital stayed open through the night.\n\n"
        "According to a statement from St Jude's Hospital, \"all patients are safe and the "
        'generators are holding."\n\n'
        'According to the council\'s statement, "the bridge will reopen in May."'
    )
    assert [q.speaker for q in found] == ["St Jude's Hospital", "council"]


def test_a_label_that_is_also_a_word_names_the_person_the_article_gives_it() -> None:
    found = quotes(
        "Council leader Bernard Quill and opposition leader Hetty Marsh met residents of Mill "
        "Lane on Tuesday night.\n\n"
        'Quill: "The pumps came within the hour."\n\n'
        "Marsh: \"It is the taxpayers' money, not the council's.\""
    )
    assert [q.speaker for q in found] == ["Quill", "Marsh"]


def test_headings_and_things_before_a_colon_are_no_speakers() -> None:
    found = quotes(
        "Helen Marsh, the harbour master, spoke on Monday.\n\n"
        'Meanwhile: "Residents will be offered free sandbags from Friday."\n\n'
        'Factbox: "The barrier has closed 412 times since it opened in 1991."\n\n'
        'The sign on the harbour gate is blunt: "Closed until further notice."\n\n'
        'Her advice to homeowners is simple: "Move valuables upstairs and keep your phone '
        'charged."'
    )
    assert not {q.speaker for q in found} & {"Meanwhile", "Factbox", "sign", "advice"}


def test_a_saint_or_an_outlet_is_no_person_for_she_or_he() -> None:
    found = quotes(
        "St Jude's chief medical officer Amara Osei praised her staff. \"We had forty patients "
        'to move and only the stairs to do it," she said.'
    )
    assert [q.speaker for q in found] == ["Osei"]


def test_a_pull_quote_repeating_the_full_quotation_is_dropped() -> None:
    found = quotes(
        '"At ten the lights went out. I have never been prouder of my staff," said Dr Amara '
        "Osei.\n\n"
        '"I have never been prouder of my staff"\n\n'
        "The hospital reopened its ground floor on Friday."
    )
    assert [q.text for q in found] == [
        "At ten the lights went out. I have never been prouder of my staff"
    ]


def test_a_title_the_parser_reads_as_a_verb_still_names_the_speaker() -> None:
    found = quotes(
        "Mayor Peter Vance visited the dam on Monday.\n\n"
        '"It will run to several million euros," engineer Ruth Okoye said of the repair.\n\n'
        '"The pumps will run to full power," engineer Ruth Okoye said.'
    )
    assert [q.speaker for q in found] == ["Okoye", "Okoye"]


def test_she_is_not_a_man_the_article_calls_he() -> None:
    found = quotes(
        "Dr Amara Osei said her staff had moved every patient upstairs.\n\n"
        '"The pumps came within the hour," said council leader Bernard Quill, who defended his '
        "record.\n\n"
        '"My staff were at the door waiting," she said.'
    )
    assert [q.speaker for q in found] == ["Quill", "Osei"]


def test_a_quotation_is_not_carried_past_another_person_named_between() -> None:
    found = quotes(
        "Quill insisted the pumps had arrived on time.\n\n"
        '"They were there within the hour," Quill said.\n\n'
        "Osei shook her head.\n\n"
        '"That is not what my staff saw."'
    )
    assert [q.speaker for q in found] == ["Quill", "Osei"]


def test_gender_comes_only_from_words_that_can_only_mean_that_person() -> None:
    found = quotes(
        "Sarah Whitlock said the driver had been looking at his phone.\n\n"
        "Peter Dunn, a neighbour of Mrs Whitlock, pulled a child from the water.\n\n"
        '"I just grabbed her and ran," he said.'
    )
    assert [q.speaker for q in found] == ["Dunn"]


def test_an_object_named_between_does_not_stop_the_carry() -> None:
    found = quotes(
        '"We will rebuild the wall by Friday," Amira Sallow said. She thanked Tom Pell for his '
        'work. "It will take three days."'
    )
    assert [q.speaker for q in found] == ["Sallow", "Sallow"]
