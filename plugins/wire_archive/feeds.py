"""Atom feeds: the whole archive (newest stories, with their text) and one per term (newest
stories, with their summaries: a feed reader subscribed to a person wants the headlines).

Written by ``feedgenerator``, the library Pelican's own feed writer uses, so plugins that listen
to Pelican's ``feed_written`` signal get the same kind of feed object as for Pelican's feeds.
Builds do not read the clock: every date in a feed comes from its stories.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed

EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)  # an empty feed's <updated>


class ArchiveAtomFeed(Atom1Feed):
    """Atom 1.0 whose <updated> is its newest entry's date, and a fixed date when it has none
    (feedgenerator's default would be the time of the build)."""

    def latest_post_date(self):
        return max((item["pubdate"] for item in self.items), default=EMPTY_FEED_DATE)


def absolute(site: str, path: str) -> str:
    """A link for a feed: absolute when the site has an address, else from the site root."""
    path = path.lstrip("/")
    return f"{site.rstrip('/')}/{path}" if site else f"/{path}"


def tag_uri(site: str, path: str, when: datetime) -> str:
    """A stable Atom id (RFC 4151) that does not depend on where the site is served."""
    host = urlsplit(site).hostname if site else None
    return f"tag:{host or 'wire-archive'},{when.date().isoformat()}:/{path.lstrip('/')}"


def atom_feed(
    title: str,
    site: str,
    page_url: str,
    feed_url: str,
    entries: list,
    author: str = "",
    lang: str = "en",
    content=None,
) -> ArchiveAtomFeed:
    """``entries`` are article views (newest first); ``content(view)`` gives an entry's HTML, or
    None for summary-only entries."""
    updated = entries[0].date if entries else EMPTY_FEED_DATE
    feed = ArchiveAtomFeed(
        title=title,
        link=absolute(site, page_url),
        description=None,
        language=lang,
        feed_url=absolute(site, feed_url),
        feed_guid=absolute(site, page_url) if site else tag_uri(site, page_url, updated),
    )
    for view in entries:
        html = content(view) if content else None
        feed.add_item(
            title=view.title,
            link=absolute(site, view.url),
            description=str(view.summary),
            content=str(html) if html is not None else None,
            author_name=view.source or author or "Wire desk",
            pubdate=view.date,
            updateddate=view.date,
            unique_id=tag_uri(site, view.url, view.date),
            categories=[term.name for term in view.topics],
        )
    return feed


def feed_text(feed: Atom1Feed) -> str:
    """The feed's XML, as ``feedgenerator`` writes it (UTF-8 declared), ending in a newline."""
    out = StringIO()
    feed.write(out, "utf-8")
    return out.getvalue() + "\n"
