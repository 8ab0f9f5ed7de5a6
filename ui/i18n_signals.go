package ui

// What the app says when a stop or a signal did not go the usual way.
const (
	// TextNotSuspended: ctrl+z or SIGTSTP where nothing could resume a
	// stopped biliqr (no job control: an orphaned process group).
	TextNotSuspended Text = "not_suspended"
	// TextErrCancelled: a request stopped because biliqr was asked to end
	// (a signal during -check or -logout), not for want of a network.
	TextErrCancelled Text = "err_cancelled"
	// TextErrUnreachable: -timeout ran out before the service gave a
	// single code; then the last request's failure (or TextErrNoAnswer).
	TextErrUnreachable Text = "err_unreachable"
	TextErrNoAnswer    Text = "err_no_answer"
)

var signalTexts = map[string]map[Text]string{
	"en_US": {
		TextErrUnreachable: "bilibili.tv could not be reached within %s (-timeout), so the login stopped; the last error: %s",
		TextErrNoAnswer:    "no answer yet",
		TextErrCancelled:   "Cancelled before the server answered",
		TextNotSuspended:   "Not stopped: nothing here could resume biliqr (no job control).",
	},
	"th_TH": {
		TextErrUnreachable: "ติดต่อ bilibili.tv ไม่ได้ภายใน %s (-timeout) จึงหยุดการเข้าสู่ระบบ ข้อผิดพลาดล่าสุด: %s",
		TextErrNoAnswer:    "ยังไม่มีการตอบกลับ",
		TextErrCancelled:   "ถูกยกเลิกก่อนที่เซิร์ฟเวอร์จะตอบกลับ",
		TextNotSuspended:   "ไม่ได้หยุด: ที่นี่ไม่มีสิ่งใดให้ biliqr ทำงานต่อได้ (ไม่มี job control)",
	},
	"vi_VN": {
		TextErrUnreachable: "Không thể kết nối tới bilibili.tv trong %s (-timeout), nên đã dừng đăng nhập; lỗi gần nhất: %s",
		TextErrNoAnswer:    "chưa có phản hồi",
		TextErrCancelled:   "Đã hủy trước khi máy chủ trả lời",
		TextNotSuspended:   "Không tạm dừng: ở đây không gì có thể cho biliqr chạy tiếp (không có job control).",
	},
	"id_ID": {
		TextErrUnreachable: "bilibili.tv tidak dapat dihubungi dalam %s (-timeout), jadi login dihentikan; galat terakhir: %s",
		TextErrNoAnswer:    "belum ada jawaban",
		TextErrCancelled:   "Dibatalkan sebelum server menjawab",
		TextNotSuspended:   "Tidak dihentikan: tidak ada yang bisa melanjutkan biliqr di sini (tanpa job control).",
	},
	"ms_MY": {
		TextErrUnreachable: "bilibili.tv tidak dapat dihubungi dalam %s (-timeout), jadi log masuk dihentikan; ralat terakhir: %s",
		TextErrNoAnswer:    "belum ada jawapan",
		TextErrCancelled:   "Dibatalkan sebelum pelayan menjawab",
		TextNotSuspended:   "Tidak dihentikan: tiada apa-apa di sini yang boleh menyambung biliqr (tiada job control).",
	},
	"zh_ZH": {
		TextErrUnreachable: "%s 内无法连接 bilibili.tv（-timeout），登录已停止；最后的错误：%s",
		TextErrNoAnswer:    "尚无回应",
		TextErrCancelled:   "在服务器回应之前已取消",
		TextNotSuspended:   "未暂停：此处无法恢复暂停的 biliqr（没有作业控制）。",
	},
}

func init() { addTextsByLocale(signalTexts) }
