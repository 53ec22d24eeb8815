"""
Rate limits hold across processes (issue 9, finding 6): production counts in a
shared cache (Redis through CACHE_URL) and refuses to start with a
process-local one unless told that one process is all there is.
"""

import subprocess
import sys

import environ
import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from django.urls import reverse

from lms.accounts.models import User

from . import production

PASSWORD = "a-long-test-password-1"


def test_production_refuses_a_local_memory_cache():
    result, _values = production.load(CACHE_URL=None)

    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr
    assert "REQUIRE_SHARED_CACHE" in result.stderr


def test_production_starts_with_redis_and_counts_limits_there():
    result, values = production.load()

    assert result.returncode == 0, result.stderr
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6390/15"


def test_one_process_on_one_machine_may_say_so_and_keep_local_memory():
    result, values = production.load(CACHE_URL=None, REQUIRE_SHARED_CACHE="false")

    assert result.returncode == 0, result.stderr
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_url_names_djangos_own_redis_backend():
    config = environ.Env.cache_url_config("rediss://:secret@cache.internal:6380/2")

    assert config == {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": "rediss://:secret@cache.internal:6380/2"}


@pytest.fixture
def redis_cache(redis_url):
    """The default cache moved to Redis for one test (Django reconnects on the change), emptied before and after."""
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                               "LOCATION": redis_url}}):
        caches["default"].clear()
        yield redis_url
        caches["default"].clear()


def test_two_cache_clients_share_one_counter(redis_cache):
    first = RedisCache(redis_cache, {})
    second = RedisCache(redis_cache, {})
    first.add("rl:shared", 0)

    first.incr("rl:shared")
    second.incr("rl:shared")

    assert first.get("rl:shared") == second.get("rl:shared") == 2


def test_failed_logins_counted_by_one_process_stop_the_next_guess_in_another(redis_cache, real_limits, client, db):
    owner = User.objects.create_user(email="chu.tai.khoan@example.vn", password=PASSWORD, full_name="Lê Văn Chủ")
    for _guess in range(5):
        client.post(reverse("account_login"), {"login": owner.email, "password": "wrong-password-0"})

    # Another web process: its own interpreter and Redis connection, the same counters.
    keys = subprocess.run(
        [sys.executable, "-c", "import redis, sys; print(len(redis.Redis.from_url(sys.argv[1]).keys('*rl*')))",
         redis_cache],
        capture_output=True, text=True, check=True,
    )
    assert int(keys.stdout) >= 3
    # This process's next request through a new connection, as after a restart.
    caches.close_all()
    del caches["default"]

    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})

    assert "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau." in response.content.decode()
