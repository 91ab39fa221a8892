# Debattsvar — common tasks. `make report` and `make test` are all a fresh machine needs.
SWIFT ?= swift
CORPUS ?= corpora
REPORTS ?= reports
BIN_RELEASE := .build/release/debattsvar

.PHONY: build release report test clean bench-normalize

## build: debug build of the package
build:
	$(SWIFT) build

## release: optimised build of the debattsvar executable
release:
	$(SWIFT) build -c release --product debattsvar

## report: run the pipeline on the embedded corpus and write reports/
report: release
	$(BIN_RELEASE) run $(CORPUS) --out $(REPORTS)

## test: every test, including end-to-end runs of the built executable
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## clean: remove build products
clean:
	$(SWIFT) package clean
	rm -rf .build

## bench-normalize: OCR round trip of the held-out booklet, do-no-harm and speed of the repairs (installs tesseract with apt-get when missing)
bench-normalize:
	$(SWIFT) build -c release --product debattsvar
	$(SWIFT) build -c release --product normalize-bench
	python3 scripts/bench-normalize.py
