package ui

// What is said about the session file and the format it is written in,
// beyond the file's own reason (FileReason, in the writer's words).
const (
	// TextErrFormat: the session cannot be written in header format.
	TextErrFormat Text = "err_format"
	// TextCheckFileKept: -check of a file a login would refuse too; no
	// "run biliqr to log in again", which would fail the same way.
	TextCheckFileKept Text = "check_file_kept"
	// TextHardLinks: the file at -o has other names, which a save leaves
	// holding the old contents.
	TextHardLinks Text = "hard_links"
)

var fileTexts = map[string]map[Text]string{
	"en_US": {
		TextErrFormat:     "cannot save the session in header format: the value of cookie %s begins or ends with a space, which a Cookie header cannot keep; log in again with -format netscape or -format json",
		TextCheckFileKept: "not logged in: %s",
		TextHardLinks:     "biliqr: warning: %s has %d names (hard links); a save writes a new file under this name only, so the other names keep the old contents",
	},
	"th_TH": {
		TextErrFormat:     "บันทึกเซสชันในรูปแบบ header ไม่ได้: ค่าของคุกกี้ %s ขึ้นต้นหรือลงท้ายด้วยช่องว่าง ซึ่งส่วนหัว Cookie เก็บไว้ไม่ได้ เข้าสู่ระบบอีกครั้งด้วย -format netscape หรือ -format json",
		TextCheckFileKept: "ยังไม่ได้เข้าสู่ระบบ: %s",
		TextHardLinks:     "biliqr: คำเตือน: %s มี %d ชื่อ (ฮาร์ดลิงก์) การบันทึกจะเขียนไฟล์ใหม่ ภายใต้ชื่อนี้เท่านั้น ชื่ออื่นจึงยังเก็บเนื้อหาเดิม",
	},
	"vi_VN": {
		TextErrFormat:     "không thể lưu phiên ở định dạng header: giá trị của cookie %s bắt đầu hoặc kết thúc bằng dấu cách, điều mà một header Cookie không giữ được; hãy đăng nhập lại với -format netscape hoặc -format json",
		TextCheckFileKept: "chưa đăng nhập: %s",
		TextHardLinks:     "biliqr: cảnh báo: %s có %d tên (liên kết cứng); khi lưu, một tệp mới chỉ được ghi dưới tên này, nên các tên khác vẫn giữ nội dung cũ",
	},
	"id_ID": {
		TextErrFormat:     "tidak dapat menyimpan sesi dalam format header: nilai cookie %s diawali atau diakhiri spasi, yang tidak dapat disimpan oleh header Cookie; login lagi dengan -format netscape atau -format json",
		TextCheckFileKept: "belum login: %s",
		TextHardLinks:     "biliqr: peringatan: %s memiliki %d nama (hard link); penyimpanan menulis berkas baru hanya dengan nama ini, jadi nama lainnya tetap berisi konten lama",
	},
	"ms_MY": {
		TextErrFormat:     "tidak dapat menyimpan sesi dalam format header: nilai kuki %s bermula atau berakhir dengan ruang, yang tidak dapat disimpan oleh pengepala Cookie; log masuk semula dengan -format netscape atau -format json",
		TextCheckFileKept: "belum log masuk: %s",
		TextHardLinks:     "biliqr: amaran: %s mempunyai %d nama (pautan keras); simpanan menulis fail baharu di bawah nama ini sahaja, jadi nama lain mengekalkan kandungan lama",
	},
	"zh_ZH": {
		TextErrFormat:     "无法以 header 格式保存会话：cookie %s 的值以空格开头或结尾，Cookie 请求头无法保留；请用 -format netscape 或 -format json 重新登录",
		TextCheckFileKept: "未登录：%s",
		TextHardLinks:     "biliqr: 警告：%s 有 %d 个名称（硬链接）；保存只会在此名称下写入新文件，其他名称仍保留旧内容",
	},
}

func init() { addTextsByLocale(fileTexts) }
