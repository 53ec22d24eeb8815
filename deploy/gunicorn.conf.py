"""
gunicorn for HọcSố: `gunicorn -c deploy/gunicorn.conf.py`. Every value can
be changed from the environment (deploy/hocso.env), so one file serves a
laptop-sized box and an exam-day machine.

Threaded workers (gthread): a quiz page spends part of its time waiting on
PostgreSQL, and a thread waiting releases the interpreter to another. Two
threads are enough for that: with four, the threads of a process fight for
its interpreter lock and each request costs more CPU (`make loadtest` on 2
cores: 4 × 4 held 60 quiz requests/s at p95 < 300 ms, 4 × 2 held 75). Each
thread keeps one database connection (CONN_MAX_AGE), so an app server holds
workers × threads connections: keep that sum, over every app server and the
task worker, under PostgreSQL's max_connections.
"""

import multiprocessing
import os

wsgi_app = "lms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 2))

# An XLSX export of 20,000 people takes about 8 s; nothing a person waits for takes a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# nginx keeps connections to the app open between requests (upstream keepalive).
keepalive = 75
# A worker is replaced after this many requests, at a random point so that not all are at once:
# whatever a library leaks is returned. Rarely: a fresh worker spends its first seconds warming up
# (templates, translations, URL patterns), and at an exam's 17 requests/s per worker 5,000 came
# every five minutes.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = max_requests // 10

# The application is loaded once and forked: workers share its memory and
# start in milliseconds. Django opens database connections lazily, after the fork.
preload_app = True
# The heartbeat file lives in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# nginx on this machine: its X-Forwarded-Proto says whether the visitor used HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

# systemd restarts and reloads the server (HUP); gunicorn's own control socket would be one
# more door, and two app servers on one machine would share its default path.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Time taken in milliseconds (%(M)s) ends each line: slow requests stand out in the journal.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(M)sms'
