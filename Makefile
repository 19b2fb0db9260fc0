# Two commands set everything up on a fresh machine: `make run` and `make test`.
# `make setup` is idempotent: it installs only what is missing.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# Debian packages used at run time or by the tests:
#   poppler-utils  pdftotext/pdftoppm (benchmark reference, page images)
#   qpdf           repair of damaged PDFs
#   libreoffice-writer-nogui  DOCX -> PDF for the generator and the corpus producers
#   weasyprint     HTML -> PDF corpus producer
#   fonts-*        glyphs for the 12-language translation statement
#   tesseract-ocr  OCR of scanned pages (--ocr)
#   chromium       the web app's browser test (driven by Playwright, never downloaded)
DEB_PKGS := poppler-utils qpdf libreoffice-writer-nogui weasyprint fonts-dejavu-core \
            fonts-noto-core fonts-noto-cjk tesseract-ocr tesseract-ocr-eng chromium

.PHONY: setup run test fuzz bench eval corpus templates clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@missing=$$(for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@[ -x $(BIN)/python ] || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

# The main job: audit the bundled corpus, print the summary, write the HTML report to out/.
run: setup
	@mkdir -p out
	$(BIN)/notices audit corpus/ --db out/corpus.sqlite
	$(BIN)/notices audit-report --db out/corpus.sqlite
	$(BIN)/notices audit-report --db out/corpus.sqlite --format html -o out/audit.html
	@echo "HTML summary: out/audit.html"

test: setup
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

eval: setup
	$(BIN)/notices eval corpus/

fuzz: setup
	FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest tests/test_fuzz.py -q

bench: setup
	$(BIN)/python bench/bench_check.py --markdown bench/results/check.md
	$(BIN)/python bench/bench_audit.py
	$(BIN)/python bench/bench_render.py 60

corpus: setup
	$(BIN)/python scripts/build_corpus.py

templates: setup
	$(BIN)/python scripts/build_templates.py

clean:
	rm -rf $(VENV) out build *.egg-info
