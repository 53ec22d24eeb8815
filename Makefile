# The two commands of the README. Each creates .venv when it is missing and
# reinstalls only when a requirements file changed (the stamp files below).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The address certificates (their QR code and printed link) and e-mails point to: the one
# `make run` serves on, unless SITE_URL is set in the environment, on make's command line or in .env.
SITE_URL ?= $(if $(shell grep -s '^SITE_URL=' .env),,http://$(HOST):$(PORT))
SERVED := $(if $(SITE_URL),SITE_URL=$(SITE_URL) )$(PY)
TRANSLATIONS := $(patsubst %.po,%.mo,$(shell find locale lms cms -name '*.po' -path '*LC_MESSAGES*'))

.PHONY: run test install messages translations benchmark loadtest clean

run: $(VENV)/.installed-run node_modules/.installed messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py init_signing_key
	$(SERVED) manage.py seed_demo
	@echo "HọcSố is starting on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(SERVED) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test node_modules/.installed messages
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed-test node_modules/.installed

benchmark: $(VENV)/.installed-run messages
	$(PY) benchmarks/quiz_attempts.py $(BENCHMARK_ARGS)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py init_signing_key
	$(PY) manage.py benchmark_certificates

# The exam-day load benchmark (benchmarks/loadtest/run.py): needs postgresql, redis-server and nginx installed.
loadtest: $(VENV)/.installed-run messages
	$(PY) -m pip install --quiet -r benchmarks/requirements-loadtest.txt
	$(PY) benchmarks/loadtest/run.py $(LOADTEST_ARGS)

messages: $(TRANSLATIONS)

# Regenerate locale/vi/LC_MESSAGES/django.po from the source. Written by hand, so
# makemessages must not touch them (it would mark every entry obsolete):
# lms/accounts/locale (allauth's strings), cms/locale (Wagtail admin's) and
# locale/vi/LC_MESSAGES/djangojs.po (Wagtail admin's JavaScript; -d djangojs is never run).
translations: $(VENV)/.installed-run
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=tests --ignore=node_modules --ignore=lms/accounts/locale --ignore=cms/locale

%.mo: %.po
	msgfmt --check-format -o $@ $<

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# The H5P player, from npm. Its preinstall script demands yarn and does nothing we need.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) staticfiles node_modules
	find . -name '*.mo' -path '*LC_MESSAGES*' -not -path './$(VENV)/*' -delete
