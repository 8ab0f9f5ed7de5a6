package ui

import "testing"

func TestLinkText(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.bilibili.tv/h5/en/qrcode/login?ticket=abc": "www.bilibili.tv/h5/en/qrcode/login?…",
		"https://www.bilibili.tv/h5/en/qrcode/login#ticket=abc": "www.bilibili.tv/h5/en/qrcode/login#…",
		"https://www.bilibili.tv/a%20b?x#y":                     "www.bilibili.tv/a%20b?…",
		"https://www.bilibili.tv/h5/en/qrcode/login":            "www.bilibili.tv/h5/en/qrcode/login",
		"":                      "",
		"https://bad host/\x7f": "",
	} {
		if got := LinkText(in); got != want {
			t.Errorf("LinkText(%q) = %q, want %q", in, got, want)
		}
	}
}
