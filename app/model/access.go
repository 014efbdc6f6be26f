package model

import "fmt"

// Role is what a person may do with one analysis. Roles are ordered: each
// may do everything the ones below it may.
type Role int

const (
	RoleNone   Role = iota // no access: the analysis is not theirs to see
	RoleViewer             // read it, follow it live, export it
	RoleEditor             // also edit it, import into it, restore a version
	RoleOwner              // also share it, delete it, restore it from the trash
)

var roleNames = [...]string{"none", "viewer", "editor", "owner"}

func (r Role) String() string {
	if r < RoleNone || r > RoleOwner {
		return fmt.Sprintf("Role(%d)", int(r))
	}
	return roleNames[r]
}

// ParseRole reads a role's name; "none" and unknown names are refused.
// Errors: EINVALID.
func ParseRole(s string) (Role, error) {
	for r := RoleViewer; r <= RoleOwner; r++ {
		if roleNames[r] == s {
			return r, nil
		}
	}
	return RoleNone, Errorf(EINVALID, "unknown role %q: want viewer, editor or owner", s)
}

// MarshalText writes a role as its name, in JSON and elsewhere.
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a role's name ("none" included).
func (r *Role) UnmarshalText(b []byte) error {
	if string(b) == "none" {
		*r = RoleNone
		return nil
	}
	v, err := ParseRole(string(b))
	*r = v
	return err
}

// Me is who the server takes the person in the page to be: GET /api/me.
// In local mode (a server on a loopback address without accounts) no one
// signs in and Local is true.
type Me struct {
	Local bool   `json:"local,omitempty"`
	Name  string `json:"name,omitempty"`
	Admin bool   `json:"admin,omitempty"`
	// LocalLogin is false when the server takes only OpenID Connect
	// sign-ins; OIDC is the provider's sign-in address, when there is one.
	LocalLogin bool   `json:"localLogin,omitempty"`
	OIDC       string `json:"oidc,omitempty"`
}
