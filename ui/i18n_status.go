package ui

import (
	"github.com/biliqr/biliqr/passport"
)

// What a session can do and where it is, where a network error was going,
// and the punctuation that joins clauses: added to every locale's catalog
// at start-up.
const (
	TextErrNetworkAt  Text = "err_network_at"  // network trouble, naming the host
	TextErrNetworkVia Text = "err_network_via" // … and the proxy it went through
	TextClauseSep     Text = "clause_sep"      // between the clauses of one summary line
	TextPremium       Text = "premium"         // a clause: the account has Premium
	TextFree          Text = "free"            // a clause: a free account
	TextPremiumLine   Text = "premium_line"    // the done screen's line
	TextFreeLine      Text = "free_line"       // the done screen's line
	TextSessionAt     Text = "session_at"      // -check: where the session file is
	TextKeyRetryNow   Text = "key_retry_now"   // r on the network-trouble screen
)

var statusTexts = map[string]map[Text]string{
	"en_US": {
		TextErrNetworkAt:  "Network trouble reaching %s: %s",
		TextErrNetworkVia: "Network trouble reaching %s via proxy %s: %s",
		TextClauseSep:     "; ",
		TextPremium:       "Premium member",
		TextFree:          "a free account, not Premium (videos and qualities for Premium members stay locked)",
		TextPremiumLine:   "Premium member.",
		TextFreeLine:      "A free account, not Premium: videos and qualities for Premium members stay locked.",
		TextSessionAt:     "session in %s",
		TextKeyRetryNow:   "retry now",
	},
	"th_TH": {
		TextErrNetworkAt:  "เครือข่ายมีปัญหาในการติดต่อ %s: %s",
		TextErrNetworkVia: "เครือข่ายมีปัญหาในการติดต่อ %s ผ่านพร็อกซี %s: %s",
		TextClauseSep:     "; ",
		TextPremium:       "เป็นสมาชิก Premium",
		TextFree:          "บัญชีฟรี ไม่ใช่ Premium (วิดีโอและคุณภาพสำหรับสมาชิก Premium จะใช้ไม่ได้)",
		TextPremiumLine:   "เป็นสมาชิก Premium",
		TextFreeLine:      "บัญชีฟรี ไม่ใช่ Premium: วิดีโอและคุณภาพสำหรับสมาชิก Premium จะใช้ไม่ได้",
		TextSessionAt:     "เซสชันอยู่ที่ %s",
		TextKeyRetryNow:   "ลองใหม่ตอนนี้",
	},
	"vi_VN": {
		TextErrNetworkAt:  "Sự cố mạng khi kết nối tới %s: %s",
		TextErrNetworkVia: "Sự cố mạng khi kết nối tới %s qua proxy %s: %s",
		TextClauseSep:     "; ",
		TextPremium:       "thành viên Premium",
		TextFree:          "tài khoản miễn phí, không phải Premium (video và chất lượng dành cho thành viên Premium vẫn bị khóa)",
		TextPremiumLine:   "Thành viên Premium.",
		TextFreeLine:      "Tài khoản miễn phí, không phải Premium: video và chất lượng dành cho thành viên Premium vẫn bị khóa.",
		TextSessionAt:     "phiên lưu tại %s",
		TextKeyRetryNow:   "thử lại ngay",
	},
	"id_ID": {
		TextErrNetworkAt:  "Gangguan jaringan saat menghubungi %s: %s",
		TextErrNetworkVia: "Gangguan jaringan saat menghubungi %s melalui proxy %s: %s",
		TextClauseSep:     "; ",
		TextPremium:       "anggota Premium",
		TextFree:          "akun gratis, bukan Premium (video dan kualitas untuk anggota Premium tetap terkunci)",
		TextPremiumLine:   "Anggota Premium.",
		TextFreeLine:      "Akun gratis, bukan Premium: video dan kualitas untuk anggota Premium tetap terkunci.",
		TextSessionAt:     "sesi tersimpan di %s",
		TextKeyRetryNow:   "coba lagi sekarang",
	},
	"ms_MY": {
		TextErrNetworkAt:  "Masalah rangkaian semasa menghubungi %s: %s",
		TextErrNetworkVia: "Masalah rangkaian semasa menghubungi %s melalui proksi %s: %s",
		TextClauseSep:     "; ",
		TextPremium:       "ahli Premium",
		TextFree:          "akaun percuma, bukan Premium (video dan kualiti untuk ahli Premium kekal dikunci)",
		TextPremiumLine:   "Ahli Premium.",
		TextFreeLine:      "Akaun percuma, bukan Premium: video dan kualiti untuk ahli Premium kekal dikunci.",
		TextSessionAt:     "sesi disimpan di %s",
		TextKeyRetryNow:   "cuba semula sekarang",
	},
	"zh_ZH": {
		TextErrNetworkAt:  "网络异常，无法连接 %s：%s",
		TextErrNetworkVia: "网络异常，无法经代理 %[2]s 连接 %[1]s：%[3]s",
		TextClauseSep:     "；",
		TextPremium:       "Premium 会员",
		TextFree:          "免费账号，不是 Premium 会员（Premium 专享的视频和画质无法使用）",
		TextPremiumLine:   "Premium 会员。",
		TextFreeLine:      "免费账号，不是 Premium 会员：Premium 专享的视频和画质无法使用。",
		TextSessionAt:     "登录信息保存在 %s",
		TextKeyRetryNow:   "立即重试",
	},
}

func init() { addTextsByLocale(statusTexts) }

// Clauses joins the clauses of one summary line with the language's own
// punctuation: "; " in most, "；" in Chinese. Empty clauses are left out.
func Clauses(locale string, clauses ...string) string {
	var out string
	for _, c := range clauses {
		if c == "" {
			continue
		}
		if out != "" {
			out += T(locale, TextClauseSep)
		}
		out += c
	}
	return out
}

// PremiumClause is "Premium member" or "a free account …", "" when the
// gateway did not say.
func PremiumClause(locale string, m passport.Membership) string {
	switch m {
	case passport.MembershipPremium:
		return T(locale, TextPremium)
	case passport.MembershipFree:
		return T(locale, TextFree)
	}
	return ""
}

// PremiumLine is the done screen's sentence about Premium, "" when unknown.
func PremiumLine(locale string, m passport.Membership) string {
	switch m {
	case passport.MembershipPremium:
		return T(locale, TextPremiumLine)
	case passport.MembershipFree:
		return T(locale, TextFreeLine)
	}
	return ""
}

// PremiumJSON is the "premium" field of -json and -check -json: true or
// false, nil (left out) when unknown.
func PremiumJSON(m passport.Membership) *bool {
	if !m.Known() {
		return nil
	}
	p := m == passport.MembershipPremium
	return &p
}
