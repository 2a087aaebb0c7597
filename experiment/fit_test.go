package experiment

import (
	"testing"

	"playground/data"
	"playground/nn"
)

// FitLayers leaves a spec every kind accepts after edits that change
// widths or kinds: a rank above a layer's widths comes down to them.
func TestFitLayersBringsRanksIntoTheWidths(t *testing.T) {
	s := Default() // inputs x1, x2
	s.Layers[0] = NewLayer(nn.LowRankLayer, 4, nn.Tanh)
	s.Layers[1] = NewLayer(nn.LowRankLayer, 2, nn.Tanh)
	shared := s.Layers[0].Options
	if s.Validate() == nil {
		t.Fatal("rank 4 between 2 inputs and 4 units passed validation")
	}
	s.FitLayers()
	if err := s.Validate(); err != nil {
		t.Fatalf("after FitLayers: %v", err)
	}
	if r0, r1 := s.Layers[0].Options["r"], s.Layers[1].Options["r"]; r0 != 2 || r1 != 2 {
		t.Errorf("ranks %v and %v, want 2 and 2", r0, r1)
	}
	if shared["r"] != 4 {
		t.Error("FitLayers changed an options map another spec may share")
	}
	wide := Default()
	wide.Features = data.Features()
	wide.Layers[0] = NewLayer(nn.LowRankLayer, 6, nn.Tanh)
	wide.Layers[0].Options["r"] = 3
	wide.FitLayers()
	if r := wide.Layers[0].Options["r"]; r != 3 {
		t.Errorf("a rank the widths allow changed to %v", r)
	}
}

func TestUseSetFitsTheTask(t *testing.T) {
	s := Default()
	for _, set := range data.Sets() {
		if set.Uploaded() {
			withUpload(&s, set, 20) // UseUpload is UseSet with the points
		} else {
			s.UseSet(set)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("after UseSet(%v): %v", set, err)
		}
	}
	s.UseSet(data.Plane)
	s.UseSet(data.SpiralK)
	if s.Loss != nn.CrossEntropy {
		t.Errorf("a class set after a regression keeps the loss %v", s.Loss)
	}
	s.Loss = nn.MSE
	s.UseSet(data.Rings)
	if s.Loss != nn.MSE {
		t.Error("moving between class sets dropped the loss the person picked")
	}
	s.UseSet(data.ModAdd)
	if s.Data.Classes != DefaultModulus || s.Inputs() != 2*DefaultModulus || s.Outputs() != DefaultModulus {
		t.Errorf("modadd: p %d, %d inputs, %d outputs", s.Data.Classes, s.Inputs(), s.Outputs())
	}
	s.Data.Classes = 31
	s.UseSet(data.ModAdd) // already pairs: p stays
	s.UseSet(data.Rings)
	if s.Data.Classes != data.MaxClasses {
		t.Errorf("rings after p=31: %d classes, want %d", s.Data.Classes, data.MaxClasses)
	}
}
