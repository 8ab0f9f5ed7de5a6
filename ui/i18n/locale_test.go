package i18n

import "testing"

func TestLocaleFromEnv(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"thai with charset", map[string]string{"LANG": "th_TH.UTF-8"}, "th_TH"},
		{"vietnamese", map[string]string{"LANG": "vi_VN"}, "vi_VN"},
		{"indonesian", map[string]string{"LANG": "id_ID.UTF-8"}, "id_ID"},
		{"indonesian, old code", map[string]string{"LANG": "in_ID"}, "id_ID"},
		{"malay", map[string]string{"LANG": "ms_MY"}, "ms_MY"},
		{"chinese, mainland", map[string]string{"LANG": "zh_CN.UTF-8"}, "zh_ZH"},
		{"chinese, singapore", map[string]string{"LANG": "zh_SG"}, "zh_ZH"},
		{"chinese, script tag", map[string]string{"LANG": "zh_Hans"}, "zh_ZH"},
		// The API's zh_ZH is Simplified Chinese; Traditional readers are
		// better served by English than by a script they may not read.
		{"chinese, taiwan", map[string]string{"LANG": "zh_TW.UTF-8"}, "en_US"},
		{"chinese, hong kong", map[string]string{"LANG": "zh_HK"}, "en_US"},
		{"chinese, traditional script tag", map[string]string{"LANG": "zh_Hant_TW"}, "en_US"},
		{"chinese, BCP 47 spelling", map[string]string{"LANG": "zh-Hans-CN"}, "zh_ZH"},
		{"C", map[string]string{"LANG": "C"}, "en_US"},
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "en_US"},
		{"POSIX", map[string]string{"LANG": "POSIX"}, "en_US"},
		{"empty", map[string]string{"LANG": ""}, "en_US"},
		{"nothing set", nil, "en_US"},
		{"british english", map[string]string{"LANG": "en_GB.UTF-8"}, "en_US"},
		{"german", map[string]string{"LANG": "de_DE.UTF-8"}, "en_US"},
		{"LC_ALL beats LC_MESSAGES and LANG",
			map[string]string{"LC_ALL": "vi_VN.UTF-8", "LC_MESSAGES": "th_TH.UTF-8", "LANG": "ms_MY.UTF-8"}, "vi_VN"},
		{"LC_MESSAGES beats LANG", map[string]string{"LC_MESSAGES": "th_TH.UTF-8", "LANG": "ms_MY.UTF-8"}, "th_TH"},
		{"empty LC_ALL is unset", map[string]string{"LC_ALL": "", "LANG": "id_ID.UTF-8"}, "id_ID"},
		// C is a real choice, not a gap: the first variable set decides.
		{"LC_ALL=C wins over LANG", map[string]string{"LC_ALL": "C", "LANG": "th_TH"}, "en_US"},
		{"LC_MESSAGES=C wins over LANG", map[string]string{"LC_MESSAGES": "C", "LANG": "th_TH.UTF-8"}, "en_US"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := LocaleFromEnv(func(k string) string { return tc.env[k] })
			if got != tc.want {
				t.Errorf("LocaleFromEnv(%v) = %q, want %q", tc.env, got, tc.want)
			}
		})
	}
}
