//go:build ebitenoverlay

// Added to Ebiten's internal/legacyshader by the playground's overlay
// (wasm/overlay/overlay.go): a compact byte form of a compiled shader
// (shaderir.Program), so the page's build carries its built-in shaders
// compiled (precompiled.go, written by ./precompile) instead of compiling
// their Kage source at every start.

package legacyshader

import (
	"encoding/binary"
	"errors"
	"fmt"
	"go/constant"
	"go/token"
	"math"
	"reflect"

	"github.com/hajimehoshi/ebiten/v2/internal/shaderir"
)

// The encoding walks the program's exported fields in declaration order
// (reflection, so a field Ebiten adds is carried without a change here):
// integers as signed varints, strings and slices as a length then their
// elements (a nil slice as -1), pointers as 0 (nil) or 1 then the value,
// and go/constant values as their kind then their exact value.

var constantType = reflect.TypeFor[constant.Value]()

// EncodeProgram returns p's byte form.
func EncodeProgram(p *shaderir.Program) ([]byte, error) {
	var e encoder
	if err := e.value(reflect.ValueOf(p).Elem()); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// DecodeProgram rebuilds a program from EncodeProgram's bytes.
func DecodeProgram(b []byte) (*shaderir.Program, error) {
	var p shaderir.Program
	d := decoder{buf: b}
	if err := d.value(reflect.ValueOf(&p).Elem()); err != nil {
		return nil, err
	}
	if len(d.buf) != 0 {
		return nil, fmt.Errorf("legacyshader: %d bytes after a program", len(d.buf))
	}
	return &p, nil
}

type encoder struct{ buf []byte }

func (e *encoder) int(n int64) { e.buf = binary.AppendVarint(e.buf, n) }

func (e *encoder) value(v reflect.Value) error {
	if v.Type() == constantType {
		return e.constant(v)
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.int(1)
		} else {
			e.int(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.int(v.Int())
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		e.int(int64(v.Uint()))
	case reflect.String:
		e.int(int64(v.Len()))
		e.buf = append(e.buf, v.String()...)
	case reflect.Slice:
		if v.IsNil() {
			e.int(-1)
			return nil
		}
		e.int(int64(v.Len()))
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.int(0)
			return nil
		}
		e.int(1)
		return e.value(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if err := e.value(v.Field(i)); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("legacyshader: cannot encode a %s", v.Type())
	}
	return nil
}

func (e *encoder) constant(v reflect.Value) error {
	if v.IsNil() {
		e.int(-1)
		return nil
	}
	c := v.Interface().(constant.Value)
	e.int(int64(c.Kind()))
	switch c.Kind() {
	case constant.Unknown:
	case constant.Bool:
		if constant.BoolVal(c) {
			e.int(1)
		} else {
			e.int(0)
		}
	case constant.Int:
		n, exact := constant.Int64Val(c)
		if !exact {
			return fmt.Errorf("legacyshader: integer constant %s does not fit 64 bits", c)
		}
		e.int(n)
	case constant.Float:
		// A float64 where it is exact, else the exact fraction (Kage's
		// 1.0/255 is a fraction, not the nearest float64).
		if f, exact := constant.Float64Val(c); exact {
			e.int(0)
			e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(f))
			return nil
		}
		num, exact1 := constant.Int64Val(constant.Num(c))
		den, exact2 := constant.Int64Val(constant.Denom(c))
		if !exact1 || !exact2 {
			return fmt.Errorf("legacyshader: float constant %s is not a fraction of 64-bit integers", c)
		}
		e.int(1)
		e.int(num)
		e.int(den)
	default:
		return fmt.Errorf("legacyshader: cannot encode the constant %s", c)
	}
	return nil
}

type decoder struct{ buf []byte }

var errShort = errors.New("legacyshader: a program's bytes end early")

func (d *decoder) int() (int64, error) {
	n, k := binary.Varint(d.buf)
	if k <= 0 {
		return 0, errShort
	}
	d.buf = d.buf[k:]
	return n, nil
}

// length reads a count of elements that must each take at least a byte.
func (d *decoder) length() (int, error) {
	n, err := d.int()
	if err != nil {
		return 0, err
	}
	if n < -1 || n > int64(len(d.buf)) {
		return 0, fmt.Errorf("legacyshader: a length of %d with %d bytes left", n, len(d.buf))
	}
	return int(n), nil
}

func (d *decoder) value(v reflect.Value) error {
	if v.Type() == constantType {
		return d.constant(v)
	}
	switch v.Kind() {
	case reflect.Bool:
		n, err := d.int()
		v.SetBool(n != 0)
		return err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := d.int()
		v.SetInt(n)
		return err
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		n, err := d.int()
		v.SetUint(uint64(n))
		return err
	case reflect.String:
		n, err := d.length()
		if err != nil {
			return err
		}
		v.SetString(string(d.buf[:max(n, 0)]))
		d.buf = d.buf[max(n, 0):]
	case reflect.Slice:
		n, err := d.length()
		if err != nil || n < 0 {
			return err
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			if err := d.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		n, err := d.int()
		if err != nil || n == 0 {
			return err
		}
		v.Set(reflect.New(v.Type().Elem()))
		return d.value(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if err := d.value(v.Field(i)); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("legacyshader: cannot decode a %s", v.Type())
	}
	return nil
}

func (d *decoder) constant(v reflect.Value) error {
	kind, err := d.int()
	if err != nil || kind == -1 {
		return err
	}
	var c constant.Value
	switch constant.Kind(kind) {
	case constant.Unknown:
		c = constant.MakeUnknown()
	case constant.Bool:
		n, err := d.int()
		if err != nil {
			return err
		}
		c = constant.MakeBool(n != 0)
	case constant.Int:
		n, err := d.int()
		if err != nil {
			return err
		}
		c = constant.MakeInt64(n)
	case constant.Float:
		fraction, err := d.int()
		if err != nil {
			return err
		}
		if fraction == 0 {
			if len(d.buf) < 8 {
				return errShort
			}
			c = constant.MakeFloat64(math.Float64frombits(binary.LittleEndian.Uint64(d.buf)))
			d.buf = d.buf[8:]
			break
		}
		num, err := d.int()
		if err != nil {
			return err
		}
		den, err := d.int()
		if err != nil {
			return err
		}
		if den == 0 {
			return errors.New("legacyshader: a fraction over 0")
		}
		c = constant.BinaryOp(constant.MakeInt64(num), token.QUO, constant.MakeInt64(den))
	default:
		return fmt.Errorf("legacyshader: a constant of kind %d", kind)
	}
	v.Set(reflect.ValueOf(&c).Elem())
	return nil
}
