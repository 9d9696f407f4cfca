"""The archive generator: the posts → every page of the archive (stories; countries, people,
organisations and topics with their pages, indexes and feeds; home, date archives, the site
feed, search page and sitemap), written only when what a page shows changed."""


def register():
    from .plugin import connect

    connect()
