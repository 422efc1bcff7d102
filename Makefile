# Two commands set everything up on a fresh machine with Python 3.11 and make:
#   make demo   extract every bundled sample into out/, and diff the new sample against its approved version
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Every bundled sample: .docx, .xlsx, text exports, the PDFs made from the .docx files and a scan (the
# legacy .doc needs LibreOffice, so the demo leaves it to `council extract samples/*.doc`).
SAMPLES := $(sort $(wildcard samples/*.docx samples/*.xlsx samples/*.txt samples/*.pdf))

.PHONY: demo test samples corpus bench fuzz clean

# (Re)create the venv when it is missing, broken (its Python moved) or older than pyproject.toml.
$(STAMP): pyproject.toml
	@$(BIN)/python -c 'import sys' 2>/dev/null || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/council extract --out-dir out $(SAMPLES)
	$(BIN)/council diff samples/shinjuku_logo_r6.docx --archive samples --html out/diff.html -o out/diff.json \
		|| [ $$? -eq 1 ]  # exit 1 means "differences found"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

# Regenerate samples/ (and then, on purpose, the golden JSON: make test ARGS=--update-golden).
samples: $(STAMP)
	$(BIN)/python scripts/make_samples.py
	$(BIN)/python scripts/make_archive_samples.py

# The generated corpus (200 submissions and their approved versions, four formats each; needs
# libreoffice-writer-nogui, fonts-ipaexfont, chromium, fonts-noto-cjk) and its agreement figures.
# The committed subset for the tests: $(BIN)/python scripts/make_corpus.py --n 10 --out tests/corpus --held
corpus: $(STAMP)
	$(BIN)/python scripts/make_corpus.py --out out/corpus
	$(BIN)/python scripts/score_corpus.py out/corpus --json out/corpus-score.json

# Speed and memory on the generated corpus (made first when out/corpus is missing: LibreOffice and
# Chromium, as for make corpus): the pipeline's stages per page beside pdfplumber's bare parse,
# pdfplumber's tables + text and pypdfium2's text; council batch with one job and with all cores,
# memory per worker; classification items/s. Figures, not a test: about 25 minutes on 2 cores.
bench: $(STAMP)
	@[ -d out/corpus ] || $(BIN)/python scripts/make_corpus.py --out out/corpus
	$(BIN)/python scripts/bench.py --corpus out/corpus

# The reader fuzz tests with a long budget (make test runs 15 fixed examples of each); a crash found
# here becomes a committed regression fixture under tests/fuzz/.
fuzz: $(STAMP)
	COUNCIL_FUZZ_EXAMPLES=$${COUNCIL_FUZZ_EXAMPLES:-400} $(BIN)/python -m pytest -q tests/test_hostile.py -k fuzz

clean:
	rm -rf out .pytest_cache
