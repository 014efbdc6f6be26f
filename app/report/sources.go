package report

import (
	"fmt"
	"slices"
	"strings"

	"thesisboard/app/model"
)

// citedHeading opens the part of the notes that keeps, for each number the
// text cites without a reference list entry, the sentences citing it. A
// reference has no field for them, and they are what a reader has to go on
// to find the source.
const citedHeading = "References cited in the text"

// maxCitedNotes bounds that part of the notes.
const maxCitedNotes = 64 << 10

// references lists every reference: the entries of the text's reference
// list, and every number it cites without one as "Reference n", its citing
// sentences kept in the notes. A text that cites nothing and lists nothing
// gets itself as reference 1 (an article, with its author and outlet).
func (p *parser) references(meta articleMeta) {
	nums := make([]int, 0, len(p.cited)+len(p.entries))
	for n := range p.cited {
		nums = append(nums, n)
	}
	for n := range p.entries {
		if _, ok := p.cited[n]; !ok {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	var unlisted []int
	for _, n := range nums {
		if len(p.a.References) == model.MaxReferences {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("references past the first %d", model.MaxReferences))
			break
		}
		if e, ok := p.entries[n]; ok {
			p.a.References = append(p.a.References, e)
			continue
		}
		cited := p.cited[n][:min(len(p.cited[n]), 3)]
		p.a.References = append(p.a.References, model.Reference{Num: n, Title: fmt.Sprintf("Reference %d", n), Cited: slices.Clone(cited)})
		unlisted = append(unlisted, n)
	}
	p.citedNotes(unlisted)
	if len(p.a.References) == 0 {
		title := p.a.Title
		if by := strings.Trim(strings.Join([]string{meta.author, meta.outlet}, ", "), ", "); by != "" {
			title = truncate(title+" — "+by, model.MaxNameLen)
		}
		p.a.References = []model.Reference{{Num: 1, Title: title, AsOf: p.a.AsOf}}
	}
	p.res.Found.References = len(p.a.References)
}

// citedNotes writes the sentences citing each unlisted number into the
// notes, one line per group of numbers cited by the same sentences:
// "References 6, 7, 8: “…”".
func (p *parser) citedNotes(nums []int) {
	if len(nums) == 0 {
		return
	}
	var b strings.Builder
	b.WriteString(citedHeading + "\n")
	b.WriteString("These numbers have no entry in a reference list; the sentences citing them follow.\n")
	var keys []string
	groups := map[string][]int{}
	for _, n := range nums {
		k := strings.Join(p.cited[n], "\x00")
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], n)
	}
	for _, k := range keys {
		group := groups[k]
		label := "Reference "
		if len(group) > 1 {
			label = "References "
		}
		parts := make([]string, len(group))
		for i, n := range group {
			parts[i] = fmt.Sprint(n)
		}
		quoted := make([]string, len(p.cited[group[0]]))
		for i, s := range p.cited[group[0]] {
			quoted[i] = "“" + s + "”"
		}
		fmt.Fprintf(&b, "%s%s: %s\n", label, strings.Join(parts, ", "), strings.Join(quoted, " "))
	}
	notes := strings.TrimSpace(b.String())
	if len(notes) > maxCitedNotes || len(p.a.Notes)+len(notes)+2 > model.MaxNotesLen {
		return
	}
	if p.a.Notes != "" {
		p.a.Notes += "\n\n"
	}
	p.a.Notes += notes
}
