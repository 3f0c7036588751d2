"""Clock times on either clock (nlp.clock), as the coverage features and the model read them."""

from __future__ import annotations

from storydesk.nlp.clock import as_window_time, on_24_hour_clock, times
from storydesk.verify.features import coverage, text_index
from storydesk.verify.standing import missing_figures


def test_twelve_hour_times_on_the_24_hour_clock() -> None:
    assert on_24_hour_clock("at 10:40 pm, 9 a.m., 12.15 p.m. and 12 am") == (
        "at 22:40, 09:00, 12:15 and 00:00"
    )
    assert times("at 10:40 pm; 22:40; 7:20 a.m.") == {(22, 40), (7, 20)}
    assert times("It cost 12.15 euros.") == set()  # a dot without am/pm is a sum


def test_the_claims_time_as_the_window_writes_it() -> None:
    window = "The crush happened at about 22:40 on Saturday."
    assert as_window_time("It struck at 10:40 pm.", window) == "It struck at 22:40."
    assert (
        as_window_time("It struck at 22:40.", "It came at 10:40 p.m.") == "It struck at 10:40 p.m."
    )
    # Another time, or none in the window: as written.
    assert as_window_time("It struck at 9:40 pm.", window) == "It struck at 9:40 pm."
    assert as_window_time("It struck at 10:40 pm.", "It struck late.") == "It struck at 10:40 pm."


def test_a_time_on_the_other_clock_is_not_missing(parse) -> None:  # type: ignore[no-untyped-def]
    (claim,) = parse("The crush struck at 10:40 pm on Saturday.")
    index = text_index("The crush happened at about 22:40 on Saturday, police said.")
    assert coverage(claim, index)[4] == []
    assert missing_figures(claim.text, index.text) == []
    (other,) = parse("The crush struck at 9:40 pm on Saturday.")
    assert coverage(other, index)[4] == ["21"]
