package ui

// Texts of the code's renderings (-qr, the f key), the Linux console and
// copying inside tmux.
const (
	TextKeyRender    Text = "key_render"     // f: the next rendering
	TextRenderNow    Text = "render_now"     // the notice after f: "Code drawn as: %s"
	TextMayNotScan   Text = "may_not_scan"   // blocks on a terminal that could not be asked
	TextConsoleWays  Text = "console_ways"   // the Linux console: the code does not fit
	TextCopiedTmux   Text = "copied_tmux"    // c inside tmux, done
	TextCopyTmuxFail Text = "copy_tmux_fail" // c inside tmux failed; OSC 52 sent instead
	TextImageGone    Text = "image_gone"     // the terminal showed no image: back to text
	TextModeBlocks   Text = "mode_blocks"
	TextModeLarge    Text = "mode_large"
	TextModeASCII    Text = "mode_ascii"
	TextModeImage    Text = "mode_image"
)

var renderTexts = map[string]map[Text]string{
	"en_US": {
		TextKeyRender:    "larger/other code",
		TextRenderNow:    "Code drawn as: %s.",
		TextMayNotScan:   "Won't scan? Press f for a larger code.",
		TextConsoleWays:  "On the console: load a larger font or resolution (setfont, the kernel's video= option), or write the code to a file with -png, or print the link with -qr none.",
		TextCopiedTmux:   "Copied to tmux's buffer (paste with prefix ]).",
		TextCopyTmuxFail: "tmux did not take the link (%s); sent it to the terminal's clipboard instead.",
		TextImageGone:    "The terminal showed no image; the code is drawn as text.",
		TextModeBlocks:   "half blocks",
		TextModeLarge:    "large",
		TextModeASCII:    "ASCII characters",
		TextModeImage:    "image",
	},
	"th_TH": {
		TextKeyRender:    "รหัสใหญ่ขึ้น/แบบอื่น",
		TextRenderNow:    "แสดงรหัสแบบ: %s",
		TextMayNotScan:   "สแกนไม่ได้? กด f เพื่อรหัสที่ใหญ่ขึ้น",
		TextConsoleWays:  "บนคอนโซล: ใช้ฟอนต์หรือความละเอียดที่ใหญ่ขึ้น (setfont, ตัวเลือก video= ของเคอร์เนล) หรือเขียนรหัสลงไฟล์ด้วย -png หรือพิมพ์ลิงก์ด้วย -qr none",
		TextCopiedTmux:   "คัดลอกไปยังบัฟเฟอร์ของ tmux แล้ว (วางด้วย prefix ])",
		TextCopyTmuxFail: "tmux ไม่รับลิงก์ (%s) จึงส่งไปยังคลิปบอร์ดของเทอร์มินัลแทน",
		TextImageGone:    "เทอร์มินัลไม่แสดงภาพ จึงแสดงรหัสเป็นข้อความ",
		TextModeBlocks:   "ครึ่งบล็อก",
		TextModeLarge:    "ขนาดใหญ่",
		TextModeASCII:    "อักขระ ASCII",
		TextModeImage:    "ภาพ",
	},
	"vi_VN": {
		TextKeyRender:    "mã lớn hơn/kiểu khác",
		TextRenderNow:    "Mã được vẽ dạng: %s.",
		TextMayNotScan:   "Không quét được? Nhấn f để có mã lớn hơn.",
		TextConsoleWays:  "Trên console: dùng phông chữ hoặc độ phân giải lớn hơn (setfont, tùy chọn video= của kernel), hoặc ghi mã ra tệp bằng -png, hoặc in liên kết bằng -qr none.",
		TextCopiedTmux:   "Đã sao chép vào bộ đệm của tmux (dán bằng prefix ]).",
		TextCopyTmuxFail: "tmux không nhận liên kết (%s); đã gửi vào bảng nhớ tạm của terminal.",
		TextImageGone:    "Terminal không hiển thị ảnh; mã được vẽ dạng chữ.",
		TextModeBlocks:   "nửa khối",
		TextModeLarge:    "lớn",
		TextModeASCII:    "ký tự ASCII",
		TextModeImage:    "ảnh",
	},
	"id_ID": {
		TextKeyRender:    "kode lebih besar/lain",
		TextRenderNow:    "Kode digambar sebagai: %s.",
		TextMayNotScan:   "Tidak bisa dipindai? Tekan f untuk kode yang lebih besar.",
		TextConsoleWays:  "Di konsol: pakai fon atau resolusi yang lebih besar (setfont, opsi video= kernel), atau tulis kode ke berkas dengan -png, atau cetak tautan dengan -qr none.",
		TextCopiedTmux:   "Disalin ke buffer tmux (tempel dengan prefix ]).",
		TextCopyTmuxFail: "tmux tidak menerima tautan (%s); dikirim ke papan klip terminal sebagai gantinya.",
		TextImageGone:    "Terminal tidak menampilkan gambar; kode digambar sebagai teks.",
		TextModeBlocks:   "setengah blok",
		TextModeLarge:    "besar",
		TextModeASCII:    "karakter ASCII",
		TextModeImage:    "gambar",
	},
	"ms_MY": {
		TextKeyRender:    "kod lebih besar/lain",
		TextRenderNow:    "Kod dilukis sebagai: %s.",
		TextMayNotScan:   "Tidak dapat diimbas? Tekan f untuk kod yang lebih besar.",
		TextConsoleWays:  "Di konsol: guna fon atau resolusi yang lebih besar (setfont, pilihan video= kernel), atau tulis kod ke fail dengan -png, atau cetak pautan dengan -qr none.",
		TextCopiedTmux:   "Disalin ke penimbal tmux (tampal dengan prefix ]).",
		TextCopyTmuxFail: "tmux tidak menerima pautan (%s); dihantar ke papan keratan terminal sebagai ganti.",
		TextImageGone:    "Terminal tidak memaparkan imej; kod dilukis sebagai teks.",
		TextModeBlocks:   "separuh blok",
		TextModeLarge:    "besar",
		TextModeASCII:    "aksara ASCII",
		TextModeImage:    "imej",
	},
	"zh_ZH": {
		TextKeyRender:    "更大/其他二维码",
		TextRenderNow:    "二维码显示方式：%s。",
		TextMayNotScan:   "扫不出来？按 f 显示更大的二维码。",
		TextConsoleWays:  "在控制台上：换用更大的字体或分辨率（setfont、内核的 video= 选项），或用 -png 把二维码写入文件，或用 -qr none 打印链接。",
		TextCopiedTmux:   "已复制到 tmux 的缓冲区（用 prefix ] 粘贴）。",
		TextCopyTmuxFail: "tmux 未接收链接（%s），已改为发送到终端剪贴板。",
		TextImageGone:    "终端未显示图像，二维码改以文字显示。",
		TextModeBlocks:   "半块字符",
		TextModeLarge:    "大号",
		TextModeASCII:    "ASCII 字符",
		TextModeImage:    "图像",
	},
}

func init() { addTextsByLocale(renderTexts) }

// ModeName is a rendering's name in the app's language (the f notice).
func ModeName(locale string, m QRMode) string {
	switch m {
	case QRLarge:
		return T(locale, TextModeLarge)
	case QRASCII:
		return T(locale, TextModeASCII)
	case QRImage:
		return T(locale, TextModeImage)
	}
	return T(locale, TextModeBlocks)
}
