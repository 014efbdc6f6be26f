// Package accounts is who may do what in a shared thesisboard: people and
// their passwords, the sessions a sign-in opens, API tokens for scripts,
// and each analysis's roles (owner, editor, viewer).
//
// A server on a loopback address without accounts runs in local mode and
// uses none of this: its one user owns everything (see app/server's
// access.go). In shared mode every request is taken through Service:
//
//	cookie or Bearer token → Authenticate → Who → Role(analysis) → allowed?
//
// The package keeps the rules; a Store (app/sqlite) keeps the rows. Only
// hashes of secrets are stored (secret.go), passwords with argon2id
// (password.go), and sign-in attempts are limited per account and per
// client address (limit.go).
package accounts
