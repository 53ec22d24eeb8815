"""
The production settings as a server loads them: a fresh interpreter with a
production environment, so that the checks and env-driven values of
lms.settings.production run for real and the test process keeps its own settings.
"""

import base64
import pickle
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "k" * 30 + "-production-only-7f3a9c2e1b"
ENVIRONMENT = {
    "SECRET_KEY": SECRET_KEY,
    "DATABASE_URL": "sqlite:////tmp/hocso-production-check.db",
    "CACHE_URL": "redis://127.0.0.1:6390/15",
    "ALLOWED_HOSTS": "hocso.example.gov.vn",
}
DUMP = """
import base64, pickle, sys
import django
django.setup()
from django.conf import settings
values = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
sys.stdout.write(base64.b64encode(pickle.dumps(values)).decode())
"""


def load(module="lms.settings.production", **environment):
    """(completed process, settings dict or None) of `module` under ENVIRONMENT updated by `environment`."""
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": module, **ENVIRONMENT}
    env.update(environment)
    env = {name: value for name, value in env.items() if value is not None}
    result = subprocess.run([sys.executable, "-c", DUMP], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    values = pickle.loads(base64.b64decode(result.stdout)) if result.returncode == 0 else None
    return result, values
