# Conveniences for developers; run.sh is the front door (see README).
PY := .venv/bin/python

.PHONY: demo test build bench format clean

demo:
	bash run.sh demo

test:
	bash run.sh test

# Rebuild the extension in place after editing C (the venv must exist: run `make test` once).
build:
	$(PY) setup.py -q build_ext --inplace

format:
	clang-format -i csrc/core/*.[ch] csrc/python/*.[ch]

clean:
	rm -rf build *.egg-info nutgraf/*.so
