package report

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// block is one top-level piece of the report, reduced to what the importer
// reads: its kind, its plain text, the bold phrases in it and, for tables, the
// cells.
type block struct {
	kind   string // heading, paragraph, code, table, list
	level  int    // heading level
	offset int    // where the block starts in the source, -1 when unknown
	text   string
	bold   []string
	rows   [][]string // tables: the header row first
	items  []listItem // lists: each item, for a reference list
}

// listItem is one item of a list: its number when the list is ordered (0
// when not), its plain text and the first address it links to.
type listItem struct {
	num  int
	text string
	url  string
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table))

// maxNesting caps how many block containers (quotes, list items) one line may
// open. goldmark's time grows with the square of the nesting depth, so a line
// of 100,000 "> " would take minutes; no report nests that deep.
const maxNesting = 16

// containerRe matches one container marker at the start of a line.
var containerRe = regexp.MustCompile(`^[ \t]{0,3}(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)`)

// flattenNesting drops the container markers of each line past maxNesting.
func flattenNesting(src []byte) []byte {
	var out []byte
	for line := range bytes.Lines(src) {
		rest, n := line, 0
		for n <= maxNesting {
			m := containerRe.Find(rest)
			if m == nil {
				break
			}
			rest, n = rest[len(m):], n+1
		}
		if n <= maxNesting {
			out = append(out, line...)
			continue
		}
		// Keep the first maxNesting markers, drop the others.
		keep, cut := line, 0
		for i := 0; i < maxNesting; i++ {
			m := containerRe.Find(keep[cut:])
			cut += len(m)
		}
		out = append(out, line[:cut]...)
		rest = line[cut:]
		for {
			m := containerRe.Find(rest)
			if m == nil {
				break
			}
			rest = rest[len(m):]
		}
		out = append(out, rest...)
	}
	return out
}

// blocks parses src with goldmark (GFM tables) and flattens the top level.
// It also returns the link reference definitions ("[12]: https://…
// "Title""), which goldmark takes out of the text: a report may list its
// sources that way.
func blocks(src []byte) ([]block, []gparser.Reference) {
	src = flattenNesting(src)
	ctx := gparser.NewContext()
	doc := markdown.Parser().Parse(text.NewReader(src), gparser.WithContext(ctx))
	var out []block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		offset := -1
		if l := n.Lines(); n.Type() == ast.TypeBlock && l != nil && l.Len() > 0 {
			offset = l.At(0).Start
		}
		switch n := n.(type) {
		case *ast.Heading:
			out = append(out, block{kind: "heading", level: n.Level, offset: offset, text: inline(n, src), bold: bolds(n, src)})
		case *ast.Paragraph, *ast.TextBlock:
			out = append(out, block{kind: "paragraph", offset: offset, text: inline(n, src), bold: bolds(n, src)})
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			out = append(out, block{kind: "code", text: lines(n, src)})
		case *ast.List:
			out = append(out, block{kind: "list", text: inline(n, src), bold: bolds(n, src), items: listItems(n, src)})
		case *ast.Blockquote:
			out = append(out, block{kind: "list", text: inline(n, src), bold: bolds(n, src)})
		case *east.Table:
			out = append(out, block{kind: "table", rows: tableRows(n, src)})
		}
	}
	return out, ctx.References()
}

// listItems returns the items of a list with their numbers and first links.
func listItems(l *ast.List, src []byte) []listItem {
	var out []listItem
	i := 0
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		item := listItem{text: inline(it, src)}
		if l.IsOrdered() {
			item.num = l.Start + i
		}
		ast.Walk(it, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || item.url != "" {
				return ast.WalkContinue, nil
			}
			switch c := c.(type) {
			case *ast.Link:
				item.url = string(c.Destination)
			case *ast.AutoLink:
				item.url = string(c.URL(src))
			}
			return ast.WalkContinue, nil
		})
		out = append(out, item)
		i++
	}
	return out
}

// inline returns the plain text of n: text, code spans and soft breaks as
// spaces, block children separated by newlines.
func inline(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock && c != n && b.Len() > 0 {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.URL(src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// bolds returns the strongly emphasised phrases of n, where reports put the
// verdict and the key figures.
func bolds(n ast.Node, src []byte) []string {
	var out []string
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := c.(*ast.Emphasis); ok && entering && e.Level == 2 {
			out = append(out, inline(e, src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func lines(n ast.Node, src []byte) string {
	var b strings.Builder
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

func tableRows(t *east.Table, src []byte) [][]string {
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			row = append(row, inline(c, src))
		}
		rows = append(rows, row)
	}
	return rows
}
