package calc

import (
	"maps"
	"slices"
)

// FunctionNames lists the functions the engine computes, sorted: the
// workbook writer holds its list of live functions to it, so a function
// added here is either written live or left out on purpose.
func FunctionNames() []string {
	return slices.Sorted(maps.Keys(functions))
}
