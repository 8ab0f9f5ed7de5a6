package ui

import (
	"fmt"
	"time"
)

// The texts of issue 18 (when the session ends; shared cookie files), kept
// in a file of their own and merged into each catalog.
var expiryTexts = map[string]map[Text]string{
	"en_US": {
		TextSessionEnds:          "the session ends on %s",
		TextSessionEndsLine:      "The session ends on %s.",
		TextSessionExpiredOn:     "the saved session expired on %s",
		TextSessionExpiredNotice: "The saved session expired on %s — log in again.",
		TextLooseModeShared:      "Warning: other users can read %s (mode %s), and it holds your login and cookies of other sites too. Run chmod 600 on it; the next save writes it 0600.",
		TextCookieDropped:        "Cookie %s was not saved: it is larger than 4096 bytes.",
	},
	"th_TH": {
		TextSessionEnds:          "เซสชันจะหมดอายุ วันที่ %s",
		TextSessionEndsLine:      "เซสชันจะหมดอายุ วันที่ %s",
		TextSessionExpiredOn:     "เซสชันที่บันทึกไว้ หมดอายุแล้ว เมื่อวันที่ %s",
		TextSessionExpiredNotice: "เซสชันที่บันทึกไว้ หมดอายุแล้ว เมื่อวันที่ %s โปรดเข้าสู่ระบบ อีกครั้ง",
		TextLooseModeShared:      "คำเตือน: ผู้ใช้อื่น อ่าน %s ได้ (โหมด %s) และไฟล์นี้ เก็บการเข้าสู่ระบบ ของคุณ รวมทั้งคุกกี้ ของเว็บไซต์อื่น ด้วย ให้รัน chmod 600 กับไฟล์นี้ การบันทึก ครั้งถัดไป จะเขียนเป็น 0600",
		TextCookieDropped:        "ไม่ได้บันทึก คุกกี้ %s เพราะมีขนาด เกิน 4096 ไบต์",
	},
	"vi_VN": {
		TextSessionEnds:          "phiên đăng nhập hết hạn vào %s",
		TextSessionEndsLine:      "Phiên đăng nhập hết hạn vào %s.",
		TextSessionExpiredOn:     "phiên đăng nhập đã lưu đã hết hạn vào %s",
		TextSessionExpiredNotice: "Phiên đăng nhập đã lưu đã hết hạn vào %s — hãy đăng nhập lại.",
		TextLooseModeShared:      "Cảnh báo: người dùng khác có thể đọc %s (quyền %s), mà tệp này chứa phiên đăng nhập của bạn và cả cookie của các trang khác. Hãy chạy chmod 600 cho tệp; lần lưu sau sẽ ghi với quyền 0600.",
		TextCookieDropped:        "Không lưu cookie %s vì nó lớn hơn 4096 byte.",
	},
	"id_ID": {
		TextSessionEnds:          "sesi berakhir pada %s",
		TextSessionEndsLine:      "Sesi berakhir pada %s.",
		TextSessionExpiredOn:     "sesi yang tersimpan sudah berakhir pada %s",
		TextSessionExpiredNotice: "Sesi yang tersimpan sudah berakhir pada %s — silakan login lagi.",
		TextLooseModeShared:      "Peringatan: pengguna lain dapat membaca %s (mode %s), padahal berkas itu menyimpan login Anda dan juga cookie situs lain. Jalankan chmod 600 padanya; penyimpanan berikutnya menulisnya 0600.",
		TextCookieDropped:        "Cookie %s tidak disimpan karena lebih besar dari 4096 byte.",
	},
	"ms_MY": {
		TextSessionEnds:          "sesi tamat pada %s",
		TextSessionEndsLine:      "Sesi tamat pada %s.",
		TextSessionExpiredOn:     "sesi yang disimpan telah tamat pada %s",
		TextSessionExpiredNotice: "Sesi yang disimpan telah tamat pada %s — sila log masuk semula.",
		TextLooseModeShared:      "Amaran: pengguna lain boleh membaca %s (mod %s), sedangkan fail itu menyimpan log masuk anda dan juga kuki laman lain. Jalankan chmod 600 padanya; simpanan seterusnya menulisnya 0600.",
		TextCookieDropped:        "Kuki %s tidak disimpan kerana lebih besar daripada 4096 bait.",
	},
	"zh_ZH": {
		TextSessionEnds:          "登录信息将于 %s 到期",
		TextSessionEndsLine:      "登录信息将于 %s 到期。",
		TextSessionExpiredOn:     "已保存的登录信息已于 %s 过期",
		TextSessionExpiredNotice: "已保存的登录信息已于 %s 过期，请重新登录。",
		TextLooseModeShared:      "警告：其他用户可以读取 %s（权限 %s），而它保存着你的登录信息，还有其他网站的 Cookie。请对它执行 chmod 600；下次保存时会写为 0600。",
		TextCookieDropped:        "未保存 Cookie %s：它超过 4096 字节。",
	},
}

func init() { addTextsByLocale(expiryTexts) }

// Date is how a day is shown to a person: the local calendar date,
// "2027-05-30", which reads the same in every language the app speaks.
func Date(t time.Time) string { return t.Local().Format(time.DateOnly) }

// EndsSuffix is "; the session ends on DATE" for a summary line (with the
// language's own clause punctuation: "；" in Chinese), or "" when the end
// is not known.
func EndsSuffix(locale string, end time.Time) string {
	if end.IsZero() {
		return ""
	}
	return T(locale, TextClauseSep) + T(locale, TextSessionEnds, Date(end))
}

// Within words a -within duration: whole days as "14d", else Go's form.
func Within(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// ends is the "session ends on DATE" line of the done and already-logged-in
// screens; nothing when the end is not known.
func (f *frame) ends(w int) []line {
	if f.s.Account.Expires.IsZero() {
		return nil
	}
	return f.para(f.p.muted, T(f.s.Locale, TextSessionEndsLine, Date(f.s.Account.Expires)), w)
}
