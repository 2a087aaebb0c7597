package overlay

import (
	"bytes"
	"errors"
	"strings"
	"text/template"
)

// ExecuteShaderTemplate runs the shader template of an upstream
// shader.go (src) with vars, for the tests that compare a replacement's
// text with upstream's. Only tests use it: the page's program must not
// link text/template.
func ExecuteShaderTemplate(src []byte, vars map[string]any) ([]byte, error) {
	const start, end = "template.New(\"tmpl\").Parse(`", "`))"
	_, text, ok := strings.Cut(string(src), start)
	if ok {
		text, _, ok = strings.Cut(text, end)
	}
	if !ok {
		return nil, errors.New("no shader template in the upstream file")
	}
	tmpl, err := template.New("tmpl").Parse(text)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, vars); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
