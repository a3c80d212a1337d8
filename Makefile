# ANTQ: the two commands are `make demo` and `make test`; both install what is missing first.
PRESET ?= debug
DB ?= antq.db
NAME ?=
SIZE ?= full
JOBS ?= 2
CTEST_ARGS ?=

CMAKE_CONFIGURE = cmake --preset
CMAKE_BUILD = cmake --build --preset

.PHONY: all deps configure build release package test test-cpp test-unit test-integration test-asan test-tsan lint web test-web demo bench format format-check clean

all: build

deps:
	@scripts/deps.sh

build/$(PRESET)/build.ninja:
	$(CMAKE_CONFIGURE) $(PRESET)

build: deps build/$(PRESET)/build.ninja
	$(CMAKE_BUILD) $(PRESET) -j $(JOBS)

release:
	$(MAKE) build PRESET=release

# The Debian package build/release/antq_VERSION-1_ARCH.deb (packaging/): the release build and
# the web app, installed under /usr by CPack, with the systemd unit, /etc/default/antq and the
# nginx sample. `apt install ./build/release/antq_*.deb` installs it (docs/operator-guide.md).
# Only the antq target is built: the package needs no test or benchmark.
package: deps web
	$(MAKE) build/release/build.ninja PRESET=release
	$(CMAKE_BUILD) release -j $(JOBS) --target antq
	cd build/release && cpack -G DEB

# The whole suite: the C++ unit tests first (fast), then the integration tests (real binary, real
# database files, and the Debian package, which tests/package/package_test.sh makes with cpack
# from the debug build in about a minute), then the web app's unit tests and its browser tests
# (test-web, below).
test: test-cpp test-web

test-cpp: build
	ctest --preset $(PRESET) -L unit -j $(JOBS) $(CTEST_ARGS)
	ctest --preset $(PRESET) -L integration -j $(JOBS) $(CTEST_ARGS)

test-unit: build
	ctest --preset $(PRESET) -L unit -j $(JOBS)

test-integration: build
	ctest --preset $(PRESET) -L integration -j $(JOBS)

# The fuzzer builds its own instrumented binary, so the sanitizer run leaves it out, with the one
# test that has a deadline (label "timing"). LeakSanitizer
# ignores the caches system libraries never free (scripts/lsan.supp).
test-asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 $(MAKE) test-cpp PRESET=asan CTEST_ARGS="-LE 'fuzz|timing'"

# The use cases, the engine and the server's Service under ThreadSanitizer: the unit tests,
# among them the concurrent readers and writers of tests/unit/app/service_test.cc.
test-tsan: deps
	test -f build/tsan/build.ninja || $(CMAKE_CONFIGURE) tsan
	$(CMAKE_BUILD) tsan -j $(JOBS) --target antq_unit_tests
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 build/tsan/antq_unit_tests --gtest_brief=1

# The web app (web/, TypeScript + Vite + Preact): installed from the committed lockfile, then
# type-checked, bundled into web/dist (which `antq serve` serves) and held to its size budget.
web: deps
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

# The web app's unit tests (vitest), then the browser tests: Debian's Chromium, headless, against
# `antq serve` with the sample on 127.0.0.1; screenshots go to build/screenshots/.
test-web: web build
	cd web && npm test
	ANTQ_BIN=build/$(PRESET)/antq node tests/e2e/run.mjs

# clang-tidy with .clang-tidy over src/ (every finding is an error); CI runs it after `make test`.
lint: build
	scripts/lint.sh build/$(PRESET) $(JOBS)

demo: deps web
	$(MAKE) build PRESET=release
	./build/release/antq demo --db sqlite:$(DB)

bench: deps
	scripts/bench_deps.sh
	$(MAKE) build PRESET=release
	scripts/bench.sh "$(NAME)" "$(SIZE)"

format:
	find src tests bench fuzz -name '*.h' -o -name '*.cc' | xargs clang-format -i

format-check:
	find src tests bench fuzz -name '*.h' -o -name '*.cc' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
