# Debattsvar — common tasks. `make report` and `make test` are all a fresh machine needs.
SWIFT ?= swift
CORPUS ?= corpora
REPORTS ?= reports
BIN_RELEASE := .build/release/debattsvar

.PHONY: build release report test tools model corpus bench bench-normalize html-check fuzz clean

## build: debug build of the package
build:
	$(SWIFT) build

## release: optimised build of the debattsvar executable
release:
	$(SWIFT) build -c release --product debattsvar

## report: run the pipeline on the embedded corpus and write reports/
report: release
	$(BIN_RELEASE) run $(CORPUS) --out $(REPORTS)

## tools: Debian tools for PDF input (pdftotext) and for making the PDF test fixture (groff);
## installed with apt-get when missing and allowed (root), otherwise the PDF tests say they skip
tools:
	@missing=""; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v groff >/dev/null 2>&1 && groff -Tpdf </dev/null >/dev/null 2>&1 || missing="$$missing groff"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
	      || echo "NOTE: could not install$$missing; PDF tests will be skipped"; \
	  else echo "NOTE: missing$$missing (apt-get install$$missing); PDF tests will be skipped"; fi; \
	fi

## html-check: render the HTML reports (all years, 2025, and the test report with every part
## filled in) in headless Chromium and save screenshots in .build/html-check/ to look at; fails
## when a page gives no screenshot or its script does not run. Installs chromium with apt-get
## when missing and allowed (root). `make test` does not need Chromium.
HTML_PAGES ?= $(REPORTS)/rapport.html $(REPORTS)/2025/rapport.html Tests/ReportsTests/Snapshots/rapport.html Tests/ReportsTests/Snapshots/alle-aar-rapport.html
html-check: report
	sh scripts/html-check.sh $(HTML_PAGES)

## model: retrain the bundled logistic model on the gold tuning split (never on the test split)
model: release
	$(BIN_RELEASE) train --labels corpora/gold/tuning.tsv --out Sources/Themes/Resources/modeller/logistisk.tsv

## test: every test, including end-to-end runs of the executable. Those run the release
## binary (DEBATTSVAR_BINARY), so the large inputs (a 10,000-row export with a 5 MB cell,
## 10,000 small files) take seconds; a plain `swift test` runs the debug binary, slower.
test: tools release
	$(SWIFT) build --build-tests
	DEBATTSVAR_BINARY=$(CURDIR)/$(BIN_RELEASE) $(SWIFT) test --skip-build

## corpus: generate a deterministic scale corpus of N answers (default 2000, ~50 MB)
N ?= 2000
BENCH_CORPUS ?= .build/bench/korpus-$(N)
corpus:
	python3 bench/generate_corpus.py --answers $(N) --out $(BENCH_CORPUS)

## bench: Debattsvar, the analyst's Python script and wc -w on the same corpus, in one run;
## results appended to bench/results.tsv
bench: release
	@test -d $(BENCH_CORPUS) || python3 bench/generate_corpus.py --answers $(N) --out $(BENCH_CORPUS)
	python3 bench/run_bench.py --corpus $(BENCH_CORPUS) --binary $(BIN_RELEASE) --runs 3

## fuzz: libFuzzer with AddressSanitizer over decode → normalise → tokenise → segment → classify,
## for FUZZ_SECONDS (default 600); crashes land in .build/fuzz-crashes/ — copy each into
## Tests/PipelineTests/Fixtures/fuzz-regressions/ to keep it fixed
FUZZ_SECONDS ?= 600
fuzz:
	$(SWIFT) build -c release --product debattsvar-fuzz --scratch-path .build/fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	mkdir -p .build/fuzz-corpus .build/fuzz-crashes
	ASAN_OPTIONS=detect_leaks=0 .build/fuzz/release/debattsvar-fuzz .build/fuzz-corpus \
	  Tests/PipelineTests/Fixtures/fuzz-regressions corpora/2025/svar \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 -artifact_prefix=.build/fuzz-crashes/

## clean: remove build products
clean:
	$(SWIFT) package clean
	rm -rf .build

## bench-normalize: OCR round trip of the held-out booklet, do-no-harm and speed of the repairs (installs tesseract with apt-get when missing)
bench-normalize:
	$(SWIFT) build -c release --product debattsvar
	$(SWIFT) build -c release --product normalize-bench
	python3 scripts/bench-normalize.py
