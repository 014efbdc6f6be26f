# thesisboard: `make run` to use it, `make test` to check it, `make bench` to
# measure it. Every target installs what it needs when it is missing.

SHELL      := /bin/bash
GO         ?= go
ADDR       ?= 127.0.0.1:8080
DATA       ?= $(HOME)/.local/share/thesisboard
CHROMIUM   ?= /usr/bin/chromium
GO_SOURCES := $(shell find app components cmd exports -name '*.go' -not -name '*_test.go') go.mod go.sum
WASM_FLAGS := -trimpath -ldflags='-s -w'

.PHONY: run build wasm test lint unit browser-deps bench clean

run: build
	./bin/thesisboard serve -addr $(ADDR) -data $(DATA)

build: bin/thesisboard

bin/thesisboard: web/app.wasm.br web/echarts.min.js.br $(GO_SOURCES) $(wildcard web/*.css web/*.svg web/*.png)
	$(GO) build -trimpath -o $@ ./cmd/thesisboard

wasm: web/app.wasm.br

# The browser half of the app, and its compressed twins (served as-is).
web/app.wasm.br: $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/app.wasm ./cmd/thesisboard
	$(GO) run ./cmd/precompress web/app.wasm

# ECharts comes from the npm package pinned in package-lock.json.
node_modules/echarts/dist/echarts.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# axe-core, the accessibility checker the browser tests run in the page.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

web/echarts.min.js.br: node_modules/echarts/dist/echarts.min.js
	cp $< web/echarts.min.js
	$(GO) run ./cmd/precompress web/echarts.min.js

# Debian's Chromium drives the browser tests; LibreOffice and openpyxl read
# the exported workbooks as independent clients. Installed when missing.
browser-deps:
	@missing=""; \
	command -v $(CHROMIUM) >/dev/null || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-calc-nogui"; \
	/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || missing="$$missing python3-openpyxl"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lint:
	@unformatted=$$(gofmt -l app components cmd exports web); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/model ./app/client ./components ./cmd/thesisboard ./cmd/calcbench

# Every test, the browser tests included (they need the built page and
# Chromium, so both are made first).
test: lint web/app.wasm.br web/echarts.min.js.br node_modules/axe-core/axe.min.js browser-deps
	CHROMIUM=$(CHROMIUM) $(GO) test -race -count=1 -timeout 30m ./...

# Speed and size, printed; targets are in README.md. Browser figures come
# from headless Chromium against the real server on loopback.
bench: web/app.wasm.br web/echarts.min.js.br browser-deps
	@echo "app.wasm: raw $$(stat -c %s web/app.wasm) B, gzip $$(stat -c %s web/app.wasm.gz) B, brotli $$(stat -c %s web/app.wasm.br) B"
	CHROMIUM=$(CHROMIUM) $(GO) test -run '^$$' -bench 'WASMSize|PageLoad' -benchtime 5x -count=1 ./cmd/thesisboard
	CHROMIUM=$(CHROMIUM) $(GO) test -run '^$$' -bench 'EditToOtherTab|KeystrokeToPaint' -benchtime 20x -count=1 ./cmd/thesisboard
	CHROMIUM=$(CHROMIUM) $(GO) test -run '^$$' -bench 'CalcInBrowser' -benchtime 1x -count=1 ./cmd/thesisboard
	$(GO) test -run '^$$' -bench . -count=1 ./app/calc
	$(GO) test -run '^$$' -bench 'Fsync|Commit|GetReplaying' -benchtime 10000x -count=1 ./app/sqlite
	$(GO) test -run '^$$' -bench 'FirstEditOfBig' -benchtime 3x -count=1 ./app/sqlite
	$(GO) test -run '^$$' -bench 'Change$$|RestoreVersion|RestoreRefused' -benchtime 5x -count=1 ./app/sqlite
	$(GO) test -run '^$$' -bench 'APIEdit' -benchtime 10000x -count=1 ./app/server
	$(GO) test -run '^$$' -bench 'APIWithOpenStreams' -benchtime 500x -count=1 ./app/server
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./app/report ./exports/csv
	$(GO) test -run '^$$' -bench 'Sample' -benchmem -count=1 ./exports/xlsx
	$(GO) test -run '^$$' -bench 'ExportWatchlist100k' -benchtime 10x -count=1 ./exports/xlsx
	$(GO) test -run '^$$' -bench 'ImportWatchlist100k|Section100k' -benchtime 3x -count=1 ./exports/xlsx

clean:
	rm -rf bin web/app.wasm* web/echarts.min.js*
