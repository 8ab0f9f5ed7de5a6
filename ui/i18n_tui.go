package ui

// Texts of the full-screen app added for issue 21: what "Already logged
// in" keeps, the renewed code, the notices that say a key did something.
const (
	TextKeyKeep          Text = "key_keep"
	TextKeyAnyKey        Text = "key_any_key" // the key name shown for "any key" on the done screen
	TextKeyClear         Text = "key_clear"   // esc in the menu with a filter typed
	TextKeyFilter        Text = "key_filter"  // typing in the menu
	TextSummaryKeptPath  Text = "summary_kept_path"
	TextSavedIn          Text = "saved_in"
	TextSessionExpiresOn Text = "session_expires_on"
	TextRenewed          Text = "renewed"
	TextInvertOn         Text = "invert_on"
	TextInvertOff        Text = "invert_off"
)

func init() {
	add := func(cat map[Text]string, texts map[Text]string) {
		for k, v := range texts {
			cat[k] = v
		}
	}
	add(catalogEN, map[Text]string{
		TextKeyKeep:          "keep",
		TextKeyAnyKey:        "any key",
		TextKeyClear:         "clear",
		TextKeyFilter:        "filter",
		TextSummaryKeptPath:  "biliqr: the session in %s was kept",
		TextSavedIn:          "Saved in %s",
		TextSessionExpiresOn: "The session expires on %s.",
		TextRenewed:          "The code expired — here is a new one.",
		TextInvertOn:         "Colours inverted.",
		TextInvertOff:        "Colours back to normal.",
	})
	add(catalogTH, map[Text]string{
		TextKeyKeep:          "เก็บไว้",
		TextKeyAnyKey:        "ปุ่มใดก็ได้",
		TextKeyClear:         "ล้าง",
		TextKeyFilter:        "กรอง",
		TextSummaryKeptPath:  "biliqr: ยังเก็บเซสชันใน %s ไว้",
		TextSavedIn:          "บันทึกไว้ที่ %s",
		TextSessionExpiresOn: "เซสชันจะหมดอายุวันที่ %s",
		TextRenewed:          "รหัส QR หมดอายุแล้ว นี่คือรหัสใหม่",
		TextInvertOn:         "สลับสีแล้ว",
		TextInvertOff:        "กลับเป็นสีปกติแล้ว",
	})
	add(catalogVI, map[Text]string{
		TextKeyKeep:          "giữ lại",
		TextKeyAnyKey:        "phím bất kỳ",
		TextKeyClear:         "xóa lọc",
		TextKeyFilter:        "lọc",
		TextSummaryKeptPath:  "biliqr: vẫn giữ phiên đăng nhập tại %s",
		TextSavedIn:          "Đã lưu tại %s",
		TextSessionExpiresOn: "Phiên đăng nhập hết hạn vào %s.",
		TextRenewed:          "Mã đã hết hạn — đây là mã mới.",
		TextInvertOn:         "Đã đảo màu.",
		TextInvertOff:        "Đã trở lại màu thường.",
	})
	add(catalogID, map[Text]string{
		TextKeyKeep:          "simpan",
		TextKeyAnyKey:        "tombol apa saja",
		TextKeyClear:         "hapus saringan",
		TextKeyFilter:        "saring",
		TextSummaryKeptPath:  "biliqr: sesi di %s tetap disimpan",
		TextSavedIn:          "Tersimpan di %s",
		TextSessionExpiresOn: "Sesi kedaluwarsa pada %s.",
		TextRenewed:          "Kode kedaluwarsa — ini kode baru.",
		TextInvertOn:         "Warna dibalik.",
		TextInvertOff:        "Warna kembali normal.",
	})
	add(catalogMS, map[Text]string{
		TextKeyKeep:          "kekalkan",
		TextKeyAnyKey:        "sebarang kekunci",
		TextKeyClear:         "kosongkan",
		TextKeyFilter:        "tapis",
		TextSummaryKeptPath:  "biliqr: sesi di %s dikekalkan",
		TextSavedIn:          "Disimpan di %s",
		TextSessionExpiresOn: "Sesi tamat tempoh pada %s.",
		TextRenewed:          "Kod telah tamat tempoh — ini kod baharu.",
		TextInvertOn:         "Warna diterbalikkan.",
		TextInvertOff:        "Warna kembali biasa.",
	})
	add(catalogZH, map[Text]string{
		TextKeyKeep:          "保留",
		TextKeyAnyKey:        "任意键",
		TextKeyClear:         "清除筛选",
		TextKeyFilter:        "筛选",
		TextSummaryKeptPath:  "biliqr: 已保留 %s 中的登录信息",
		TextSavedIn:          "保存在 %s",
		TextSessionExpiresOn: "登录信息将于 %s 过期。",
		TextRenewed:          "二维码已过期，已换成新的二维码。",
		TextInvertOn:         "已反转颜色。",
		TextInvertOff:        "已恢复正常颜色。",
	})
}
