package ui

// What the app says when a stop or a signal did not go the usual way.
const (
	// TextNotSuspended: ctrl+z or SIGTSTP where nothing could resume a
	// stopped biliqr (no job control: an orphaned process group).
	TextNotSuspended Text = "not_suspended"
	// TextErrCancelled: a request stopped because biliqr was asked to end
	// (a signal during -check or -logout), not for want of a network.
	TextErrCancelled Text = "err_cancelled"
)

var signalTexts = map[string]map[Text]string{
	"en_US": {
		TextErrCancelled: "Cancelled before the server answered",
		TextNotSuspended: "Not stopped: nothing here could resume biliqr (no job control).",
	},
	"th_TH": {
		TextErrCancelled: "ถูกยกเลิกก่อนที่เซิร์ฟเวอร์จะตอบกลับ",
		TextNotSuspended: "ไม่ได้หยุด: ที่นี่ไม่มีสิ่งใดให้ biliqr ทำงานต่อได้ (ไม่มี job control)",
	},
	"vi_VN": {
		TextErrCancelled: "Đã hủy trước khi máy chủ trả lời",
		TextNotSuspended: "Không tạm dừng: ở đây không gì có thể cho biliqr chạy tiếp (không có job control).",
	},
	"id_ID": {
		TextErrCancelled: "Dibatalkan sebelum server menjawab",
		TextNotSuspended: "Tidak dihentikan: tidak ada yang bisa melanjutkan biliqr di sini (tanpa job control).",
	},
	"ms_MY": {
		TextErrCancelled: "Dibatalkan sebelum pelayan menjawab",
		TextNotSuspended: "Tidak dihentikan: tiada apa-apa di sini yang boleh menyambung biliqr (tiada job control).",
	},
	"zh_ZH": {
		TextErrCancelled: "在服务器回应之前已取消",
		TextNotSuspended: "未暂停：此处无法恢复暂停的 biliqr（没有作业控制）。",
	},
}

func init() { addTextsByLocale(signalTexts) }
