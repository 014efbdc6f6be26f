//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"thesisboard/app/importer"
	"thesisboard/app/sqlite"
	"thesisboard/exports/xlsx"
)

const usage = `usage:
  thesisboard serve  [-addr 127.0.0.1:8080] [-data DIR] [-host NAME]... [-auth]
                     [-tls-cert FILE -tls-key FILE] [-trusted-proxy CIDR]...
  thesisboard export [-data DIR] -analysis ID -o FILE.xlsx
  thesisboard import [-data DIR] FILE   (an .xlsx workbook or a markdown/text report; prints the new id)
  thesisboard user   add|list|disable|enable|reset-password ...   (accounts: thesisboard user for more)
`

// run dispatches a subcommand and returns the process exit code.
func run(args []string) int {
	if len(args) == 0 {
		args = []string{"serve"}
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(args[1:])
	case "export":
		err = export(args[1:], os.Stdout)
	case "import":
		err = importFile(args[1:], os.Stdout)
	case "user":
		err = userCmd(args[1:], os.Stdin, os.Stdout)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return 0
	default:
		fmt.Fprintf(os.Stderr, "thesisboard: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "thesisboard:", err)
		return 1
	}
	return 0
}

// defaultDataDir is thesisboard's folder in the user's data directory
// ($XDG_DATA_HOME, or ~/.local/share).
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "thesisboard")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "thesisboard")
	}
	return "thesisboard-data"
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	data := fs.String("data", defaultDataDir(), "data directory (created when missing)")
	var hosts hostList
	auth := fs.Bool("auth", false, "require accounts even on a loopback address (any other address always does)")
	tlsCert := fs.String("tls-cert", "", "certificate file (PEM) to serve HTTPS with")
	tlsKey := fs.String("tls-key", "", "the certificate's private key file (PEM)")
	var proxies proxyList
	fs.Var(&proxies, "trusted-proxy", "a reverse proxy's address or CIDR whose X-Forwarded-For and X-Forwarded-Proto are believed (repeatable)")
	fs.Var(&hosts, "host", "another host name the server answers for, such as a reverse proxy's public name (repeatable; loopback names and -addr's are always answered)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if (*tlsCert == "") != (*tlsKey == "") {
		return errors.New("-tls-cert and -tls-key go together")
	}
	m := &Main{Addr: *addr, DataDir: *data, Log: log, Hosts: hosts, Auth: *auth,
		TLSCert: *tlsCert, TLSKey: *tlsKey, TrustedProxies: proxies}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := m.Run(ctx); err != nil {
		return err
	}
	log.Info("serving", "url", m.URL(), "data", *data, "hosts", append([]string{"localhost", "127.0.0.1", "[::1]"}, m.AllowedHosts()...))
	<-ctx.Done()
	log.Info("shutting down")
	return m.Close()
}

// hostList collects the values of a repeatable -host flag.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsAny(v, "/ ") {
		return fmt.Errorf("%q is not a host name", v)
	}
	*h = append(*h, v)
	return nil
}

// proxyList collects the values of a repeatable -trusted-proxy flag: an
// address (one proxy) or a CIDR.
type proxyList []netip.Prefix

func (p *proxyList) String() string { return fmt.Sprint(*p) }

func (p *proxyList) Set(v string) error {
	if pf, err := netip.ParsePrefix(v); err == nil {
		*p = append(*p, pf.Masked())
		return nil
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		return fmt.Errorf("%q is neither an address nor a CIDR", v)
	}
	*p = append(*p, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	return nil
}

func export(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	data := fs.String("data", defaultDataDir(), "data directory")
	id := fs.Int64("analysis", 0, "id of the analysis to export")
	out := fs.String("o", "", "workbook to write (.xlsx)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *id == 0 || *out == "" {
		return errors.New("export needs -analysis ID and -o FILE.xlsx")
	}
	store, err := sqlite.Open(*data)
	if err != nil {
		return err
	}
	defer store.Close()
	a, err := store.Get(context.Background(), *id)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := xlsx.Write(f, a); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

// importFile creates an analysis from a report file and prints its id; what
// the importer could not read goes to stderr.
func importFile(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	data := fs.String("data", defaultDataDir(), "data directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("import needs one file: thesisboard import -data DIR FILE")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(f, importer.MaxBytes+1))
	f.Close()
	if err != nil {
		return err
	}
	res, err := importer.Read(context.Background(), body)
	if err != nil {
		return err
	}
	store, err := sqlite.Open(*data)
	if err != nil {
		return err
	}
	defer store.Close()
	a, err := store.Create(context.Background(), res.Analysis)
	if err != nil {
		return err
	}
	for _, s := range res.Skipped {
		fmt.Fprintln(os.Stderr, "not imported:", s)
	}
	fmt.Fprintln(stdout, a.ID)
	return nil
}
