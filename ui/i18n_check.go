package ui

// The -check and -logout lines. They are read mid-sentence in a log or a
// cron mail ("could not check: …"), so they start in lower case, and a line
// that says "not logged in" says what to do next, as gh auth status does.
const (
	TextCheckLoggedIn  Text = "check_logged_in"
	TextCheckNoSession Text = "check_no_session"
	TextCheckExpired   Text = "check_expired"
	TextCheckFile      Text = "check_file"
	TextCheckDemo      Text = "check_demo"
	TextCheckCannot    Text = "check_cannot"
	TextLogoutDone     Text = "logout_done"
	TextLogoutDemo     Text = "logout_demo"
	TextLogoutFailed   Text = "logout_failed"
)

var checkTexts = map[string]map[Text]string{
	"en_US": {
		TextCheckLoggedIn:  "logged in as %s",
		TextCheckNoSession: "not logged in: no saved session at %s; run biliqr to log in",
		TextCheckExpired:   "not logged in: the session in %s has expired or was logged out; run biliqr to log in again",
		TextCheckFile:      "not logged in: %s; run biliqr to log in again",
		TextCheckDemo:      "not logged in: %s holds a demo session (cookies for a loopback host, from biliqr -demo); run biliqr to log in",
		TextCheckCannot:    "could not check: %s; the session may still be good, try again later",
		TextLogoutDone:     "logged out of bilibili.tv; removed %s",
		TextLogoutDemo:     "logged out of the demo; removed %s",
		TextLogoutFailed:   "biliqr: logout failed; %s was kept: %s",
	},
	"th_TH": {
		TextCheckLoggedIn:  "เข้าสู่ระบบอยู่ ในชื่อ %s",
		TextCheckNoSession: "ยังไม่ได้เข้าสู่ระบบ: ไม่มีเซสชันที่บันทึกไว้ใน %s เรียกใช้ biliqr เพื่อเข้าสู่ระบบ",
		TextCheckExpired:   "ยังไม่ได้เข้าสู่ระบบ: เซสชันใน %s หมดอายุหรือออกจากระบบแล้ว เรียกใช้ biliqr เพื่อเข้าสู่ระบบอีกครั้ง",
		TextCheckFile:      "ยังไม่ได้เข้าสู่ระบบ: %s เรียกใช้ biliqr เพื่อเข้าสู่ระบบอีกครั้ง",
		TextCheckDemo:      "ยังไม่ได้เข้าสู่ระบบ: %s เป็นเซสชันสาธิต (คุกกี้ของโฮสต์ loopback จาก biliqr -demo) เรียกใช้ biliqr เพื่อเข้าสู่ระบบ",
		TextCheckCannot:    "ตรวจสอบไม่ได้: %s เซสชันอาจยังใช้ได้ โปรดลองใหม่ภายหลัง",
		TextLogoutDone:     "ออกจากระบบ bilibili.tv แล้ว และลบ %s แล้ว",
		TextLogoutDemo:     "ออกจากระบบสาธิตแล้ว และลบ %s แล้ว",
		TextLogoutFailed:   "biliqr: ออกจากระบบไม่สำเร็จ ยังเก็บ %s ไว้: %s",
	},
	"vi_VN": {
		TextCheckLoggedIn:  "đang đăng nhập với tài khoản %s",
		TextCheckNoSession: "chưa đăng nhập: không có phiên đăng nhập nào được lưu tại %s; chạy biliqr để đăng nhập",
		TextCheckExpired:   "chưa đăng nhập: phiên đăng nhập tại %s đã hết hạn hoặc đã đăng xuất; chạy biliqr để đăng nhập lại",
		TextCheckFile:      "chưa đăng nhập: %s; chạy biliqr để đăng nhập lại",
		TextCheckDemo:      "chưa đăng nhập: %s chứa phiên đăng nhập demo (cookie của máy loopback, từ biliqr -demo); chạy biliqr để đăng nhập",
		TextCheckCannot:    "không kiểm tra được: %s; phiên đăng nhập có thể vẫn dùng được, hãy thử lại sau",
		TextLogoutDone:     "đã đăng xuất khỏi bilibili.tv; đã xóa %s",
		TextLogoutDemo:     "đã đăng xuất khỏi bản demo; đã xóa %s",
		TextLogoutFailed:   "biliqr: đăng xuất thất bại; vẫn giữ %s: %s",
	},
	"id_ID": {
		TextCheckLoggedIn:  "sudah login sebagai %s",
		TextCheckNoSession: "belum login: tidak ada sesi yang tersimpan di %s; jalankan biliqr untuk login",
		TextCheckExpired:   "belum login: sesi di %s sudah kedaluwarsa atau sudah logout; jalankan biliqr untuk login lagi",
		TextCheckFile:      "belum login: %s; jalankan biliqr untuk login lagi",
		TextCheckDemo:      "belum login: %s berisi sesi demo (cookie untuk host loopback, dari biliqr -demo); jalankan biliqr untuk login",
		TextCheckCannot:    "tidak dapat memeriksa: %s; sesi mungkin masih berlaku, coba lagi nanti",
		TextLogoutDone:     "sudah logout dari bilibili.tv; %s dihapus",
		TextLogoutDemo:     "sudah logout dari demo; %s dihapus",
		TextLogoutFailed:   "biliqr: gagal logout; %s tetap disimpan: %s",
	},
	"ms_MY": {
		TextCheckLoggedIn:  "sudah log masuk sebagai %s",
		TextCheckNoSession: "belum log masuk: tiada sesi disimpan di %s; jalankan biliqr untuk log masuk",
		TextCheckExpired:   "belum log masuk: sesi di %s telah tamat tempoh atau telah log keluar; jalankan biliqr untuk log masuk semula",
		TextCheckFile:      "belum log masuk: %s; jalankan biliqr untuk log masuk semula",
		TextCheckDemo:      "belum log masuk: %s mengandungi sesi demo (kuki untuk hos loopback, daripada biliqr -demo); jalankan biliqr untuk log masuk",
		TextCheckCannot:    "tidak dapat menyemak: %s; sesi mungkin masih sah, cuba lagi kemudian",
		TextLogoutDone:     "telah log keluar daripada bilibili.tv; %s dipadam",
		TextLogoutDemo:     "telah log keluar daripada demo; %s dipadam",
		TextLogoutFailed:   "biliqr: log keluar gagal; %s dikekalkan: %s",
	},
	"zh_ZH": {
		TextCheckLoggedIn:  "已登录：%s",
		TextCheckNoSession: "未登录：%s 中没有保存的登录信息；运行 biliqr 登录",
		TextCheckExpired:   "未登录：%s 中的登录信息已过期或已退出登录；运行 biliqr 重新登录",
		TextCheckFile:      "未登录：%s；运行 biliqr 重新登录",
		TextCheckDemo:      "未登录：%s 中是演示用的登录信息（回环地址主机的 Cookie，来自 biliqr -demo）；运行 biliqr 登录",
		TextCheckCannot:    "无法检查：%s；登录信息可能仍然有效，请稍后重试",
		TextLogoutDone:     "已退出 bilibili.tv 登录；已删除 %s",
		TextLogoutDemo:     "已退出演示登录；已删除 %s",
		TextLogoutFailed:   "biliqr: 退出登录失败；已保留 %s：%s",
	},
}

func init() { addTextsByLocale(checkTexts) }

// addTextsByLocale adds texts kept per locale in a file of their own to
// the catalogs: they grow from files of their own (this one, i18n_tui.go,
// i18n_round3.go, i18n_expiry.go), so that the six in i18n_*.go are edited
// less.
func addTextsByLocale(texts map[string]map[Text]string) {
	for loc, t := range texts {
		for k, v := range t {
			catalogs[loc][k] = v
		}
	}
}
