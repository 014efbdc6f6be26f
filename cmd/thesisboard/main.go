// Command thesisboard is both halves of the app, as go-app expects: built for
// GOOS=js GOARCH=wasm it is the browser app (web/app.wasm); built natively it
// is the server and command-line tool that serves that app.
//
//	thesisboard serve  -addr 127.0.0.1:8080 -data DIR [-host NAME]...
//	thesisboard export -data DIR -analysis ID -o FILE.xlsx
package main

import (
	"os"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/components"
)

func main() {
	registerRoutes()
	app.RunWhenOnBrowser() // in the browser this never returns
	os.Exit(run(os.Args[1:]))
}

// registerRoutes tells go-app which pages exist. The browser needs it to
// render, the server to prerender; tests that start Main without main() get
// it from Main.Run.
var registerRoutes = sync.OnceFunc(components.Routes)
