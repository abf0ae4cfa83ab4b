# Conveniences for developers; run.sh is the front door (see README).
PY := .venv/bin/python
CORE_SRC := $(wildcard csrc/core/*.c)
FUZZERS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 600
# Harnesses whose first two input bytes choose options get seeds with such a prefix.
OPTION_FUZZERS := normalize repair score
FUZZ_FLAGS := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Icsrc/core -Itests/fuzz

.PHONY: demo test build bench fuzz test-asan valgrind reliability format clean

demo:
	bash run.sh demo

test:
	bash run.sh test

# Rebuild the extension in place after editing C (the venv must exist: run `make test` once).
build:
	$(PY) setup.py -q build_ext --inplace

# The benchmark report, benchmarks/RESULTS.md and benchmarks/charts/: run.sh's
# set-up, then the peers of the bench extra, then every comparison in one run
# (about half an hour on 2 cores, most of it the summarization peers on every
# record of the four sets; QUICK=1 for the --quick run, under two minutes).
bench:
	bash run.sh setup
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) benchmarks/report.py $(if $(QUICK),--quick)

# libFuzzer harnesses (clang) over the core, seeded from ../shared/data; each
# runs FUZZ_SECONDS (default 600) and keeps its corpus in build/fuzz/corpus
# (`make -j2 fuzz` runs two harnesses at a time).
build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_checks.h $(CORE_SRC) csrc/core/*.h
	@mkdir -p build/fuzz
	clang $(FUZZ_FLAGS) $< $(CORE_SRC) -lutf8proc -o $@

# One target per harness, so that `make -j2 fuzz` runs two at a time (not
# .PHONY: make looks up no pattern rule for those; no such files exist).
FUZZ_RUNS := $(patsubst build/fuzz/fuzz_%,fuzz-%,$(FUZZERS))
.PHONY: fuzz-seeds
.SECONDARY: $(FUZZERS)  # keep the harnesses, which make would delete as intermediates

fuzz: $(FUZZ_RUNS)

fuzz-seeds:
	$(PY) tools/fuzz_seeds.py build/fuzz/seeds
	mkdir -p build/fuzz/logs

fuzz-%: build/fuzz/fuzz_% | fuzz-seeds
	@mkdir -p build/fuzz/corpus/$*
	@seeds=text; case " $(OPTION_FUZZERS) " in *" $* "*) seeds=options;; esac; \
	    $< -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        build/fuzz/corpus/$* build/fuzz/seeds/$$seeds > build/fuzz/logs/$*.log 2>&1 \
	        || { tail -n 60 build/fuzz/logs/$*.log; exit 1; }
	@echo "$*: $$(grep -E '^Done|stat::number_of_executed_units' build/fuzz/logs/$*.log | tr -s ' \n' ' ')"

# RELIABILITY.md from a fresh round of every check: fuzzing (FUZZ_SECONDS per
# harness), the sanitized suite, valgrind, and the hardening tests.
reliability:
	$(MAKE) fuzz
	$(MAKE) test-asan > build/asan.log 2>&1 || { tail -n 40 build/asan.log; exit 1; }
	$(MAKE) valgrind
	$(PY) tools/reliability_report.py > RELIABILITY.md

# The whole test suite against an extension built with AddressSanitizer and
# UndefinedBehaviorSanitizer (gcc). The sanitized build replaces the in-place
# extension for the run (the editable install imports from the source tree),
# and the normal build is restored afterwards, pass or fail. Reports go to
# files, since pytest's capture would swallow them when a sanitizer aborts.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

# The sanitized build leaves out the AVX2 scan of normalize.c, so that the
# suite also runs the SSE2 scan that CPUs without AVX2 take.
test-asan:
	rm -rf build/asan/report.*
	CFLAGS="$(SAN_FLAGS) -O1 -g -DNG_HAVE_AVX2=0" LDFLAGS="$(SAN_FLAGS)" \
	    $(PY) setup.py -q build_ext --inplace --force --build-temp build/asan
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	    ASAN_OPTIONS=detect_leaks=0:log_path=build/asan/report \
	    UBSAN_OPTIONS=print_stacktrace=1:log_path=build/asan/report NUTGRAF_SANITIZED=1 \
	    $(PY) -m pytest -q -p no:cacheprovider; \
	    status=$$?; $(PY) setup.py -q build_ext --inplace --force; \
	    if ls build/asan/report.* >/dev/null 2>&1; then cat build/asan/report.*; status=1; fi; \
	    exit $$status

# Valgrind's leak check over tools/valgrind_check.py (every API function).
# Passes when nothing is definitely lost and no reported error has a frame in
# nutgraf's code; this CPython build itself trips valgrind's uninitialised-
# value checks in its integer code, which is not ours to fix.
valgrind:
	PYTHONMALLOC=malloc valgrind --leak-check=full --show-leak-kinds=definite \
	    $(PY) tools/valgrind_check.py > build/valgrind.log 2>&1 || true
	@grep -q "definitely lost: 0 bytes" build/valgrind.log || grep -q "All heap blocks were freed" build/valgrind.log
	@! grep -n "csrc/\|_core\.cpython" build/valgrind.log
	@grep "definitely lost\|ERROR SUMMARY" build/valgrind.log

format:
	clang-format -i csrc/core/*.[ch] csrc/python/*.[ch] tests/fuzz/*.c

clean:
	rm -rf build *.egg-info nutgraf/*.so
