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

// Package colormshader replaces Ebiten v2.10.4's internal/colormshader
// shader.go in the page's build (go build -overlay, see
// scripts/overlay.sh): the same shader text for every filter and address,
// assembled from string pieces instead of text/template, whose
// reflect.Value.MethodByName call makes the linker keep every exported
// method of every type in the program (golang/go#62024). The test checks
// the text against the upstream template, byte for byte.
package colormshader

import "sync"

// Filter must have the same values as builtinshader.Filter.
type Filter int

const (
	FilterNearest Filter = iota
	FilterLinear
	FilterPixelated
)

const FilterCount = 3

// Address must have the same values as builtinshader.Address.
type Address int

const (
	AddressUnsafe Address = iota
	AddressClampToZero
	AddressRepeat
)

const AddressCount = 3

const (
	UniformColorMBody        = "ColorMBody"
	UniformColorMTranslation = "ColorMTranslation"
)

var (
	shaders  [FilterCount][AddressCount][]byte
	shadersM sync.Mutex
)

// ShaderSource returns the ColorM shader source based on the given parameters.
func ShaderSource(filter Filter, address Address) []byte {
	shadersM.Lock()
	defer shadersM.Unlock()

	if s := shaders[filter][address]; s != nil {
		return s
	}
	b := []byte(source(filter, address))
	shaders[filter][address] = b
	return b
}

// source is the upstream template's text for filter and address: each
// piece keeps the newlines around the template's actions.
func source(filter Filter, address Address) string {
	s := "//kage:unit pixels\n\npackage main\n\nvar ColorMBody mat4\nvar ColorMTranslation vec4\n\n"
	if address == AddressRepeat {
		s += "\nfunc adjustSrcPosForAddressRepeat(p vec2) vec2 {\n" +
			"\torigin := imageSrc0Origin()\n" +
			"\tsize := imageSrc0Size()\n" +
			"\treturn mod(p - origin, size) + origin\n" +
			"}\n"
	}
	s += "\n\nfunc Fragment(dstPos vec4, src0Pos vec2, color vec4) vec4 {\n"
	s += fragmentColor(filter, address)
	s += "\n\n\t// Un-premultiply alpha.\n" +
		"\t// When the alpha is 0, 1-sign(alpha) is 1.0, which means division does nothing.\n" +
		"\tclr.rgb /= clr.a + (1-sign(clr.a))\n" +
		"\t// Apply the clr matrix.\n" +
		"\tclr = (ColorMBody * clr) + ColorMTranslation\n" +
		"\t// Premultiply alpha\n" +
		"\tclr.rgb *= clr.a\n" +
		"\t// Apply the color scale.\n" +
		"\tclr *= color\n" +
		"\t// Clamp the output.\n" +
		"\tclr.rgb = min(clr.rgb, clr.a)\n" +
		"\n\treturn clr\n}\n\n"
	return s
}

// fragmentColor is the part of Fragment that reads clr from the source
// image.
func fragmentColor(filter Filter, address Address) string {
	if filter == FilterNearest {
		s := "\n"
		switch address {
		case AddressUnsafe:
			s += "\n\tclr := imageSrc0UnsafeAt(src0Pos)\n"
		case AddressClampToZero:
			s += "\n\tclr := imageSrc0At(src0Pos)\n"
		case AddressRepeat:
			s += "\n\tclr := imageSrc0At(adjustSrcPosForAddressRepeat(src0Pos))\n"
		}
		return s + "\n"
	}
	s := "\n"
	switch filter {
	case FilterLinear:
		s += "\n\tp0 := src0Pos - 1/2.0\n\tp1 := src0Pos + 1/2.0\n"
	case FilterPixelated:
		s += "\n\t// inversedScale is the size of the region on the source image.\n" +
			"\t// The size is the inverse of the geometry-matrix scale.\n" +
			"\tinversedScale := vec2(abs(dfdx(src0Pos.x)), abs(dfdy(src0Pos.y)))\n" +
			"\t// Cap the inversedScale to 1 as dfdx/dfdy is not accurate on some machines (#3182).\n" +
			"\tinversedScale = min(inversedScale, vec2(1))\n" +
			"\tp0 := src0Pos - inversedScale/2.0\n" +
			"\tp1 := src0Pos + inversedScale/2.0\n"
	}
	s += "\n\n"
	if address == AddressRepeat {
		s += "\n\tp0 = adjustSrcPosForAddressRepeat(p0)\n\tp1 = adjustSrcPosForAddressRepeat(p1)\n"
	}
	s += "\n\n"
	if address == AddressUnsafe {
		s += "\n\tc0 := imageSrc0UnsafeAt(p0)\n" +
			"\tc1 := imageSrc0UnsafeAt(vec2(p1.x, p0.y))\n" +
			"\tc2 := imageSrc0UnsafeAt(vec2(p0.x, p1.y))\n" +
			"\tc3 := imageSrc0UnsafeAt(p1)\n"
	} else {
		s += "\n\tc0 := imageSrc0At(p0)\n" +
			"\tc1 := imageSrc0At(vec2(p1.x, p0.y))\n" +
			"\tc2 := imageSrc0At(vec2(p0.x, p1.y))\n" +
			"\tc3 := imageSrc0At(p1)\n"
	}
	s += "\n\n"
	switch filter {
	case FilterLinear:
		s += "\n\trate := fract(p1)\n"
	case FilterPixelated:
		s += "\n\trate := clamp(fract(p1)/inversedScale, 0, 1)\n"
	}
	return s + "\n\tclr := mix(mix(c0, c1, rate.x), mix(c2, c3, rate.x), rate.y)\n"
}
