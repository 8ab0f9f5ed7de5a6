package passporttest

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// The fake's accounts between runs (Options.StateFile): biliqr -demo keeps
// them so that a second run finds its session still valid ("Already
// logged in"), and -demo -check and -demo -logout act on it. Only valid
// sessions are kept; their values are the fake's own, worthless anywhere
// else, and still written as secrets are (0600, atomically).

// savedSession is one kept session, as the state file holds it.
type savedSession struct {
	SESSDATA string `json:"sessdata"`
	JCT      string `json:"bili_jct"`
	CKMD5    string `json:"ckmd5"`
	Second   string `json:"second"`
	Nonce    string `json:"nonce"`
}

// loadState adds the sessions of Options.StateFile. A missing or
// unreadable file is a fake with no accounts yet: the demo goes on.
func (s *Server) loadState() {
	if s.opts.StateFile == "" {
		return
	}
	b, err := os.ReadFile(s.opts.StateFile)
	if err != nil {
		return
	}
	var kept []savedSession
	if json.Unmarshal(b, &kept) != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range kept {
		if k.SESSDATA == "" {
			continue
		}
		sess := &session{sessdata: k.SESSDATA, jct: k.JCT, ckmd5: k.CKMD5, second: k.Second, nonce: k.Nonce, valid: true}
		s.sessions[sess.sessdata] = sess
		if sess.nonce != "" {
			s.nonces[sess.nonce] = sess
		}
		for _, v := range []string{k.SESSDATA, k.JCT, k.CKMD5, k.Second, k.Nonce} {
			s.addSecret(v)
		}
	}
}

// saveState writes the sessions still valid to Options.StateFile.
func (s *Server) saveState() error {
	if s.opts.StateFile == "" {
		return nil
	}
	s.mu.Lock()
	kept := []savedSession{}
	for _, sess := range s.sessions {
		if sess.valid {
			kept = append(kept, savedSession{sess.sessdata, sess.jct, sess.ckmd5, sess.second, sess.nonce})
		}
	}
	s.mu.Unlock()
	b, err := json.Marshal(kept)
	if err != nil {
		return err
	}
	return writeState(s.opts.StateFile, b)
}

// writeState replaces path with data: 0600 in a 0700 directory, through a
// temporary file and a rename, never through a symlink at path. (Not
// passport/session's WriteFileAtomic: that package's tests use this one.)
func writeState(path string, data []byte) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return &os.PathError{Op: "write", Path: path, Err: os.ErrInvalid}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".accounts-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up a failure
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
