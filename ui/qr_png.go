package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// PNG geometry: 8 px per module and the standard 4-module quiet zone, so the
// image scans from a screen or on paper without a margin of its own.
const (
	qrPNGModule = 8
	qrPNGQuiet  = 4
)

// PNG returns the code as a black-on-white PNG (ECC level M: a file has no
// size limit, and M is the usual balance of density and robustness). The
// caller writes it, atomically, wherever -png says.
func (q *QR) PNG() ([]byte, error) {
	l := qrECCMedium
	if q.codes[l] == nil {
		l = qrECCLow
	}
	q.mu.Lock()
	mat := q.matrix(l)
	q.mu.Unlock()

	size := len(mat)
	side := (size + 2*qrPNGQuiet) * qrPNGModule
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.White, color.Black})
	for y, row := range mat {
		for x, dark := range row {
			if !dark {
				continue
			}
			x0, y0 := (x+qrPNGQuiet)*qrPNGModule, (y+qrPNGQuiet)*qrPNGModule
			for py := y0; py < y0+qrPNGModule; py++ {
				line := img.Pix[py*img.Stride+x0 : py*img.Stride+x0+qrPNGModule]
				for i := range line {
					line[i] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PNGWriter is a -png writer: each code it is given goes to path as a PNG,
// through write (an atomic file write).
func PNGWriter(path string, write func(path string, data []byte) error) func(*QR) error {
	return func(q *QR) error {
		data, err := q.PNG()
		if err != nil {
			return err
		}
		return write(path, data)
	}
}
