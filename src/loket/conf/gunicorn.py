"""Gunicorn settings for production: `gunicorn -c python:loket.conf.gunicorn loket.wsgi`.

Threaded workers keep HTTP connections alive (sync workers answer `Connection: close`, so every
request of a client reconnected) and let a worker serve another request while one waits on
PostgreSQL. Each value can be overridden from the environment.
"""

import os

bind = os.environ.get("LOKET_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 2)))
worker_class = "gthread"
# Many threads: a browser with the web chat open keeps one request waiting (a long poll) and
# holds no database connection meanwhile (conf/production.py pools them); threads are started
# only as requests need them.
threads = int(os.environ.get("LOKET_WEB_THREADS", "64"))
keepalive = int(os.environ.get("LOKET_KEEPALIVE", "5"))
# Recycle a worker now and then (memory of a long-lived process), not all at once.
max_requests = int(os.environ.get("LOKET_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
timeout = int(os.environ.get("LOKET_WEB_TIMEOUT", "60"))
accesslog = os.environ.get("LOKET_ACCESSLOG") or None
