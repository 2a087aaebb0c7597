package session

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"playground/data"
	"playground/experiment"
)

// blobsCSV writes n points of three well-separated clusters in a person's
// units (far outside the plane, so they are rescaled), labelled by name.
func blobsCSV(n int) string {
	var b strings.Builder
	b.WriteString("width;height;species\n")
	centers := [][2]float64{{100, 20}, {300, 20}, {200, 60}}
	names := []string{"setosa", "versicolor", "virginica"}
	for i := range n {
		c := centers[i%3]
		dx, dy := 10*math.Sin(float64(i)), 4*math.Cos(float64(3*i))
		fmt.Fprintf(&b, "%g;%g;%s\n", c[0]+dx, c[1]+dy, names[i%3])
	}
	return b.String()
}

func TestUploadedClassesTrain(t *testing.T) {
	u, err := data.ParseCSV([]byte(blobsCSV(300)))
	if err != nil {
		t.Fatal(err)
	}
	s := experiment.Default()
	s.UseUpload(u)
	s.Optimizer.LR = 0.1
	sess, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	before := sess.Metrics().TestAcc
	sess.Step(1500)
	m := sess.Metrics()
	if m.TestAcc < 0.9 || m.TestAcc <= before {
		t.Errorf("test accuracy %v after training (%v before)", m.TestAcc, before)
	}
	// The uploaded points are the examples, split by the training share.
	if got := len(sess.data.train) + len(sess.data.test); got != 300 {
		t.Errorf("%d examples, want the 300 uploaded", got)
	}
}

func TestUploadedRegressionTrains(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		x1, x2 := float64(i%20)/4-2.5, float64(i/20)/2-2.5
		fmt.Fprintf(&b, "%g,%g,%g\n", x1, x2, 50+10*x1-5*x2)
	}
	u, err := data.ParseCSV([]byte(b.String()))
	if err != nil || !u.Regression {
		t.Fatalf("%v, regression %v", err, u.Regression)
	}
	s := experiment.Default()
	s.UseUpload(u)
	sess, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	before := sess.Metrics().TestRMSE
	sess.Step(2000)
	if m := sess.Metrics(); !(m.TestRMSE < before/3) || m.TestRMSE > 0.15 {
		t.Errorf("test RMSE %v after training (%v before)", m.TestRMSE, before)
	}
}

// Another file of as many points is another data set: the model is
// rebuilt on it.
func TestAnotherUploadRebuilds(t *testing.T) {
	s := experiment.Default()
	u, err := data.ParseCSV([]byte(blobsCSV(60)))
	if err != nil {
		t.Fatal(err)
	}
	s.UseUpload(u)
	next := s.Clone()
	next.Data.Uploaded[0].X1 += 1
	if k := classifyEdit(s, next); k != editRebuild {
		t.Errorf("a moved uploaded point is edit kind %d, want a rebuild", k)
	}
}
