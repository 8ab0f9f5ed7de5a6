package ui

// Texts of the full-screen app added for issue 21: what "Already logged
// in" keeps, the renewed code, the notices that say a key did something.
const (
	TextKeyKeep         Text = "key_keep"
	TextKeyAnyKey       Text = "key_any_key" // the key name shown for "any key" on the done screen
	TextKeyClear        Text = "key_clear"   // esc in the menu with a filter typed
	TextKeyFilter       Text = "key_filter"  // typing in the menu
	TextSummaryKeptPath Text = "summary_kept_path"
	TextSavedIn         Text = "saved_in"
	TextRenewed         Text = "renewed"
	TextInvertOn        Text = "invert_on"
	TextInvertOff       Text = "invert_off"
	// -demo: the fake's session is no bilibili.tv login
	TextSummaryOKDemo   Text = "summary_ok_demo"
	TextSummaryKeptDemo Text = "summary_kept_demo"
	TextStreamKeptDemo  Text = "stream_kept_demo"
)

var tuiTexts = map[string]map[Text]string{
	"en_US": {
		TextSummaryOKDemo:   "Logged in to the demo as %s; session saved to %s (%s)",
		TextSummaryKeptDemo: "Already logged in to the demo as %s; session kept in %s",
		TextStreamKeptDemo:  "Already logged in to the demo as %s; the session in %s is kept. Run with -force to log in again.",
		TextKeyKeep:         "keep",
		TextKeyAnyKey:       "any key",
		TextKeyClear:        "clear",
		TextKeyFilter:       "filter",
		TextSummaryKeptPath: "biliqr: the session in %s was kept",
		TextSavedIn:         "Saved in %s",
		TextRenewed:         "The code expired — here is a new one.",
		TextInvertOn:        "Colours inverted.",
		TextInvertOff:       "Colours back to normal.",
	},
	"th_TH": {
		TextSummaryOKDemo:   "เข้าสู่ระบบสาธิตในชื่อ %s แล้ว และบันทึกเซสชันไว้ที่ %s (%s)",
		TextSummaryKeptDemo: "เข้าสู่ระบบสาธิตอยู่แล้ว ในชื่อ %s และยังเก็บเซสชันไว้ที่ %s",
		TextStreamKeptDemo:  "เข้าสู่ระบบสาธิตอยู่แล้ว ในชื่อ %s และยังเก็บเซสชันใน %s ไว้ เรียกใช้ด้วย -force เพื่อเข้าสู่ระบบใหม่",
		TextKeyKeep:         "เก็บไว้",
		TextKeyAnyKey:       "ปุ่มใดก็ได้",
		TextKeyClear:        "ล้าง",
		TextKeyFilter:       "กรอง",
		TextSummaryKeptPath: "biliqr: ยังเก็บเซสชันใน %s ไว้",
		TextSavedIn:         "บันทึกไว้ที่ %s",
		TextRenewed:         "รหัส QR หมดอายุแล้ว นี่คือรหัสใหม่",
		TextInvertOn:        "สลับสีแล้ว",
		TextInvertOff:       "กลับเป็นสีปกติแล้ว",
	},
	"vi_VN": {
		TextSummaryOKDemo:   "Đã đăng nhập bản demo với tài khoản %s; đã lưu phiên đăng nhập vào %s (%s)",
		TextSummaryKeptDemo: "Đã đăng nhập sẵn bản demo với tài khoản %s; phiên đăng nhập vẫn lưu tại %s",
		TextStreamKeptDemo:  "Đã đăng nhập sẵn bản demo với tài khoản %s; vẫn giữ phiên đăng nhập tại %s. Chạy với -force để đăng nhập lại.",
		TextKeyKeep:         "giữ lại",
		TextKeyAnyKey:       "phím bất kỳ",
		TextKeyClear:        "xóa lọc",
		TextKeyFilter:       "lọc",
		TextSummaryKeptPath: "biliqr: vẫn giữ phiên đăng nhập tại %s",
		TextSavedIn:         "Đã lưu tại %s",
		TextRenewed:         "Mã đã hết hạn — đây là mã mới.",
		TextInvertOn:        "Đã đảo màu.",
		TextInvertOff:       "Đã trở lại màu thường.",
	},
	"id_ID": {
		TextSummaryOKDemo:   "Berhasil login ke demo sebagai %s; sesi disimpan di %s (%s)",
		TextSummaryKeptDemo: "Sudah login ke demo sebagai %s; sesi tetap di %s",
		TextStreamKeptDemo:  "Sudah login ke demo sebagai %s; sesi di %s tetap disimpan. Jalankan dengan -force untuk login lagi.",
		TextKeyKeep:         "simpan",
		TextKeyAnyKey:       "tombol apa saja",
		TextKeyClear:        "hapus saringan",
		TextKeyFilter:       "saring",
		TextSummaryKeptPath: "biliqr: sesi di %s tetap disimpan",
		TextSavedIn:         "Tersimpan di %s",
		TextRenewed:         "Kode kedaluwarsa — ini kode baru.",
		TextInvertOn:        "Warna dibalik.",
		TextInvertOff:       "Warna kembali normal.",
	},
	"ms_MY": {
		TextSummaryOKDemo:   "Berjaya log masuk ke demo sebagai %s; sesi disimpan ke %s (%s)",
		TextSummaryKeptDemo: "Sudah log masuk ke demo sebagai %s; sesi kekal di %s",
		TextStreamKeptDemo:  "Sudah log masuk ke demo sebagai %s; sesi di %s dikekalkan. Jalankan dengan -force untuk log masuk semula.",
		TextKeyKeep:         "kekalkan",
		TextKeyAnyKey:       "sebarang kekunci",
		TextKeyClear:        "kosongkan",
		TextKeyFilter:       "tapis",
		TextSummaryKeptPath: "biliqr: sesi di %s dikekalkan",
		TextSavedIn:         "Disimpan di %s",
		TextRenewed:         "Kod telah tamat tempoh — ini kod baharu.",
		TextInvertOn:        "Warna diterbalikkan.",
		TextInvertOff:       "Warna kembali biasa.",
	},
	"zh_ZH": {
		TextSummaryOKDemo:   "已登录演示，账号 %s；登录信息已保存到 %s（%s）",
		TextSummaryKeptDemo: "已登录演示，账号 %s；登录信息保留在 %s",
		TextStreamKeptDemo:  "已登录演示，账号 %s；%s 中的登录信息已保留。使用 -force 运行可重新登录。",
		TextKeyKeep:         "保留",
		TextKeyAnyKey:       "任意键",
		TextKeyClear:        "清除筛选",
		TextKeyFilter:       "筛选",
		TextSummaryKeptPath: "biliqr: 已保留 %s 中的登录信息",
		TextSavedIn:         "保存在 %s",
		TextRenewed:         "二维码已过期，已换成新的二维码。",
		TextInvertOn:        "已反转颜色。",
		TextInvertOff:       "已恢复正常颜色。",
	},
}

func init() { addTextsByLocale(tuiTexts) }
