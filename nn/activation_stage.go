package nn

// activationStage is the elementwise nonlinearity at the end of a layer,
// with the buffers its backward pass needs. Any layer kind embeds one:
// the layer writes its pre-activation into pre(), calls forward, and in
// Backward turns the incoming gradient into the pre-activation gradient
// with backward.
//
// A Linear stage is free: forward returns the pre-activation itself and
// backward returns the incoming gradient unchanged, with no copies.
type activationStage struct {
	act     Activation
	preBuf  []float32 // z, the pre-activation
	postBuf []float32 // act(z), the layer's output
	gradBuf []float32 // dL/dz
	z, y    Matrix    // views from the most recent forward
}

func newActivationStage(act Activation) activationStage { return activationStage{act: act} }

// pre returns the pre-activation buffer sized rows x cols, for the layer
// to fill before forward. Its contents are stale.
func (s *activationStage) pre(rows, cols int) Matrix {
	s.z = resize(&s.preBuf, rows, cols)
	return s.z
}

// forward applies the activation to the pre-activation and returns the
// output, which stays valid until the next call to pre.
func (s *activationStage) forward() Matrix {
	if s.act == Linear {
		s.y = s.z
		return s.y
	}
	s.y = resize(&s.postBuf, s.z.Rows, s.z.Cols)
	activate(s.act, s.y.Data, s.z.Data)
	return s.y
}

// backward returns dL/dz for dy = dL/dy of the most recent forward. dy is
// only read.
func (s *activationStage) backward(dy Matrix) Matrix {
	if s.act == Linear {
		return dy
	}
	dz := resize(&s.gradBuf, dy.Rows, dy.Cols)
	activateBackward(s.act, dz.Data, s.z.Data, s.y.Data, dy.Data)
	return dz
}

// output returns the most recent forward's output.
func (s *activationStage) output() Matrix { return s.y }

// preActivation returns the most recent forward's pre-activation.
func (s *activationStage) preActivation() Matrix { return s.z }
