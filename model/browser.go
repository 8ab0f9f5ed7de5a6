package model

import (
	"errors"
	"os/exec"
	"runtime"
)

// ErrNoBrowser means nothing here can show a web page (e.g. over SSH).
var ErrNoBrowser = errors.New("no browser available")

// BrowserOpener opens a url in the desktop's default browser. Over SSH or
// without a display (as getenv tells) it says so instead of starting a
// text browser in our terminal.
func BrowserOpener(getenv func(string) string) func(url string) error {
	return func(url string) error { return openInBrowser(getenv, url) }
}

func openInBrowser(getenv func(string) string, url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		if getenv("SSH_CONNECTION") != "" {
			return ErrNoBrowser
		}
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
			return ErrNoBrowser
		}
		path, err := exec.LookPath("xdg-open")
		if err != nil {
			return ErrNoBrowser
		}
		cmd = exec.Command(path, url)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return ErrNoBrowser
	}
	go cmd.Wait() //nolint:errcheck // reap the child; its status says nothing useful
	return nil
}
