# dbaudit - top-level entry points.
#
#   make          build build/dbaudit
#   make test     install what is missing, build, run every test against a
#                 private PostgreSQL (started and stopped by scripts/with-pg.sh)
#   make demo     install what is missing, build, audit the bundled example
#                 database in a private PostgreSQL, print the report
#   make bench    time the catalog audit on 2,000 and 10,000 tables
#   make bench-data  time the orphan check on 10 million rows
#   make bench-scan  time `dbaudit scan` on 2,000 migrations and a 10,000-
#                 statement SQL migration, against squawk on the same SQL
#   make bench-code  time `dbaudit scan` on 25 MB of generated TypeScript
#                 data-access code, against tree-sitter parsing alone
#   make sanitize build and test with AddressSanitizer and UBSan
BUILD ?= build
CMAKE_FLAGS ?=

.PHONY: all build setup test demo bench bench-data bench-scan bench-code sanitize clean

all: build

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: $(BUILD)/build.ninja
	cmake --build $(BUILD)

setup:
	@scripts/setup.sh

test: setup
	@$(MAKE) --no-print-directory build
	scripts/with-pg.sh ctest --test-dir $(BUILD) --output-on-failure -j 2

demo: setup
	@$(MAKE) --no-print-directory build
	@scripts/with-pg.sh scripts/demo.sh $(BUILD)/dbaudit

bench: setup
	@$(MAKE) --no-print-directory build
	scripts/with-pg.sh bench/catalog.sh $(BUILD)/dbaudit

bench-data: setup
	@$(MAKE) --no-print-directory build
	scripts/with-pg.sh bench/orphans.sh $(BUILD)/dbaudit

bench-scan: setup
	@$(MAKE) --no-print-directory build
	bench/scan.sh $(BUILD)/dbaudit

bench-code: setup
	@$(MAKE) --no-print-directory build
	bench/code.sh $(BUILD)/dbaudit

sanitize: setup
	@$(MAKE) --no-print-directory build BUILD=build-asan CMAKE_FLAGS="-DDBAUDIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"
	scripts/with-pg.sh env ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j 2

clean:
	rm -rf $(BUILD) build-asan
