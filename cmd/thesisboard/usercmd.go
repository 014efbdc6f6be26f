//go:build !wasm

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"thesisboard/app/accounts"
	"thesisboard/app/sqlite"
)

const userUsage = `usage:
  thesisboard user add [-data DIR] [-admin] NAME   (password from stdin, or asked for)
  thesisboard user list [-data DIR]
  thesisboard user disable [-data DIR] NAME        (ends their sessions)
  thesisboard user enable [-data DIR] NAME
  thesisboard user reset-password [-data DIR] NAME (password from stdin, or asked for)
`

// userCmd manages accounts on the server's data directory, for the first
// admin and for a server whose admins are locked out. It works on the
// database while the server runs (SQLite takes one writer at a time).
func userCmd(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("user needs a command\n" + userUsage)
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	data := fs.String("data", defaultDataDir(), "data directory")
	admin := fs.Bool("admin", false, "the user manages accounts and sees every analysis")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	store, err := sqlite.Open(*data)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := accounts.New(store)
	ctx := context.Background()
	name := func() (string, error) {
		if fs.NArg() != 1 {
			return "", fmt.Errorf("user %s needs one NAME\n%s", args[0], userUsage)
		}
		return fs.Arg(0), nil
	}
	switch args[0] {
	case "list":
		return listUsers(ctx, store, stdout)
	case "add", "reset-password":
		n, err := name()
		if err != nil {
			return err
		}
		pw, err := readPassword(stdin, stdout)
		if err != nil {
			return err
		}
		if args[0] == "reset-password" {
			if err := svc.SetPassword(ctx, n, pw, 0); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "set a new password for %s and ended their sessions\n", n)
			return nil
		}
		u, err := svc.AddUser(ctx, n, pw, *admin)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added %s (id %d%s)\n", u.Name, u.ID, map[bool]string{true: ", admin"}[u.Admin])
		return nil
	case "disable", "enable":
		n, err := name()
		if err == nil {
			err = svc.SetDisabled(ctx, n, args[0] == "disable")
		}
		if err == nil {
			fmt.Fprintf(stdout, "%sd %s\n", args[0], n)
		}
		return err
	}
	return fmt.Errorf("unknown user command %q\n%s", args[0], userUsage)
}

func listUsers(ctx context.Context, store *sqlite.Store, stdout io.Writer) error {
	list, err := store.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tADMIN\tDISABLED\tSIGNS IN WITH\tCREATED")
	for _, u := range list {
		with := "password"
		if u.Issuer != "" {
			with = u.Issuer
		}
		fmt.Fprintf(tw, "%s\t%v\t%v\t%s\t%s\n", u.Name, u.Admin, u.Disabled, with, u.Created.Format("2006-01-02"))
	}
	return tw.Flush()
}

// readPassword asks for a password twice without echo at a terminal, or
// reads the first line of stdin from a pipe (for scripts).
func readPassword(stdin io.Reader, stdout io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprint(stdout, "\nAgain: ")
		b, err2 := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err = errors.Join(err, err2); err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, accounts.MaxPasswordBytes+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on stdin")
	}
	return line, nil
}
