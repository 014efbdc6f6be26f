//go:build !wasm

package server

import (
	"context"

	"thesisboard/app/model"
)

// Loading an analysis (Store.Get) decodes its snapshot and replays its log:
// seconds for a 100,000-op one. An event stream or a page of history needs
// only the analysis's latest version and a slice of its log, so they ask
// for those. A store can answer them directly (headStore, rangeStore);
// without, the server makes do with what every Store has.

// headStore is a Store that reads an analysis's latest version alone.
type headStore interface {
	// Head returns the latest version of analysis id.
	// Errors: ENOTFOUND when there is none or it is in the trash.
	Head(ctx context.Context, id int64) (int64, error)
}

// rangeStore is a Store that reads a slice of an analysis's log.
type rangeStore interface {
	// OpsBetween returns the logged ops of analysis id with a version
	// above after and below before, oldest first.
	OpsBetween(ctx context.Context, id, after, before int64) ([]model.LoggedOp, error)
}

// head returns the latest version of analysis id. Without a headStore it
// finds the analysis in the list of analyses (one query over their heads,
// not a load).
// Errors: ENOTFOUND when there is none or it is in the trash.
func (s *Server) head(ctx context.Context, id int64) (int64, error) {
	if h, ok := s.Store.(headStore); ok {
		return h.Head(ctx, id)
	}
	list, err := s.Store.List(ctx)
	if err != nil {
		return 0, err
	}
	for _, a := range list {
		if a.ID == id {
			return a.Version, nil
		}
	}
	return 0, model.Errorf(model.ENOTFOUND, "analysis %d not found", id)
}

// opsBetween returns the logged ops of analysis id with a version above
// after and below before, oldest first. Without a rangeStore it reads
// every op after after and keeps those below before.
func (s *Server) opsBetween(ctx context.Context, id, after, before int64) ([]model.LoggedOp, error) {
	if r, ok := s.Store.(rangeStore); ok {
		return r.OpsBetween(ctx, id, after, before)
	}
	ops, err := s.Store.Ops(ctx, id, after)
	if err != nil {
		return nil, err
	}
	for i, op := range ops {
		if op.Version >= before {
			return ops[:i], nil
		}
	}
	return ops, nil
}
