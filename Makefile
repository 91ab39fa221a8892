# Debattsvar — common tasks. `make report` and `make test` are all a fresh machine needs.
SWIFT ?= swift
CORPUS ?= corpora
REPORTS ?= reports
BIN_RELEASE := .build/release/debattsvar

.PHONY: build release report test model clean

## build: debug build of the package
build:
	$(SWIFT) build

## release: optimised build of the debattsvar executable
release:
	$(SWIFT) build -c release --product debattsvar

## report: run the pipeline on the embedded corpus and write reports/
report: release
	$(BIN_RELEASE) run $(CORPUS) --out $(REPORTS)

## model: retrain the bundled logistic model on the gold tuning split (never on the test split)
model: release
	$(BIN_RELEASE) train --labels corpora/gold/tuning.tsv --out Sources/Themes/Resources/modeller/logistisk.tsv

## test: every test, including end-to-end runs of the built executable
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## clean: remove build products
clean:
	$(SWIFT) package clean
	rm -rf .build
