package i18n

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
		// The first variable that is set decides (POSIX precedence).
		if code, ok := MatchLocale(val); ok {
			return code
		}
		return English
	}
	return English
}

// MatchLocale maps what a person or an environment writes for a language
// to one of the six s_locale codes, the same way for -locale and for
// LANG: case-insensitive, - or _, with or without a charset (.UTF-8) or
// modifier (@…), or the language alone. "th", "TH_th", "th_TH.UTF-8" →
// th_TH; "zh", "zh_CN", "zh_SG", "zh-Hans" → zh_ZH; "en", "EN_us", "en_GB"
// → en_US. Traditional Chinese (zh_TW, zh_HK, zh-Hant) matches nothing:
// the API's zh_ZH is Simplified.
func MatchLocale(s string) (string, bool) {
	lang := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(lang, ".@"); i >= 0 {
		lang = lang[:i]
	}
	lang = strings.ReplaceAll(lang, "-", "_")
	primary, rest, _ := strings.Cut(lang, "_")
	switch primary {
	case "en":
		return "en_US", true
	case "th":
		return "th_TH", true
	case "vi":
		return "vi_VN", true
	case "id", "in": // "in" is the old ISO 639 code, still in some locales
		return "id_ID", true
	case "ms":
		return "ms_MY", true
	case "zh":
		switch {
		case rest == "", rest == "zh", strings.HasPrefix(rest, "cn"), strings.HasPrefix(rest, "sg"), strings.HasPrefix(rest, "hans"):
			return "zh_ZH", true
		}
	}
	return "", false
}
