"""The same flows on the web: ``ssguide serve``, one question per page, answers in the address.

Built the way GOV.UK's smart answers are: each page is a pure function of its
address (the answers live in the query string), plain HTML with no script,
so any number of workers, machines or caches can serve any request.

``site`` loads and checks the flows once; ``answers`` reads a query string
into answers and writes them back; ``pages`` decides what each address
shows (pure: no Starlette here); ``html`` renders the checklist; ``app`` is
the thin Starlette layer (headers, ETags, errors). Needs the ``web`` extra.
"""
