"""
What production settings make of the deployment's environment
(deploy/hocso.env.example): kept database connections, sessions in the
shared cache, background work in the database for the worker, and the files
of deploy/ agreeing with one another.
"""

import re
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands

from tests.security import production

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
POSTGRES = "postgres://hocso:secret@127.0.0.1:5432/hocso"


def test_production_keeps_database_connections_and_checks_them():
    _result, values = production.load(DATABASE_URL=POSTGRES)
    database = values["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    _result, values = production.load(DATABASE_URL=POSTGRES, DB_CONN_MAX_AGE="0")
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    _result, values = production.load(DATABASE_URL=POSTGRES + "?conn_max_age=15")
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 15


def test_production_keeps_sessions_in_the_shared_cache_and_work_in_the_database():
    _result, values = production.load(DATABASE_URL=POSTGRES)
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    # One process on one machine, cache in memory: sessions stay in the database alone.
    _result, values = production.load(CACHE_URL="locmemcache://", REQUIRE_SHARED_CACHE="false")
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_the_environment_template_starts_production():
    template = {}
    for line in (DEPLOY / "hocso.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            template[name] = value.strip('"')
    assert template["DJANGO_SETTINGS_MODULE"] == "lms.settings.production"
    environment = {**template, "SECRET_KEY": production.SECRET_KEY}
    result, values = production.load(**environment)
    assert values is not None, result.stderr
    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert values["TRUSTED_PROXIES"] == ["127.0.0.1"]


def test_gunicorn_reads_its_configuration_and_the_environment():
    probe = (
        "namespace = {};"
        f"exec(open({str(DEPLOY / 'gunicorn.conf.py')!r}).read(), namespace);"
        "print(namespace['bind'], namespace['workers'], namespace['threads'], namespace['worker_class'],"
        " namespace['wsgi_app'], namespace['control_socket_disable'])"
    )
    environment = {"PATH": "/usr/bin:/bin", "GUNICORN_BIND": "127.0.0.1:8101", "WEB_CONCURRENCY": "3",
                   "GUNICORN_THREADS": "5"}
    result = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True)
    assert result.stdout.split() == ["['127.0.0.1:8101']", "3", "5", "gthread", "lms.wsgi:application", "True"]


def test_the_deploy_files_name_the_same_places():
    nginx = (DEPLOY / "nginx" / "hocso.conf").read_text()
    assert "include /srv/hocso/app/deploy/nginx/hocso-locations.conf;" in nginx
    assert "server 127.0.0.1:8001;" in nginx
    template = (DEPLOY / "hocso.env.example").read_text()
    assert "GUNICORN_BIND=127.0.0.1:8001" in template
    for unit in ("hocso-web.service", "hocso-worker.service"):
        text = (DEPLOY / "systemd" / unit).read_text()
        assert "EnvironmentFile=/etc/hocso/hocso.env" in text
        assert "WorkingDirectory=/srv/hocso/app" in text
    assert "manage.py db_worker" in (DEPLOY / "systemd" / "hocso-worker.service").read_text()


def test_every_scheduled_command_exists():
    cron_commands = set(re.findall(r"deploy/manage (\w+)", (DEPLOY / "cron.d" / "hocso").read_text()))
    assert {"publish_scheduled", "send_reminders", "send_scheduled_reports"} <= cron_commands
    assert cron_commands <= set(get_commands())
