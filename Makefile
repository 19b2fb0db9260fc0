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
DEB_PKGS := poppler-utils qpdf libreoffice-writer-nogui weasyprint fonts-dejavu-core \
            fonts-noto-core fonts-noto-cjk tesseract-ocr tesseract-ocr-eng

.PHONY: setup run test fuzz bench eval corpus clean

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

run: setup
	$(BIN)/notices check corpus/ --summary || true

test: setup
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

eval: setup
	$(BIN)/notices eval corpus/

bench: setup
	$(BIN)/python bench/bench_check.py

clean:
	rm -rf $(VENV) out build *.egg-info
