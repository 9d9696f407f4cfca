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

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["wire_ingest", "news_taxonomy", "wire_search"]
THEME = "themes/wire"

ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
READERS = {"html": None}
DEFAULT_CATEGORY = "news"
DEFAULT_DATE = None  # every post carries its own date; never the file system's
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = "index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
YEAR_ARCHIVE_URL = "archive/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archive/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "archive/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archive/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "search"]
SEARCH_SAVE_AS = "search/index.html"
TEMPLATE_PAGES = {"404.html": "404.html", "robots.txt": "robots.txt"}

# Pelican's own taxonomies are replaced by countries, people, organisations and topics
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_URL = TAG_URL = AUTHOR_URL = ""

# --- taxonomies (plugins/news_taxonomy) ----------------------------------------------------
TAXONOMY_PAGINATION = 20
TAXONOMY_MIN_INDEXED = 3  # term pages with fewer stories are written but noindex, not in the sitemap

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 50

RELATIVE_URLS = True
CACHE_CONTENT = False
SLUGIFY_SOURCE = "title"
SUMMARY_MAX_LENGTH = 50
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = [".git"]

# Every value from a post is escaped unless a template marks it safe (article bodies, which the
# Markdown renderer produced from escaped wire text).
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "auto_reload": False}

# Reading a post (YAML + Markdown) is cached by file mtime: a rebuild re-reads only changed posts.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "mtime"
CACHE_PATH = str(HERE / ".cache" / "pelican")
