# Developer entry points. `make` builds everything into build/bin; `make run`
# also runs the verification service with the test PKI on loopback
# (scripts/demo.sh); `make test`
# builds everything with AddressSanitizer and UBSan (clang, with libFuzzer)
# and runs every test. Both install missing Debian packages first.

BUILD_DIR ?= build
TEST_DIR ?= build/sanitize
JOBS ?= $(shell nproc)

.PHONY: all deps build run test bench load-test format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTINYSIGN_TESTS=ON
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	BUILD_DIR=$(BUILD_DIR) scripts/demo.sh

test: deps
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DTINYSIGN_SANITIZE=ON -DTINYSIGN_FUZZ=ON -DTINYSIGN_BENCH=OFF
	cmake --build $(TEST_DIR) -j $(JOBS)
	cd $(TEST_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD_DIR)/bin/tinysign_bench

# Not part of `make test`: it runs for about two minutes and measures the
# machine as much as the code.
load-test: deps build
	BUILD_DIR=$(BUILD_DIR) scripts/load-test.sh

format:
	git ls-files -co --exclude-standard '*.h' '*.cc' | grep -v '^build' | \
	  xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
