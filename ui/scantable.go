package ui

// ScanSpacings are the line spacings (extra space under each row, in
// percent of the cell's height) at which each rendering was measured.
var ScanSpacings = []int{0, 10, 20, 30}

// ScanRow is one rendering's measurement: whether a QR decoder (ZXing)
// reads the code, drawn as a terminal draws it, at each of ScanSpacings.
type ScanRow struct {
	Rendering string
	Decodes   []bool
}

// ScanTable is what TestScanTable measures (and checks this table
// against): each rendering painted cell by cell, glyphs ▀▄█# filling only
// their glyph box and backgrounds the whole cell with the extra space, on
// a dark and on a light terminal, then read with gozxing; true where both
// decode. The man page prints it. Sharp pixels: a camera's blur costs the
// text renderings more (the image and background colours least).
var ScanTable = []ScanRow{
	{"blocks, colours (▀▄ in fg/bg)", []bool{true, true, true, true}},
	{"blocks without colours (-plain)", []bool{true, false, false, false}},
	{"large, background colours", []bool{true, true, true, true}},
	{"large on the Linux console (SGR 40/47)", []bool{true, true, true, true}},
	{"large without colours (█)", []bool{true, false, false, false}},
	{"ascii (#)", []bool{true, false, false, false}},
	{"image (kitty graphics)", []bool{true, true, true, true}},
}
