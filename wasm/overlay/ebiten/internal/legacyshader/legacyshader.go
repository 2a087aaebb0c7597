//go:build ebitenoverlay

// Replaces Ebiten's internal/legacyshader/legacyshader.go in the page's
// build (wasm/overlay/overlay.go says why): CompileShader answers from the
// built-in shaders compiled when the page is built (precompiled.go,
// checked against Ebiten's own compiler by precompiled_test.go) instead of
// compiling their Kage source at every start. Upstream compiled three at
// start-up and more on first use, through go/parser and Ebiten's shader
// compiler, which the program then no longer carries. The page draws with
// the built-in shaders only; a shader of its own (ebiten.NewShader) gets
// an error here.

// Copyright 2026 The Ebitengine Authors
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// Package legacyshader hands Ebiten the compiled programs of its shaders.
// Upstream compiles Kage source here, converting texel-unit source to the
// pixel unit first; in the page's build the programs were compiled when the
// page was built.
package legacyshader

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2/internal/shaderir"
)

// Unit is the coordinate unit a Kage shader is authored in, selected by the //kage:unit directive.
type Unit int

const (
	Texels Unit = iota
	Pixels
)

// precompiledShader is a shader compiled by ./precompile: the unit its
// source is authored in and its program in EncodeProgram's byte form.
type precompiledShader struct {
	unit    Unit
	program string
}

// CompileShader returns the compiled program of a built-in shader's Kage
// source, and the unit the source is authored in.
func CompileShader(fragmentSrc []byte) (*shaderir.Program, Unit, error) {
	s, ok := precompiled[shaderir.CalcSourceID(fragmentSrc)]
	if !ok {
		return nil, 0, fmt.Errorf("legacyshader: this build of Ebiten runs only its built-in shaders, compiled with the page; a shader of %d bytes is not among them", len(fragmentSrc))
	}
	p, err := DecodeProgram([]byte(s.program))
	if err != nil {
		return nil, 0, err
	}
	return p, s.unit, nil
}
