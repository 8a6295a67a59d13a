# make demo   install what is needed, then serve the demo on http://127.0.0.1:8000
# make test   install what is needed (Chromium, npm and Python packages), then run every test
# make dist   build dist/, what a host page loads from a CDN (README: Use it from a CDN)
# make bench  what the widget costs a page, in Chromium, and its import from sources against
#             bytecode (README: Performance); BENCH_ARGS="--runs 11"
PORT ?= 8000
API_PORT ?= 8001
SIP_PORT ?= 8002
PY := .venv/bin/python
# Browser tests run in parallel workers, each with its own Chromium and servers.
JOBS ?= 2

.PHONY: demo test dist bench setup-runtime setup-test lint format

# The local Genesys Cloud API server (demo/supervisor.html) and Kamailio (the JsSIP demo's SIP
# server, SIP over WebSocket on loopback) run beside the static server and stop with it.
demo: setup-runtime
	@$(PY) -m tests.servers.genesys_api --port $(API_PORT) & api=$$!; \
	$(PY) -m tests.servers.kamailio --port $(SIP_PORT) & sip=$$!; \
	trap 'kill $$api $$sip 2>/dev/null' EXIT INT TERM; \
	echo "Supervisor overlay (Genesys Cloud Platform API): http://127.0.0.1:$(PORT)/demo/supervisor.html"; \
	echo "JsSIP on Kamailio (ws://127.0.0.1:$(SIP_PORT)): http://127.0.0.1:$(PORT)/demo/sdk.html?sdk=jssip"; \
	$(PY) scripts/serve.py --port $(PORT)

test: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

dist: setup-runtime
	$(PY) scripts/build_dist.py

bench: setup-test
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/import_cost.py

setup-runtime:
	@scripts/setup.sh runtime

setup-test:
	@scripts/setup.sh test

lint: setup-test
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: setup-test
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .
