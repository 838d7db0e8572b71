# CrmSignalWorker — build, test and demo entry points. See README.md.
CONFIGURATION ?= Release

.PHONY: all build test demo bench deps clean

all: build

deps:
	bash deploy/local/services.sh ensure

build:
	dotnet build CrmSignalWorker.sln -c $(CONFIGURATION) -nologo -v quiet

test: deps build
	bash deploy/local/run-tests.sh $(CONFIGURATION)

demo: deps build
	bash deploy/local/demo.sh $(CONFIGURATION)

bench: deps build
	bash deploy/local/bench.sh $(CONFIGURATION)

clean:
	dotnet clean CrmSignalWorker.sln -nologo -v quiet
	rm -rf .demo .services artifacts
