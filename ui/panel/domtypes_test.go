package panel

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoDOMElementInterfaces keeps the page's Go code off dom/v2's element
// interfaces. A method called through dom.Element or dom.HTMLElement keeps
// that method of every element type dom/v2 wraps (~90) in the program;
// holding those interfaces made dom/v2 1.10 MB of the page's wasm, holding
// concrete types (*dom.BasicHTMLElement, *dom.HTMLInputElement, ...) 0.27 MB
// (docs/DESIGN.md).
func TestNoDOMElementInterfaces(t *testing.T) {
	const domPath = "honnef.co/go/js/dom/v2"
	checked := 0
	for _, dir := range []string{"../../ui", "../../wasm"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			name := ""
			for _, imp := range f.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); p == domPath {
					name = "dom"
					if imp.Name != nil {
						name = imp.Name.Name
					}
				}
			}
			if name == "" {
				return nil
			}
			checked++
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == name &&
					(sel.Sel.Name == "Element" || sel.Sel.Name == "HTMLElement") {
					t.Errorf("%s: uses %s.%s; hold a concrete dom/v2 type instead "+
						"(*dom.BasicHTMLElement, or look it up with ElementByID/FirstMatch/RootElement/TargetOf): a method "+
						"called through this interface keeps it for every element type, 20-50 KB of wasm each",
						fset.Position(sel.Pos()), name, sel.Sel.Name)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 10 {
		t.Fatalf("only %d files import %s: the walk missed the sources", checked, domPath)
	}
}
