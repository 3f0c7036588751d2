"""RSS 2.0, Atom and OPML from local files (network feeds are in test_fetch.py)."""

from __future__ import annotations

from pathlib import Path

from factories import BODY, BODY2, OPTS
from storydesk.ingest import read_inputs
from storydesk.ingest.feeds import html_to_text
from storydesk.options import Options

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Wire</title>
  <link>https://wire.test/</link>
  <language>en</language>
  <item>
    <title>Japan in talks to host NATO office</title>
    <link>https://wire.test/japan-nato</link>
    <pubDate>Wed, 10 May 2023 09:30:00 +0200</pubDate>
    <description>Short teaser &amp; more.</description>
    <content:encoded><![CDATA[<p>{BODY}</p><script>alert(1)</script><p>{BODY2}</p>]]></content:encoded>
  </item>
  <item>
    <title>China warns NATO</title>
    <link>https://wire.test/china</link>
    <description>&lt;p&gt;{BODY2}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Empty entry</title>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Brineshore Digest</title>
  <id>urn:example:digest</id>
  <updated>2023-05-11T08:00:00Z</updated>
  <entry>
    <title>NATO office plan</title>
    <link href="https://digest.test/nato"/>
    <id>urn:example:1</id>
    <updated>2023-05-11T08:00:00Z</updated>
    <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain text entry</title>
    <link href="https://digest.test/plain"/>
    <id>urn:example:2</id>
    <published>2023-05-12T10:00:00+01:00</published>
    <updated>2023-05-12T11:00:00+01:00</updated>
    <content type="text">{BODY2}</content>
  </entry>
</feed>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_entries(tmp_path: Path) -> None:
    f = write(tmp_path / "wire.rss", RSS)
    articles, problems = read_inputs([str(f)], OPTS)
    assert [a.id for a in articles] == ["wire-1", "wire-2"]
    first, second = articles
    assert first.title == "Japan in talks to host NATO office"
    assert first.url == "https://wire.test/japan-nato"
    assert first.published == "2023-05-10T07:30:00Z"  # normalised to UTC
    assert first.source == "Harbour Wire" and first.language == "en"
    assert first.text == f"{BODY}\n{BODY2}"  # content:encoded wins; script dropped
    assert first.dek == "Short teaser & more."
    assert first.format == "rss" and first.path == str(f)
    assert second.text == BODY2 and second.published is None  # summary HTML stripped
    assert [(p.path, p.record) for p in problems] == [(str(f), 3)]
    assert "no text" in problems[0].problem


def test_atom_entries(tmp_path: Path) -> None:
    f = write(tmp_path / "digest.atom", ATOM)
    articles, problems = read_inputs([str(f)], OPTS)
    assert problems == []
    assert [(a.title, a.url, a.published, a.format) for a in articles] == [
        ("NATO office plan", "https://digest.test/nato", "2023-05-11T08:00:00Z", "atom"),
        ("Plain text entry", "https://digest.test/plain", "2023-05-12T09:00:00Z", "atom"),
    ]
    assert articles[0].text == BODY and articles[1].text == BODY2
    assert all(a.source == "Brineshore Digest" for a in articles)


def test_xml_is_read_when_it_is_a_feed(tmp_path: Path) -> None:
    feed = write(tmp_path / "news.xml", ATOM)
    other = write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')
    articles, problems = read_inputs([str(feed), str(other)], OPTS)
    assert [a.id for a in articles] == ["news-1", "news-2"]
    assert [(p.path, p.problem) for p in problems] == [
        (str(other), "XML file is not an RSS or Atom feed, nor an OPML list")
    ]


def test_broken_and_empty_feeds(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.rss", "this is not xml at all <<<")
    empty = write(
        tmp_path / "empty.rss", '<rss version="2.0"><channel><title>T</title></channel></rss>'
    )
    good = write(tmp_path / "good.atom", ATOM)
    articles, problems = read_inputs([str(broken), str(empty), str(good)], OPTS)
    assert len(articles) == 2
    by_path = {p.path: p.problem for p in problems}
    assert by_path[str(broken)].startswith("not an RSS or Atom feed")
    assert by_path[str(empty)] == "feed has no entries"


def test_local_opml_lists_local_feeds(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    write(tmp_path / "feeds" / "wire.rss", RSS)
    write(tmp_path / "feeds" / "digest.atom", ATOM)
    opml = write(
        tmp_path / "subs.opml",
        """<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
        <outline text="News"><outline text="Wire" type="rss" xmlUrl="feeds/wire.rss"/>
        <outline text="Digest" type="rss" xmlUrl="feeds/digest.atom"/>
        <outline text="Gone" type="rss" xmlUrl="feeds/missing.rss"/></outline>
        </body></opml>""",
    )
    articles, problems = read_inputs([str(opml)], OPTS)
    assert [a.id for a in articles] == ["wire-1", "wire-2", "digest-1", "digest-2"]
    assert any(p.record == 3 and p.path.endswith("wire.rss") for p in problems)
    missing = [p for p in problems if p.path.endswith("missing.rss")]
    assert len(missing) == 1 and "cannot read" in missing[0].problem


def test_opml_errors(tmp_path: Path) -> None:
    none = write(tmp_path / "none.opml", "<opml><body><outline text='x'/></body></opml>")
    bad = write(tmp_path / "bad.opml", "<opml><body>")
    _, problems = read_inputs([str(none), str(bad)], OPTS)
    assert [p.problem.split(" (")[0].split(":")[0] for p in problems] == [
        "OPML lists no feeds",
        "malformed OPML",
    ]


def test_opml_feed_urls_are_not_fetched_when_fetching_is_off(tmp_path: Path) -> None:
    opml = write(
        tmp_path / "remote.opml",
        '<opml><body><outline xmlUrl="http://127.0.0.1:9/feed.xml"/></body></opml>',
    )
    _, problems = read_inputs([str(opml)], Options(fetch_enabled=False))
    assert [p.problem for p in problems] == [
        "not fetched: fetching is disabled (fetch_enabled=False)"
    ]


def test_html_to_text() -> None:
    html = "<div><h2>Head</h2><p>One &amp; <b>two</b>\n  words</p><ul><li>a</li><li>b</li></ul>"
    assert html_to_text(html + "<style>p{}</style>") == "Head\nOne & two words\na\nb"
