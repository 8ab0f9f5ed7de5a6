package ui

// The lines -check and -logout print for the shared cookie file's outcomes
// (issue 18), in every language, as the rest of their lines are.
const (
	TextCheckExpiryUnknown Text = "check_expiry_unknown"
	TextCheckExpiring      Text = "check_expiring"
	TextLogoutNoSession    Text = "logout_no_session"
	TextLogoutExpired      Text = "logout_expired"
	TextLogoutNothingSent  Text = "logout_nothing_sent"
	TextLogoutEndedBut     Text = "logout_ended_but"
	TextLogoutShared       Text = "logout_shared"
	TextLooseWarning       Text = "loose_warning"
	TextHoldsLogin         Text = "holds_login"
	TextHoldsLoginShared   Text = "holds_login_shared"
)

var cliTexts = map[string]map[Text]string{
	"en_US": {
		TextCheckExpiryUnknown: "could not check: logged in as %s, but the saved session does not say when it ends",
		TextCheckExpiring:      "expiring: logged in as %s, but the session ends on %s, within %s",
		TextLogoutNoSession:    "biliqr: nothing to log out: no saved session at %s",
		TextLogoutExpired:      "biliqr: nothing to log out: the saved session expired on %s; %s was kept",
		TextLogoutNothingSent:  "biliqr: not logged out: %s (%s was kept)",
		TextLogoutEndedBut:     "biliqr: logged out: bilibili.tv ended the session, but %s is still there because biliqr could not change it: %s",
		TextLogoutShared:       "logged out of bilibili.tv; removed the session's cookies from %s (it holds other sites' cookies, which were kept)",
		TextLooseWarning:       "biliqr: warning: other users can read %s (mode %s), and it holds %s; run chmod 600 on it (biliqr writes it 0600 when it next saves)",
		TextHoldsLogin:         "your login",
		TextHoldsLoginShared:   "your login and cookies of other sites too",
	},
	"th_TH": {
		TextCheckExpiryUnknown: "ตรวจสอบไม่ได้: เข้าสู่ระบบในชื่อ %s แล้ว แต่เซสชันที่บันทึกไว้ ไม่ได้บอกว่าจะหมดอายุเมื่อใด",
		TextCheckExpiring:      "ใกล้หมดอายุ: เข้าสู่ระบบในชื่อ %s แล้ว แต่เซสชันจะหมดอายุ วันที่ %s ภายใน %s",
		TextLogoutNoSession:    "biliqr: ไม่มีอะไรให้ออกจากระบบ: ไม่มีเซสชันที่บันทึกไว้ที่ %s",
		TextLogoutExpired:      "biliqr: ไม่มีอะไรให้ออกจากระบบ: เซสชันที่บันทึกไว้หมดอายุแล้วเมื่อวันที่ %s; ยังเก็บ %s ไว้",
		TextLogoutNothingSent:  "biliqr: ยังไม่ได้ออกจากระบบ: %s (ยังเก็บ %s ไว้)",
		TextLogoutEndedBut:     "biliqr: ออกจากระบบแล้ว: bilibili.tv ยุติเซสชันแล้ว แต่ %s ยังอยู่ เพราะ biliqr แก้ไขไฟล์นี้ไม่ได้: %s",
		TextLogoutShared:       "ออกจากระบบ bilibili.tv แล้ว; ลบคุกกี้ของเซสชันออกจาก %s แล้ว (ไฟล์นี้มีคุกกี้ของเว็บไซต์อื่นด้วย ซึ่งยังเก็บไว้)",
		TextLooseWarning:       "biliqr: คำเตือน: ผู้ใช้อื่นอ่าน %s ได้ (โหมด %s) และไฟล์นี้มี%s; ให้รัน chmod 600 กับไฟล์นี้ (biliqr จะเขียนเป็น 0600 เมื่อบันทึกครั้งถัดไป)",
		TextHoldsLogin:         "ข้อมูลการเข้าสู่ระบบของคุณ",
		TextHoldsLoginShared:   "ข้อมูลการเข้าสู่ระบบของคุณ และคุกกี้ของเว็บไซต์อื่นด้วย",
	},
	"vi_VN": {
		TextCheckExpiryUnknown: "không kiểm tra được: đã đăng nhập là %s, nhưng phiên đăng nhập đã lưu không cho biết khi nào hết hạn",
		TextCheckExpiring:      "sắp hết hạn: đã đăng nhập là %s, nhưng phiên đăng nhập hết hạn vào %s, trong vòng %s",
		TextLogoutNoSession:    "biliqr: không có gì để đăng xuất: không có phiên đăng nhập nào được lưu tại %s",
		TextLogoutExpired:      "biliqr: không có gì để đăng xuất: phiên đăng nhập đã lưu đã hết hạn vào %s; %s vẫn được giữ",
		TextLogoutNothingSent:  "biliqr: chưa đăng xuất: %s (%s vẫn được giữ)",
		TextLogoutEndedBut:     "biliqr: đã đăng xuất: bilibili.tv đã kết thúc phiên, nhưng %s vẫn còn vì biliqr không thể thay đổi tệp này: %s",
		TextLogoutShared:       "đã đăng xuất khỏi bilibili.tv; đã xoá cookie của phiên đăng nhập khỏi %s (tệp này còn cookie của các trang khác, vẫn được giữ)",
		TextLooseWarning:       "biliqr: cảnh báo: người dùng khác có thể đọc %s (chế độ %s), và tệp này chứa %s; hãy chạy chmod 600 cho tệp (biliqr sẽ ghi tệp với quyền 0600 ở lần lưu sau)",
		TextHoldsLogin:         "thông tin đăng nhập của bạn",
		TextHoldsLoginShared:   "thông tin đăng nhập của bạn và cả cookie của các trang khác",
	},
	"id_ID": {
		TextCheckExpiryUnknown: "tidak dapat memeriksa: sudah login sebagai %s, tetapi sesi yang disimpan tidak menyebut kapan berakhir",
		TextCheckExpiring:      "segera berakhir: sudah login sebagai %s, tetapi sesi berakhir pada %s, dalam %s",
		TextLogoutNoSession:    "biliqr: tidak ada yang perlu di-logout: tidak ada sesi tersimpan di %s",
		TextLogoutExpired:      "biliqr: tidak ada yang perlu di-logout: sesi yang disimpan berakhir pada %s; %s tetap disimpan",
		TextLogoutNothingSent:  "biliqr: belum logout: %s (%s tetap disimpan)",
		TextLogoutEndedBut:     "biliqr: sudah logout: bilibili.tv telah mengakhiri sesi, tetapi %s masih ada karena biliqr tidak dapat mengubahnya: %s",
		TextLogoutShared:       "sudah logout dari bilibili.tv; cookie sesi dihapus dari %s (file ini juga berisi cookie situs lain, yang tetap disimpan)",
		TextLooseWarning:       "biliqr: peringatan: pengguna lain dapat membaca %s (mode %s), dan file ini berisi %s; jalankan chmod 600 pada file ini (biliqr menulisnya 0600 saat menyimpan berikutnya)",
		TextHoldsLogin:         "data login Anda",
		TextHoldsLoginShared:   "data login Anda dan juga cookie situs lain",
	},
	"ms_MY": {
		TextCheckExpiryUnknown: "tidak dapat menyemak: sudah log masuk sebagai %s, tetapi sesi yang disimpan tidak menyatakan bila ia tamat",
		TextCheckExpiring:      "hampir tamat: sudah log masuk sebagai %s, tetapi sesi tamat pada %s, dalam tempoh %s",
		TextLogoutNoSession:    "biliqr: tiada apa untuk dilog keluar: tiada sesi disimpan di %s",
		TextLogoutExpired:      "biliqr: tiada apa untuk dilog keluar: sesi yang disimpan tamat pada %s; %s dikekalkan",
		TextLogoutNothingSent:  "biliqr: belum log keluar: %s (%s dikekalkan)",
		TextLogoutEndedBut:     "biliqr: sudah log keluar: bilibili.tv telah menamatkan sesi, tetapi %s masih ada kerana biliqr tidak dapat mengubahnya: %s",
		TextLogoutShared:       "sudah log keluar daripada bilibili.tv; kuki sesi dibuang daripada %s (fail ini turut menyimpan kuki laman lain, yang dikekalkan)",
		TextLooseWarning:       "biliqr: amaran: pengguna lain boleh membaca %s (mod %s), dan fail ini menyimpan %s; jalankan chmod 600 padanya (biliqr menulisnya 0600 semasa simpanan seterusnya)",
		TextHoldsLogin:         "maklumat log masuk anda",
		TextHoldsLoginShared:   "maklumat log masuk anda dan juga kuki laman lain",
	},
	"zh_ZH": {
		TextCheckExpiryUnknown: "无法检查：已登录为 %s，但保存的登录信息没有写明何时到期",
		TextCheckExpiring:      "即将到期：已登录为 %s，但登录信息将于 %s 到期，在 %s 之内",
		TextLogoutNoSession:    "biliqr: 无需退出登录：%s 中没有保存的登录信息",
		TextLogoutExpired:      "biliqr: 无需退出登录：保存的登录信息已于 %s 到期；已保留 %s",
		TextLogoutNothingSent:  "biliqr: 未退出登录：%s（已保留 %s）",
		TextLogoutEndedBut:     "biliqr: 已退出登录：bilibili.tv 已结束该会话，但 biliqr 无法更改 %s，它仍然存在：%s",
		TextLogoutShared:       "已退出 bilibili.tv 登录；已从 %s 中删除本次登录的 Cookie（该文件还有其他网站的 Cookie，均已保留）",
		TextLooseWarning:       "biliqr: 警告：其他用户可以读取 %s（权限 %s），而其中有%s；请对它运行 chmod 600（biliqr 下次保存时会以 0600 写入）",
		TextHoldsLogin:         "你的登录信息",
		TextHoldsLoginShared:   "你的登录信息以及其他网站的 Cookie",
	},
}

func init() { addTextsByLocale(cliTexts) }
