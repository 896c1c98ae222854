"""`cchc serve`: the clerk's web front, offline, in Vietnamese.

The pages only parse what the browser sends and call the library (`pipeline.Session`,
`register`, `check`) through `actions`; no rule lives here. FastAPI and uvicorn are
imported only when `cchc serve` runs.

    from cchc_docs.web.app import create_app
    app = create_app("~/huong-son-2024")        # a FastAPI app, local mode

Modules: app (factory, middleware, error pages), security (Host allow-list, body limit,
server-side sessions and CSRF tokens, headers), accounts (argon2 hashes, roles, audit
log), jobs (background work with progress and cancel), actions (every library call),
pages (workspace pages), office (register, /check, login).
"""
