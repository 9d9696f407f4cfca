"""Settings for the published site: absolute URLs and feeds with a domain.

Set SITEURL (or the SITEURL environment variable) to the address the archive is served from.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = not SITEURL
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
