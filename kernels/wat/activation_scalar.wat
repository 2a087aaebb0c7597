;; activation_scalar.wat: the activations, their derivatives and the row
;; softmaxes (slots 11-24 of stub.wat) without SIMD, for browsers that lack
;; SIMD128. Only WebAssembly 1.0 (MVP) instructions are used: it validates
;; with `wasm-validate --disable-simd` and needs neither saturating
;; conversions nor sign extension.
;;
;; Semantics and signatures as in activation_simd.wat, whose comment
;; describes the algorithms (exp by Cody-Waite reduction and a Cephes
;; polynomial with 2^n built in two halves in the exponent bits; tanh by a
;; small-|x| polynomial or 1 - 2/(exp(2|x|)+1); sigmoid, SiLU and GELU from
;; exp, GELU's argument in float64; sine and cosine by a three-part pi/2
;; reduction and Cephes polynomials; log from the exponent/mantissa split).
;; Every function here performs the same floating-point operations in the
;; same order as its SIMD twin, so the two bodies agree bit for bit on the
;; element-wise kernels (TestWasmActivationBodiesAgree); the softmax row
;; sums are added in a different order (sequentially here, four lanes
;; there), within float32 summation error. Per-element helpers are calls,
;; which engines that do not inline wasm (Node 20) pay for: about half the
;; time of tanh or sigmoid here.
;;
;; Maximum error measured against the float64 reference: see
;; activation_simd.wat (the same numbers, the operations being the same).
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  (type $unary (func (param i32 i32 i32)))
  (type $backward (func (param i32 i32 i32 i32 i32)))
  (type $softmax (func (param i32 i32 i32)))

  (elem (i32.const 11) func
    $relu $relu_backward $tanh $tanh_backward $sigmoid $sigmoid_backward
    $gelu $gelu_backward $silu $silu_backward $sine $sine_backward
    $softmax_rows $log_softmax_rows)

  ;; ---- the functions ----

  ;; $sel is c ? a : b by the bits: a select of i32 compiles to a
  ;; conditional move, one of f32 to a branch that random signs mispredict.
  (func $sel (param $a f32) (param $b f32) (param $c i32) (result f32)
    (f32.reinterpret_i32 (select (i32.reinterpret_f32 (local.get $a)) (i32.reinterpret_f32 (local.get $b)) (local.get $c))))

  (func $exp (param $x f32) (result f32)
    (local $t f32) (local $k f32)
    ;; clamp to [-110, 89] (NaN passes): beyond, the result is 0 or +Inf
    ;; anyway. Comparisons rather than f32.min/max, which engines expand
    ;; into NaN and signed-zero checks.
    (if (f32.lt (local.get $x) (f32.const -110)) (then (local.set $x (f32.const -110))))
    (if (f32.gt (local.get $x) (f32.const 89)) (then (local.set $x (f32.const 89))))
    ;; t = x·log2 e + 1.5·2^23 holds k = nearest(x·log2 e) in its low bits
    (local.set $t (f32.add (f32.mul (local.get $x) (f32.const 0x1.715476p+0)) (f32.const 0x1.8p23)))
    (local.set $k (f32.sub (local.get $t) (f32.const 0x1.8p23)))
    (call $exp_rn
      ;; r = x - k·C1 - k·C2
      (f32.sub
        (f32.sub (local.get $x) (f32.mul (local.get $k) (f32.const 0.693359375)))
        (f32.mul (local.get $k) (f32.const -2.12194440e-4)))
      (i32.sub (i32.reinterpret_f32 (local.get $t)) (i32.const 0x4B400000))))

  ;; $exp_rn is e^r·2^n for |r| <= ln2/2 (a little more is fine) and n in
  ;; [-160, 128]: the polynomial, and 2^n as 2^(n>>1)·2^(n-(n>>1)).
  (func $exp_rn (param $r f32) (param $n i32) (result f32)
    (local $h i32)
    (local.set $h (i32.shr_s (local.get $n) (i32.const 1)))
    (f32.mul
      (f32.mul
        (f32.add (f32.add
          (f32.mul
            (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul
              (f32.add (f32.mul
                (f32.const 1.9875691500e-4) (local.get $r))
                (f32.const 1.3981999507e-3)) (local.get $r))
                (f32.const 8.3334519073e-3)) (local.get $r))
                (f32.const 4.1665795894e-2)) (local.get $r))
                (f32.const 1.6666665459e-1)) (local.get $r))
                (f32.const 5.0000001201e-1))
            (f32.mul (local.get $r) (local.get $r)))
          (local.get $r))
          (f32.const 1))
        (f32.reinterpret_i32 (i32.shl (i32.add (local.get $h) (i32.const 127)) (i32.const 23))))
      (f32.reinterpret_i32 (i32.shl (i32.add (i32.sub (local.get $n) (local.get $h)) (i32.const 127))
        (i32.const 23)))))

  (func $tanh1 (param $x f32) (result f32)
    (local $a f32) (local $z f32)
    (local.set $a (f32.abs (local.get $x)))
    (f32.copysign
      (if (result f32) (f32.lt (local.get $a) (f32.const 0.625))
        (then
          ;; a + a·z·Q(z)
          (local.set $z (f32.mul (local.get $a) (local.get $a)))
          (f32.add
            (f32.mul (f32.mul
              (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul
                (f32.const -5.70498872745e-3) (local.get $z))
                (f32.const 2.06390887954e-2)) (local.get $z))
                (f32.const -5.37397155531e-2)) (local.get $z))
                (f32.const 1.33314422036e-1)) (local.get $z))
                (f32.const -3.33332819422e-1))
              (local.get $z)) (local.get $a))
            (local.get $a)))
        (else
          ;; 1 - 2/(exp(2a)+1)
          (f32.sub (f32.const 1)
            (f32.div (f32.const 2)
              (f32.add (call $exp (f32.add (local.get $a) (local.get $a))) (f32.const 1))))))
      (local.get $x)))

  ;; The logistic function without overflow, as in the SIMD body: with
  ;; e = exp(-|x|), sigmoid(x) = 1/(1+e) for x >= 0, else e/(1+e). $sig
  ;; takes e and the sign from x.
  (func $sig (param $e f32) (param $x f32) (result f32)
    (f32.div
      (call $sel (f32.const 1) (local.get $e) (f32.ge (local.get $x) (f32.const 0)))
      (f32.add (f32.const 1) (local.get $e))))

  ;; $dsig is s·(1 + k·(1-s)), s the sigmoid of a value with the sign of x
  ;; and e = exp(-|value|): p = 1/(1+e), q = e·p, s and 1-s are p and q in
  ;; the order the sign says.
  (func $dsig (param $e f32) (param $x f32) (param $k f32) (result f32)
    (local $p f32) (local $q f32)
    (local.set $p (f32.div (f32.const 1) (f32.add (f32.const 1) (local.get $e))))
    (local.set $q (f32.mul (local.get $e) (local.get $p)))
    (f32.mul
      (call $sel (local.get $p) (local.get $q) (f32.ge (local.get $x) (f32.const 0)))
      (f32.add (f32.const 1)
        (f32.mul (local.get $k)
          (call $sel (local.get $p) (local.get $q) (f32.le (local.get $x) (f32.const 0)))))))

  (func $sigmoid1 (param $x f32) (result f32)
    (call $sig (call $exp (f32.neg (f32.abs (local.get $x)))) (local.get $x)))

  ;; $gelu_e is exp(-|2u|), 2u = 2c·x(1 + a·x²), with 2u and the reduction
  ;; 2u - k·ln2 in float64, as $gelu_e4 in the SIMD body.
  (func $gelu_e (param $x f32) (result f32)
    (local $d f64) (local $t f64)
    (local.set $d (f64.promote_f32 (f32.abs (local.get $x))))
    ;; v = max(-2c·|x|(1 + a·x²), -110) (NaN passes)
    (local.set $d (f64.mul (f64.mul (local.get $d) (f64.const -1.5957691216057308))
      (f64.add (f64.const 1) (f64.mul (f64.mul (local.get $d) (local.get $d)) (f64.const 0.044715)))))
    (if (f64.lt (local.get $d) (f64.const -110)) (then (local.set $d (f64.const -110))))
    ;; t = v·log2 e + 1.5·2^52 holds k = nearest(v·log2 e) in its low bits
    (local.set $t (f64.add (f64.mul (local.get $d) (f64.const 0x1.71547652b82fep+0)) (f64.const 0x1.8p52)))
    (call $exp_rn
      (f32.demote_f64 (f64.sub (local.get $d)
        (f64.mul (f64.sub (local.get $t) (f64.const 0x1.8p52)) (f64.const 0x1.62e42fefa39efp-1))))
      (i32.wrap_i64 (i64.reinterpret_f64 (local.get $t)))))

  ;; 0.5x(1 + tanh u) = x·sigmoid(2u)
  (func $gelu1 (param $x f32) (result f32)
    (f32.mul (local.get $x) (call $sig (call $gelu_e (local.get $x)) (local.get $x))))

  ;; s·(1 + 2c·x·(1-s)·(1 + 3a·x²)), s = sigmoid(2u), x clamped to ±1e5
  (func $gelu_d (param $x f32) (result f32)
    (local.set $x (f32.min (f32.max (local.get $x) (f32.const -1e5)) (f32.const 1e5)))
    (call $dsig (call $gelu_e (local.get $x)) (local.get $x)
      (f32.mul
        (f32.mul (local.get $x) (f32.const 0x1.988454p+0))
        (f32.add (f32.const 1)
          (f32.mul (f32.mul (local.get $x) (local.get $x)) (f32.const 0.134145))))))

  (func $silu1 (param $x f32) (result f32)
    (f32.mul (local.get $x) (call $sigmoid1 (local.get $x))))

  ;; s·(1 + x·(1-s)), s = sigmoid(x)
  (func $silu_d (param $x f32) (result f32)
    (call $dsig (call $exp (f32.neg (f32.abs (local.get $x)))) (local.get $x) (local.get $x)))

  ;; $sincos_abs: sin(a) for q = 0, cos(a) for q = 1, a >= 0 (or NaN).
  (func $sincos_abs (param $a f32) (param $q i32) (result f32)
    (local $t f32) (local $k f32) (local $r f32) (local $z f32) (local $quad i32) (local $v f32)
    (local.set $t (f32.add (f32.mul (local.get $a) (f32.const 0x1.45f306p-1)) (f32.const 0x1.8p23)))
    (local.set $k (f32.sub (local.get $t) (f32.const 0x1.8p23)))
    ;; the low bits of t's pattern are k's; plus q for the cosine
    (local.set $quad (i32.add (i32.reinterpret_f32 (local.get $t)) (local.get $q)))
    (local.set $r (f32.sub (f32.sub (f32.sub (local.get $a)
      (f32.mul (local.get $k) (f32.const 0x1.92p+0)))
      (f32.mul (local.get $k) (f32.const 0x1.fb8p-12)))
      (f32.mul (local.get $k) (f32.const -0x1.5dde98p-23))))
    (local.set $r (f32.min (f32.max (local.get $r) (f32.const -0.8)) (f32.const 0.8)))
    (local.set $z (f32.mul (local.get $r) (local.get $r)))
    ;; both polynomials, then the one the quadrant's parity picks
    (local.set $v
      (call $sel
        ;; cos r = 1 - z/2 + z²·C(z)
        (f32.add (f32.sub
          (f32.mul (f32.mul
            (f32.add (f32.mul (f32.add (f32.mul
              (f32.const 2.443315711809948e-5) (local.get $z))
              (f32.const -1.388731625493765e-3)) (local.get $z))
              (f32.const 4.166664568298827e-2))
            (local.get $z)) (local.get $z))
          (f32.mul (local.get $z) (f32.const 0.5)))
          (f32.const 1))
        ;; sin r = r + r·z·S(z)
        (f32.add
          (f32.mul (f32.mul
            (f32.add (f32.mul (f32.add (f32.mul
              (f32.const -1.9515295891e-4) (local.get $z))
              (f32.const 8.3321608736e-3)) (local.get $z))
              (f32.const -1.6666654611e-1))
            (local.get $z)) (local.get $r))
          (local.get $r))
        (i32.and (local.get $quad) (i32.const 1))))
    ;; quadrants 2 and 3 negate
    (f32.reinterpret_i32 (i32.xor (i32.reinterpret_f32 (local.get $v))
      (i32.shl (i32.and (local.get $quad) (i32.const 2)) (i32.const 30)))))

  (func $sin1 (param $x f32) (result f32)
    (f32.reinterpret_i32 (i32.xor
      (i32.reinterpret_f32 (call $sincos_abs (f32.abs (local.get $x)) (i32.const 0)))
      (i32.and (i32.reinterpret_f32 (local.get $x)) (i32.const 0x80000000)))))

  (func $cos1 (param $x f32) (result f32)
    (call $sincos_abs (f32.abs (local.get $x)) (i32.const 1)))

  ;; log(x) for x >= 1 (any positive normal float); NaN and +Inf are
  ;; returned as they are.
  (func $log (param $x f32) (result f32)
    (local $b i32) (local $e f32) (local $f f32) (local $z f32)
    (if (i32.eqz (f32.lt (local.get $x) (f32.const inf))) (then (return (local.get $x))))
    (local.set $b (i32.reinterpret_f32 (local.get $x)))
    ;; x = m·2^e with m in [0.5, 1)
    (local.set $e (f32.convert_i32_s (i32.sub (i32.shr_u (local.get $b) (i32.const 23)) (i32.const 126))))
    (local.set $f (f32.reinterpret_i32 (i32.or (i32.and (local.get $b) (i32.const 0x7fffff)) (i32.const 0x3f000000))))
    (if (f32.lt (local.get $f) (f32.const 0x1.6a09e6p-1))
      (then
        (local.set $e (f32.sub (local.get $e) (f32.const 1)))
        (local.set $f (f32.sub (f32.add (local.get $f) (local.get $f)) (f32.const 1))))
      (else (local.set $f (f32.sub (local.get $f) (f32.const 1)))))
    (local.set $z (f32.mul (local.get $f) (local.get $f)))
    (f32.add
      (f32.add (local.get $f)
        (f32.add
          (f32.add
            (f32.mul (f32.mul
              (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul
                (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul
                (f32.const 7.0376836292e-2) (local.get $f))
                (f32.const -1.1514610310e-1)) (local.get $f))
                (f32.const 1.1676998740e-1)) (local.get $f))
                (f32.const -1.2420140846e-1)) (local.get $f))
                (f32.const 1.4249322787e-1)) (local.get $f))
                (f32.const -1.6668057665e-1)) (local.get $f))
                (f32.const 2.0000714765e-1)) (local.get $f))
                (f32.const -2.4999993993e-1)) (local.get $f))
                (f32.const 3.3333331174e-1))
              (local.get $f)) (local.get $z))
            (f32.mul (local.get $e) (f32.const -2.12194440e-4)))
          (f32.mul (local.get $z) (f32.const -0.5))))
      (f32.mul (local.get $e) (f32.const 0.693359375))))

  ;; ---- forward kernels (n y x) ----

  ;; y = max(x, 0) as Go's max gives it: NaN for NaN, +0 for -0. Written as
  ;; a select of the bits (x <= 0 ? +0 : x), which engines compile to a
  ;; conditional move; f32.max and a select of floats branch, and random
  ;; signs mispredict.
  (func $relu (export "relu") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (local $v f32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $v (f32.load (local.get $x)))
        (i32.store (local.get $y)
          (select (i32.const 0) (i32.reinterpret_f32 (local.get $v)) (f32.le (local.get $v) (f32.const 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $tanh (export "tanh") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $y) (call $tanh1 (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $sigmoid (export "sigmoid") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $y) (call $sigmoid1 (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $gelu (export "gelu") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $y) (call $gelu1 (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $silu (export "silu") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $y) (call $silu1 (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $sine (export "sine") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $y) (call $sin1 (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; ---- backward kernels (n dx x y dy) ----

  ;; dx = dy where x > 0, else 0
  (func $relu_backward (export "relu_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (i32.store (local.get $dx)
          (select (i32.load (local.get $dy)) (i32.const 0) (f32.gt (f32.load (local.get $x)) (f32.const 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; dx = dy·(1 - y²)
  (func $tanh_backward (export "tanh_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (local $v f32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $v (f32.load (local.get $y)))
        (f32.store (local.get $dx) (f32.mul (f32.load (local.get $dy))
          (f32.sub (f32.const 1) (f32.mul (local.get $v) (local.get $v)))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; dx = (dy·y)·(1 - y)
  (func $sigmoid_backward (export "sigmoid_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (local $v f32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $v (f32.load (local.get $y)))
        (f32.store (local.get $dx) (f32.mul (f32.mul (f32.load (local.get $dy)) (local.get $v))
          (f32.sub (f32.const 1) (local.get $v))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $gelu_backward (export "gelu_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $dx) (f32.mul (f32.load (local.get $dy)) (call $gelu_d (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  (func $silu_backward (export "silu_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $dx) (f32.mul (f32.load (local.get $dy)) (call $silu_d (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; dx = dy·cos(x)
  (func $sine_backward (export "sine_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $dx) (f32.mul (f32.load (local.get $dy)) (call $cos1 (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; ---- row softmaxes (rows cols x) ----

  ;; $row_max is the largest of the cols floats at p (-Inf for none; NaN if
  ;; any is NaN, as Go's max gives).
  (func $row_max (param $p i32) (param $cols i32) (result f32)
    (local $m f32)
    (local.set $m (f32.const -inf))
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $cols) (i32.const 0)))
        (local.set $m (f32.max (local.get $m) (f32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $cols (i32.sub (local.get $cols) (i32.const 1)))
        (br $l)))
    (local.get $m))

  ;; $row_exp_sum returns the sum of exp(x - m) over the cols floats at p
  ;; and, when store is set, writes each exp(x - m) over its x.
  (func $row_exp_sum (param $p i32) (param $cols i32) (param $m f32) (param $store i32) (result f32)
    (local $e f32) (local $s f32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $cols) (i32.const 0)))
        (local.set $e (call $exp (f32.sub (f32.load (local.get $p)) (local.get $m))))
        (if (local.get $store) (then (f32.store (local.get $p) (local.get $e))))
        (local.set $s (f32.add (local.get $s) (local.get $e)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $cols (i32.sub (local.get $cols) (i32.const 1)))
        (br $l)))
    (local.get $s))

  ;; Each row becomes exp(x - max) · (1/sum).
  (func $softmax_rows (export "softmax_rows") (type $softmax) (param $rows i32) (param $cols i32) (param $x i32)
    (local $inv f32) (local $p i32) (local $j i32)
    (if (i32.le_s (local.get $cols) (i32.const 0)) (then (return)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $inv (f32.div (f32.const 1)
          (call $row_exp_sum (local.get $x) (local.get $cols)
            (call $row_max (local.get $x) (local.get $cols)) (i32.const 1))))
        (local.set $p (local.get $x))
        (local.set $j (local.get $cols))
        (block $done
          (loop $l
            (br_if $done (i32.le_s (local.get $j) (i32.const 0)))
            (f32.store (local.get $p) (f32.mul (f32.load (local.get $p)) (local.get $inv)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $l)))
        (local.set $x (local.get $p))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; Each row becomes x - (max + log(sum exp(x - max))).
  (func $log_softmax_rows (export "log_softmax_rows") (type $softmax) (param $rows i32) (param $cols i32) (param $x i32)
    (local $m f32) (local $shift f32) (local $p i32) (local $j i32)
    (if (i32.le_s (local.get $cols) (i32.const 0)) (then (return)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $m (call $row_max (local.get $x) (local.get $cols)))
        (local.set $shift (f32.add (local.get $m)
          (call $log (call $row_exp_sum (local.get $x) (local.get $cols) (local.get $m) (i32.const 0)))))
        (local.set $p (local.get $x))
        (local.set $j (local.get $cols))
        (block $done
          (loop $l
            (br_if $done (i32.le_s (local.get $j) (i32.const 0)))
            (f32.store (local.get $p) (f32.sub (f32.load (local.get $p)) (local.get $shift)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $l)))
        (local.set $x (local.get $p))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))
)
