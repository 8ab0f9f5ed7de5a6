package ui

import "strings"

// LocaleFromEnv picks the s_locale that matches the environment's language
// (LC_ALL, then LC_MESSAGES, then LANG): th_TH.UTF-8 → th_TH, zh_CN and
// zh_SG → zh_ZH. English when nothing matches.
func LocaleFromEnv(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := getenv(v)
		if val == "" {
			continue
		}
		lang := strings.ToLower(val)
		if i := strings.IndexAny(lang, ".@"); i >= 0 {
			lang = lang[:i]
		}
		lang = strings.ReplaceAll(lang, "-", "_")
		switch {
		case strings.HasPrefix(lang, "th"):
			return "th_TH"
		case strings.HasPrefix(lang, "vi"):
			return "vi_VN"
		case strings.HasPrefix(lang, "id"), strings.HasPrefix(lang, "in_"):
			return "id_ID"
		case strings.HasPrefix(lang, "ms"):
			return "ms_MY"
		case lang == "zh" || strings.HasPrefix(lang, "zh_cn") || strings.HasPrefix(lang, "zh_sg") || strings.HasPrefix(lang, "zh_hans"):
			return "zh_ZH"
		}
		// The first variable that is set decides (POSIX precedence).
		return "en_US"
	}
	return "en_US"
}
