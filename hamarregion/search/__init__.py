"""Search across the public site from one box: the programme text, the commitments, the meetings
and the funded projects, each a group with its count and its first hits.

Only what the public pages show is searched: the published and archived programme periods, never
a draft; every meeting with its agenda and guests, its minutes only once published
(Meeting.objects.with_public_minutes); the funded projects through the catalogue's own search, so
that «see all» in the catalogue lists the same projects.

PostgreSQL: Norwegian full-text search over one document per hit (its own fields and the text of
its related rows), each word also as a prefix, as the catalogue does. The tables searched here
hold a few hundred rows per programme period, so the documents are computed per query, without an
index. SQLite: each word anywhere in the same text (icontains).

matching.py is the free-text search itself, which the apps use as well (the catalogue, the
admin); query.py the search box and the words; groups.py the registry of the groups and running
them; excerpts.py how a hit reads. What each group searches is the app's own (programme/search.py,
meetings/search.py, publication/search.py), registered in its AppConfig.ready(). This file imports
none of them: an app that imports matching.py runs it first.
"""
