// Copyright 2024 The Ebitengine Authors
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

// Package debug replaces Ebiten v2.10.4's internal/debug caller.go in the
// page's build (go build -overlay, see scripts/overlay.sh). Upstream,
// FirstCaller looks for Ebiten's source folder with go/build, which
// brings go/build, go/parser and their tables into the program; in a
// browser there is no such folder, so upstream answers CallerTypeNone
// there, as this stub always does.
package debug

// CallerType says where FirstCaller found its caller.
type CallerType int

const (
	CallerTypeNone CallerType = iota
	CallerTypeRegular
	CallerTypeInternal
)

// FirstCaller returns the file and line number of the first caller outside
// of Ebitengine: in a browser none is known.
func FirstCaller() (file string, line int, callerType CallerType) {
	return "", 0, CallerTypeNone
}
