package session

import (
	"time"

	"playground/nn"
	"playground/ui"
)

// A picture of a wide network costs more than a frame may take: scoring
// it on every example and evaluating it over the grid is a few hundred
// million floating-point operations for the widest networks a link
// allows. So a picture is prepared in slices of rows (PreparePicture),
// each bounded by sliceFLOPs, as many as fit a frame's budget, on the
// network as it is when the picture starts: the session does not train
// while a picture is pending (Advance waits), so every part of it shows
// the same step. Small networks finish within the first call, as before.

// picture is a Snapshot being prepared.
type picture struct {
	active  bool
	version int // surface.version when it started: any change restarts it
	stage   pictureStage
	row     int // the next row of the stage
	// rows is how many examples one slice evaluates; whole says the grid
	// goes through in one slice, for layers that read statistics of their
	// most recent batch (a KAN's edge strengths and input ranges).
	rows        int
	whole       bool
	train, test nn.ScoreSum
	// flops is one example's forward cost for the model of generation
	// flopsOf, kept so a picture does not ask the spec (which allocates).
	flops, flopsOf int
}

type pictureStage int

const (
	scoringTrain pictureStage = iota
	scoringTest
	evaluatingGrid
	// scalingLayers copies one layer's grid outputs a slice into its
	// units' thumbnails (a wide layer's are 2,500 x 256 values).
	scalingLayers
)

// sliceFLOPs bounds one slice of a picture: about a millisecond in the
// browser's SIMD kernels, a few in plain Go.
const sliceFLOPs = 16 << 20

// Snapshot gathers what the views draw, evaluating the surface over a
// res×res grid (see Surface), all at once. Its buffers are reused from
// call to call.
func (s *Session) Snapshot(res int) *Snapshot {
	snap, _ := s.PreparePicture(res, 0)
	return snap
}

// PreparePicture works on the next picture for at most about budget (at
// least one slice; no limit when budget is 0) and returns its snapshot
// once complete, or nil and false while more slices remain. A snapshot
// already showing the network as it is comes back at once.
func (s *Session) PreparePicture(res int, budget time.Duration) (*Snapshot, bool) {
	s.prepareGrid(res)
	p, c := &s.picture, &s.surface
	if p.active && p.version != c.version {
		p.active = false
	}
	if !p.active && c.valid {
		return s.refreshSnapshot(), true
	}
	if !p.active {
		s.startPicture()
	}
	start := time.Now()
	for !s.pictureSlice() {
		if budget > 0 && time.Since(start) >= budget {
			return nil, false
		}
	}
	return s.finishPicture(), true
}

// PicturePending says a picture is being prepared over several frames.
func (s *Session) PicturePending() bool {
	return s.picture.active && s.picture.version == s.surface.version
}

func (s *Session) startPicture() {
	p := &s.picture
	flops := s.exampleFLOPs()
	kan := false
	for _, l := range s.trainer.Net().Layers {
		if _, ok := l.(nn.EdgeFunctions); ok {
			kan = true
		}
	}
	*p = picture{active: true, version: s.surface.version, rows: max(16, sliceFLOPs/flops), whole: kan,
		flops: flops, flopsOf: p.flopsOf}
}

// exampleFLOPs is one example's forward cost for the current model
// (cached per generation: the spec's Cost allocates).
func (s *Session) exampleFLOPs() int {
	p := &s.picture
	if p.flopsOf != s.generation {
		p.flops, p.flopsOf = max(1, s.spec.Cost().FLOPs), s.generation
	}
	return p.flops
}

// pictureSlice does one slice of the picture and says whether it is
// complete.
func (s *Session) pictureSlice() bool {
	p, d, net := &s.picture, s.data, s.trainer.Net()
	switch p.stage {
	case scoringTrain, scoringTest:
		x, y, sum := d.xTrain, d.yTrain, &p.train
		if p.stage == scoringTest {
			x, y, sum = d.xTest, d.yTest, &p.test
		}
		end := min(p.row+p.rows, x.Rows)
		s.trainer.ScoreRows(sum, net, x, y, p.row, end)
		p.row = end
		if end == x.Rows {
			p.stage, p.row = p.stage+1, 0
		}
		return false
	case evaluatingGrid:
		rows := s.surface.grid.Rows
		end := min(p.row+p.rows, rows)
		if p.whole {
			end = rows
		}
		s.surface.fillGrid(net, p.row, end)
		p.row = end
		if end == rows {
			p.stage, p.row = scalingLayers, 0
		}
		return false
	default:
		c := &s.surface
		if p.row == 0 {
			c.shape(net, s.spec.Inputs(), c.res*c.res)
		}
		if p.row < len(c.raw) {
			c.peaks = scaledColumns(c.values[p.row+1], c.raw[p.row], c.peaks)
			p.row++
		}
		return p.row >= len(c.raw)
	}
}

// finishPicture fills the snapshot from the completed picture. The
// network has not changed since it started, so its metrics are the
// session's too.
func (s *Session) finishPicture() *Snapshot {
	p, net := &s.picture, s.trainer.Net()
	p.active = false
	s.finishSurface(net)
	s.metrics, s.metricsStale = s.metricsOf(p.train.Score(), p.test.Score()), false
	s.surface.valid = true
	snap := s.refreshSnapshot()
	snap.Metrics = s.metrics
	snap.Params, snap.State = net.Params(), net.State()
	snap.Surface = &s.surface.out
	snap.Pairs = s.pairTable()
	for len(snap.Edges) < len(net.Layers) {
		snap.Edges = append(snap.Edges, nil)
		snap.Curves = append(snap.Curves, ui.EdgeCurves{})
	}
	snap.Edges, snap.Curves = snap.Edges[:len(net.Layers)], snap.Curves[:len(net.Layers)]
	// After the surface: the ranges and strengths are of the inputs the
	// picture shows.
	for i, l := range net.Layers {
		snap.Edges[i] = l.Edges(snap.Edges[i])
		sampleCurves(&snap.Curves[i], l)
	}
	snap.Bases = BasisMarks(snap.Bases[:0], net)
	s.fillSpikeViews(snap, net) // last: it runs one example through the network
	return snap
}

// refreshSnapshot brings the snapshot's cheap fields up to date: a live
// edit (the view, the learning rate) changes them without changing the
// picture.
func (s *Session) refreshSnapshot() *Snapshot {
	snap := &s.snap
	snap.Spec = s.spec
	snap.Step, snap.Generation, snap.Running = s.trainer.Steps(), s.generation, s.running
	snap.Train, snap.Test = s.data.train, s.data.test
	return snap
}
