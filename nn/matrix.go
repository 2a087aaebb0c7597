package nn

// Matrix is a row-major block of float32 values: Rows samples by Cols
// features. It is a view; the slice it holds is owned by whoever made it.
type Matrix struct {
	Rows, Cols int
	Data       []float32
}

// Row returns row i as a slice of Data.
func (m Matrix) Row(i int) []float32 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// At returns the value at row i, column j.
func (m Matrix) At(i, j int) float32 { return m.Data[i*m.Cols+j] }

// resize returns a Matrix of rows x cols backed by *buf, growing *buf only
// when it is too small, so steady-state training does not allocate.
func resize(buf *[]float32, rows, cols int) Matrix {
	n := rows * cols
	if cap(*buf) < n {
		*buf = make([]float32, n)
	}
	*buf = (*buf)[:n]
	return Matrix{Rows: rows, Cols: cols, Data: *buf}
}
