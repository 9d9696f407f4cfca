"""Site settings for the news archive. ``publishconf.py`` adds what only the published site needs."""

from pathlib import Path

HERE = Path(__file__).parent

AUTHOR = "Wire Desk"
SITENAME = "Wire Archive"
SITESUBTITLE = "Wire stories, organised by country, person and topic"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
LOCALE = ("C.UTF-8", "C")

# --- ingest: which raw wire folders become posts -------------------------------------------
# Editors drop raw wire files into content/wire/. While it holds none, the sample corpus in
# seeds/ is the archive; as soon as it holds one, only content/wire/ is ingested (the seed
# posts are removed, so the two are never mixed). Decided at every ingest, so `make serve`
# switches as soon as the first file is dropped. Set WIRE_SOURCES to a list of folders to
# ingest exactly those instead.
WIRE_INBOX = "content/wire"
WIRE_FALLBACK = ["seeds"]
WIRE_SOURCES = None
WIRE_POSTS_DIR = "content/posts"
WIRE_OVERRIDES = "content/entities.yaml"
WIRE_CACHE = ".cache/extract.sqlite"
# Extraction past one machine (docs/performance.md, "On a Dask cluster"): the address of a Dask
# scheduler ("tcp://10.0.0.5:8786"), or "local" for a cluster of two worker processes here.
# None: the built-in pool on this machine's cores. The environment variable of the same name
# overrides it (`make ingest SCHEDULER=tcp://10.0.0.5:8786`).
WIRE_EXTRACT_SCHEDULER = None

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["wire_ingest", "wire_archive", "wire_search"]
THEME = "themes/wire"

# The posts are read and their pages written by the archive generator (plugins/wire_archive),
# which rewrites only the pages a change touches; Pelican's own article generator reads nothing.
ARTICLE_PATHS = []
ARCHIVE_POST_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
READERS = {"html": None}
DEFAULT_CATEGORY = "news"
DEFAULT_DATE = None  # every post carries its own date; never the file system's
DEFAULT_PAGINATION = 20  # home page and its archive pages (numbered from the oldest story)
ARCHIVE_MONTH_PAGINATION = 50  # a month's stories per page in the date archive

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = []  # home, archive and search pages are the archive generator's
TEMPLATE_PAGES = {"404.html": "404.html", "robots.txt": "robots.txt"}

# Pelican's own taxonomies are replaced by countries, people, organisations and topics
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_URL = TAG_URL = AUTHOR_URL = ""

# --- taxonomies (plugins/wire_archive) ----------------------------------------------------
TAXONOMY_PAGINATION = 20
TAXONOMY_MIN_INDEXED = 3  # term pages with fewer stories are written but noindex, not in the sitemap

FEED_DOMAIN = SITEURL
ARCHIVE_FEED_ATOM = "feeds/all.atom.xml"  # newest FEED_MAX_ITEMS stories with their text
FEED_MAX_ITEMS = 50
TAXONOMY_FEED_ITEMS = 20  # per-term feeds: the newest stories' summaries
# Pelican's own feeds would be empty (its article generator reads nothing)
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# --- search (plugins/wire_search) ----------------------------------------------------------
SEARCH_SHARD_SIZE = 4000  # stories per full part of the Pagefind index (bounds its memory)
SEARCH_TAIL_SIZE = 500  # the newest stories, in parts this small: what a new story re-indexes
SEARCH_FIRST_STORIES = 2000  # the search page shows results once the newest tiers searched hold this many

RELATIVE_URLS = True
CACHE_CONTENT = False
SLUGIFY_SOURCE = "title"
SUMMARY_MAX_LENGTH = 50
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = [".git"]

# Every value from a post is escaped unless a template marks it safe (article bodies, which the
# Markdown renderer produced from escaped wire text).
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "auto_reload": False}

# Posts are remembered between builds in .cache/site/ (by file stamp), with the fingerprint of
# every page written: a rebuild reads the changed posts and writes the pages they change.
CACHE_PATH = str(HERE / ".cache" / "pelican")
