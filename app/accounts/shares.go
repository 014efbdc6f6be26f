//go:build !wasm

package accounts

import (
	"context"

	"thesisboard/app/model"
)

// MaxShares bounds the people one analysis is shared with.
const MaxShares = 200

// Share gives the user named name role on an analysis, or changes their
// role; RoleNone removes it. Only an owner (or an admin) may. An owner
// cannot take away their own ownership here: the analysis would have none.
// Errors: EFORBIDDEN, ENOTFOUND (no such user), EINVALID.
func (s *Service) Share(ctx context.Context, w *Who, analysis int64, name string, role model.Role) error {
	if err := s.Authorize(ctx, w, analysis, model.RoleOwner); err != nil {
		return err
	}
	if role == model.RoleOwner {
		return model.Errorf(model.EINVALID, "an analysis has one owner; share it as editor or viewer")
	}
	u, _, err := s.Store.UserByName(ctx, name)
	if err != nil {
		return err
	}
	current, err := s.Store.RoleOf(ctx, analysis, u.ID)
	if err != nil {
		return err
	}
	if current == model.RoleOwner {
		return model.Errorf(model.EINVALID, "%s owns this analysis; an owner's role does not change", u.Name)
	}
	if role == model.RoleNone {
		err = s.Store.DeleteShare(ctx, analysis, u.ID)
	} else {
		if current == model.RoleNone {
			if list, err := s.Store.Shares(ctx, analysis); err != nil {
				return err
			} else if len(list) >= MaxShares {
				return model.Errorf(model.EINVALID, "this analysis is shared with %d people, the most it may be", len(list))
			}
		}
		err = s.Store.SetShare(ctx, analysis, u.ID, role)
	}
	if err == nil && role < current {
		s.revoke()
	}
	return err
}
