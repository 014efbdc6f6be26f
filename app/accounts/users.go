//go:build !wasm

package accounts

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"thesisboard/app/model"
)

// MaxNameChars bounds a user name.
const MaxNameChars = 64

// CheckName refuses a user name that is empty, too long, or has characters
// other than letters, digits and . _ - @ (a name appears in share lists,
// history and URLs).
// Errors: EINVALID.
func CheckName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > MaxNameChars {
		return model.Errorf(model.EINVALID, "a user name has 1 to %d characters", MaxNameChars)
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-@", r) {
			return model.Errorf(model.EINVALID, "a user name has only letters, digits and . _ - @, not %q", r)
		}
	}
	return nil
}

// CheckPasswordRule refuses a password too short or too long to set.
// Errors: EINVALID.
func CheckPasswordRule(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordChars {
		return model.Errorf(model.EINVALID, "a password has at least %d characters", MinPasswordChars)
	}
	if len(password) > MaxPasswordBytes {
		return model.Errorf(model.EINVALID, "a password has at most %d bytes", MaxPasswordBytes)
	}
	return nil
}

// AddUser creates a user who signs in with password. The first admin made
// becomes the owner of the analyses made before accounts existed (in
// local mode), so turning accounts on loses sight of nothing.
// Errors: EINVALID (bad or taken name, weak password).
func (s *Service) AddUser(ctx context.Context, name, password string, admin bool) (User, error) {
	if err := CheckName(name); err != nil {
		return User{}, err
	}
	if err := CheckPasswordRule(password); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(password, s.Params)
	if err != nil {
		return User{}, err
	}
	u, err := s.Store.CreateUser(ctx, User{Name: name, Admin: admin, Created: s.Now()}, hash)
	if err == nil && admin {
		_, err = s.Store.AdoptOwnerless(ctx, u.ID)
	}
	return u, err
}

// SetPassword replaces name's password and ends their sessions but the
// one kept (0: all), so a stolen session ends with the old password.
// Errors: ENOTFOUND, EINVALID.
func (s *Service) SetPassword(ctx context.Context, name, password string, keep int64) error {
	if err := CheckPasswordRule(password); err != nil {
		return err
	}
	u, _, err := s.Store.UserByName(ctx, name)
	if err != nil {
		return err
	}
	hash, err := HashPassword(password, s.Params)
	if err == nil {
		err = s.Store.SetPassword(ctx, u.ID, hash)
	}
	if err != nil {
		return err
	}
	return s.endSessions(ctx, u.ID, keep)
}

func (s *Service) endSessions(ctx context.Context, userID, keep int64) error {
	list, err := s.Store.Sessions(ctx, userID)
	if err != nil {
		return err
	}
	for _, sess := range list {
		if sess.ID != keep {
			if err := s.Store.DeleteSession(ctx, userID, sess.ID); err != nil {
				return err
			}
		}
	}
	s.revoke()
	return nil
}

// SetDisabled disables (ending their sessions; their tokens stop working)
// or enables a user.
// Errors: ENOTFOUND.
func (s *Service) SetDisabled(ctx context.Context, name string, disabled bool) error {
	u, _, err := s.Store.UserByName(ctx, name)
	if err == nil {
		err = s.Store.SetDisabled(ctx, u.ID, disabled)
	}
	if err == nil && disabled {
		s.revoke()
	}
	return err
}
