package ui

// Texts of the third round of hostile inputs (issue 19), in a file of
// their own: each is added to every locale's catalog at start-up.
const (
	TextHTTPTryLater        Text = "http_try_later"        // 408, 425
	TextErrNoSession        Text = "err_no_session"        // a confirmed login without a session cookie
	TextErrTimeout          Text = "err_timeout"           // -timeout ran out before a scan
	TextRetryingRateLimited Text = "retrying_rate_limited" // the title of a 429 retry
	TextRetryingServer      Text = "retrying_server"       // the title of a 5xx, 408/425, 412 or garbled-reply retry
	TextUnexpectedUserInfo  Text = "unexpected_user_info"  // the QR link carries user@
)

var round3 = map[string]map[Text]string{
	"en_US": {
		TextHTTPTryLater:        "the server asked to try again",
		TextErrNoSession:        "The service confirmed the login but sent no session, so there is nothing to save",
		TextErrTimeout:          "No code was scanned within %s (-timeout), so the login stopped",
		TextRetryingRateLimited: "Too many requests — retrying in %ds",
		TextRetryingServer:      "The server is having trouble — retrying in %ds",
		TextUnexpectedUserInfo:  "Note: this QR code's link carries a user name (user@host) — a login link never does.",
	},
	"th_TH": {
		TextHTTPTryLater:        "เซิร์ฟเวอร์ขอให้ลองใหม่",
		TextErrNoSession:        "บริการยืนยันการเข้าสู่ระบบแล้ว แต่ไม่ได้ส่งเซสชันมา จึงไม่มีอะไรให้บันทึก",
		TextErrTimeout:          "ไม่มีการสแกนรหัส QR ภายใน %s (-timeout) จึงหยุดการเข้าสู่ระบบ",
		TextRetryingRateLimited: "คำขอมากเกินไป จะลองใหม่ใน %d\u00a0วินาที",
		TextRetryingServer:      "เซิร์ฟเวอร์มีปัญหา จะลองใหม่ใน %d\u00a0วินาที",
		TextUnexpectedUserInfo:  "หมายเหตุ: ลิงก์ของคิวอาร์โค้ดนี้ มีชื่อผู้ใช้ (user@host) ซึ่งลิงก์เข้าสู่ระบบ ไม่เคยมี",
	},
	"vi_VN": {
		TextHTTPTryLater:        "máy chủ yêu cầu thử lại",
		TextErrNoSession:        "Dịch vụ đã xác nhận đăng nhập nhưng không gửi phiên nào, nên không có gì để lưu",
		TextErrTimeout:          "Không có mã nào được quét trong %s (-timeout), nên đã dừng đăng nhập",
		TextRetryingRateLimited: "Quá nhiều yêu cầu — thử lại sau %d\u00a0giây",
		TextRetryingServer:      "Máy chủ đang gặp sự cố — thử lại sau %d\u00a0giây",
		TextUnexpectedUserInfo:  "Lưu ý: liên kết của mã QR này chứa tên người dùng (user@host) — liên kết đăng nhập không bao giờ có.",
	},
	"id_ID": {
		TextHTTPTryLater:        "server meminta untuk mencoba lagi",
		TextErrNoSession:        "Layanan mengonfirmasi login tetapi tidak mengirim sesi, jadi tidak ada yang disimpan",
		TextErrTimeout:          "Tidak ada kode yang dipindai dalam %s (-timeout), jadi login dihentikan",
		TextRetryingRateLimited: "Terlalu banyak permintaan — mencoba lagi dalam %d\u00a0detik",
		TextRetryingServer:      "Server sedang bermasalah — mencoba lagi dalam %d\u00a0detik",
		TextUnexpectedUserInfo:  "Catatan: tautan kode QR ini memuat nama pengguna (user@host) — tautan login tidak pernah memuatnya.",
	},
	"ms_MY": {
		TextHTTPTryLater:        "pelayan meminta cuba semula",
		TextErrNoSession:        "Perkhidmatan mengesahkan log masuk tetapi tidak menghantar sesi, jadi tiada apa untuk disimpan",
		TextErrTimeout:          "Tiada kod diimbas dalam %s (-timeout), jadi log masuk dihentikan",
		TextRetryingRateLimited: "Terlalu banyak permintaan — mencuba semula dalam %d\u00a0saat",
		TextRetryingServer:      "Pelayan menghadapi masalah — mencuba semula dalam %d\u00a0saat",
		TextUnexpectedUserInfo:  "Nota: pautan kod QR ini mengandungi nama pengguna (user@host) — pautan log masuk tidak pernah begitu.",
	},
	"zh_ZH": {
		TextHTTPTryLater:        "服务器要求重试",
		TextErrNoSession:        "服务已确认登录，但没有发来会话，因此没有可保存的内容",
		TextErrTimeout:          "%s 内没有扫描二维码（-timeout），登录已停止",
		TextRetryingRateLimited: "请求过多，%d\u00a0秒后重试",
		TextRetryingServer:      "服务器出现问题，%d\u00a0秒后重试",
		TextUnexpectedUserInfo:  "注意：此二维码的链接带有用户名（user@host），登录链接从不会这样。",
	},
}

func init() { addTextsByLocale(round3) }
