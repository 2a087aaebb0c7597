;; activation_simd.wat: the activations, their derivatives and the row
;; softmaxes (slots 11-24 of stub.wat) in SIMD128.
;;
;; Semantics are those of the Go bodies in activation.go and softmax.go;
;; signatures are stub.wat's: forward (n y x), backward (n dx x y dy),
;; softmax (rows cols x) on contiguous rows. Pointers are byte addresses
;; into Go's memory aligned to 4 bytes only. Four elements go per vector; a
;; tail of 1-3 is moved lane by lane ($load_part, $store_part), so nothing
;; outside an operand is touched; n <= 0 touches nothing. y may be x and
;; dx may be dy: each vector is read whole before it is written. Backward
;; kernels read only the operands their formula needs (x or y, and dy).
;;
;; The Go bodies evaluate transcendentals in float64; these are float32
;; with range reduction and polynomials, identical operation for operation
;; to activation_scalar.wat (so both bodies give the same bits):
;;   exp(x): n = nearest(x·log2 e) by the 1.5·2^23 trick, r = x - n·C1 - n·C2
;;     (Cody-Waite, C1 = 0.693359375 exact in 9 bits), e^r = 1 + r + r²·P5(r)
;;     (Cephes expf), times 2^(n>>1)·2^(n-(n>>1)) built in the exponent bits,
;;     so results overflow to +Inf above 88.72 and underflow through the
;;     subnormals to exactly 0 below -103.9 with no special cases.
;;   tanh(x): |x| < 0.625: x + x·z·Q4(z), z = x² (Cephes tanhf); else
;;     1 - 2/(exp(2|x|)+1) with the sign of x (2/Inf = 0 far out).
;;   sigmoid(x): e = exp(-|x|) in [0, 1], then 1/(1+e) for x >= 0 and
;;     e/(1+e) below: no overflow, accurate into the subnormals.
;;   gelu(x) = 0.5x(1+tanh u), u = sqrt(2/pi)(x + 0.044715x³), is computed
;;     as x·sigmoid(2u): the same function, without the cancellation of
;;     1 + tanh u for negative x. 2u and its reduction 2u - k·ln2 are
;;     computed in float64 (f64x2), since exp multiplies the relative error
;;     of its argument by the argument: 2u in float32 cost up to 16 ulps at
;;     |x| <= 3 and 200 at x = -9.
;;   gelu'(x) = s(1 + 2·sqrt(2/pi)·x·(1-s)(1 + 3·0.044715x²)), s = sigmoid(2u),
;;     s and 1-s taken from one exp as 1/(1+e) and e/(1+e); x is clamped to
;;     ±1e5 so that x² cannot overflow into Inf·0 (the derivative is 1 or 0
;;     long before).
;;   silu(x) = x·sigmoid(x); silu'(x) = s(1 + x(1-s)) likewise.
;;   sin, cos: k = nearest(|x|·2/pi), r = |x| - k·P1 - k·P2 - k·P3 with
;;     P1 = 1.5703125, P2 = 0x1.fb8p-12 (10 significant bits each, so k·P1 and
;;     k·P2 are exact for k < 2^14, |x| < 25700) and P3 = pi/2-P1-P2 in float32;
;;     Cephes sinf/cosf minimax polynomials on |r| <= pi/4, chosen and signed
;;     by the quadrant k mod 4. r is clamped to ±0.8 so that a huge |x|, where
;;     float32 keeps no phase anyway, still gives a value in [-1, 1].
;;   log (log-softmax, once per row, scalar): exponent/mantissa split into
;;     m in [sqrt(1/2), sqrt 2), log(m) = f - f²/2 + f³·P8(f), f = m-1 (Cephes
;;     logf), plus e·ln 2 in two parts. Its argument is a sum >= 1 (the
;;     largest term is exp(0) = 1 exactly), or NaN, which it passes through.
;; NaN propagates through every path (clamps use f32x4.pmin/pmax with x as
;; the first operand, which returns x when x is NaN; ReLU uses f32x4.max,
;; which gives NaN for NaN and +0 for max(-0, 0) like Go's max).
;;
;; Maximum error measured against the float64 reference (the functions of
;; activation.go evaluated in float64; for GELU its identical form
;; x·sigmoid(2u), which stays accurate in float64 where 1 + tanh u cancels)
;; by TestWasmActivationErrors in kernels/activation_wat_test.go over
;; 200000 evenly spaced x, in float32 ulps of the result (normal results),
;; and for the derivatives the absolute error per unit of dy:
;;   relu     exact                       relu'     exact
;;   tanh     1.3 ulp                     tanh'     4.5e-8 (from y)
;;   sigmoid  2.3 ulp                     sigmoid'  2.2e-8 (from y)
;;   gelu     2.9 ulp for |x| <= 3, 5.8 ulp at x = -10 where sigmoid(2u)
;;            nears the subnormals      gelu'     2.3e-7
;;   silu     2.9 ulp for |x| <= 12 (up to 46 ulp, 1e-43 absolute, where the
;;            result nears the subnormals, x < -87)
;;                                        silu'     2.3e-7
;;   sine     1.4 ulp for |x| <= 12, 2.3 for |x| <= 100; absolute error
;;            <= 7.5e-8 up to |x| = 1e4
;;                                        sine'     7.6e-8
;;   softmax  11 ulp (the Go body: 9.8; both round x - max to float32 first),
;;   log-softmax 1.6e-6 absolute (the Go body: 1.5e-6), logits in [-8, 8)
;; Saturation: tanh is exactly ±1 for |x| > 9.011, sigmoid exactly 1 for
;; x > 16.636 and exactly 0 for x < -103.973, without NaN or Inf on the way.
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

  ;; ---- lane movement ----

  ;; $load_part reads r (1-3) floats at p into the low lanes of v.
  (func $load_part (param $p i32) (param $r i32) (param $v v128) (result v128)
    (local.set $v (v128.load32_lane 0 (local.get $p) (local.get $v)))
    (if (i32.gt_s (local.get $r) (i32.const 1))
      (then (local.set $v (v128.load32_lane offset=4 1 (local.get $p) (local.get $v)))))
    (if (i32.gt_s (local.get $r) (i32.const 2))
      (then (local.set $v (v128.load32_lane offset=8 2 (local.get $p) (local.get $v)))))
    (local.get $v))

  ;; $store_part writes the low r (1-3) lanes of v at p.
  (func $store_part (param $p i32) (param $v v128) (param $r i32)
    (v128.store32_lane 0 (local.get $p) (local.get $v))
    (if (i32.gt_s (local.get $r) (i32.const 1))
      (then (v128.store32_lane offset=4 1 (local.get $p) (local.get $v))))
    (if (i32.gt_s (local.get $r) (i32.const 2))
      (then (v128.store32_lane offset=8 2 (local.get $p) (local.get $v)))))

  ;; ---- the functions, four lanes at a time ----

  (func $exp4 (param $x v128) (result v128)
    (local $t v128) (local $k v128) (local $r v128) (local $n v128) (local $h v128)
    ;; clamp to [-110, 89] (NaN passes): beyond, the result is 0 or +Inf anyway
    (local.set $x (f32x4.pmin (f32x4.pmax (local.get $x) (v128.const f32x4 -110 -110 -110 -110))
      (v128.const f32x4 89 89 89 89)))
    ;; t = x·log2 e + 1.5·2^23 holds k = nearest(x·log2 e) in its low bits
    (local.set $t (f32x4.add (f32x4.mul (local.get $x)
      (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0))
      (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
    (local.set $k (f32x4.sub (local.get $t) (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
    ;; r = x - k·C1 - k·C2
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x)
        (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    ;; then $exp4_rn(r, k), inline (engines that do not inline wasm calls
    ;; would pay a call per vector): n = k as an integer, halved into two
    ;; exponents
    (local.set $n (i32x4.sub (local.get $t) (v128.const i32x4 0x4B400000 0x4B400000 0x4B400000 0x4B400000)))
    (local.set $h (i32x4.shr_s (local.get $n) (i32.const 1)))
    (f32x4.mul
      (f32x4.mul
        (f32x4.add (f32x4.add
          (f32x4.mul
            (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
              (f32x4.add (f32x4.mul
                (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r))
                (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)) (local.get $r))
                (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)) (local.get $r))
                (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)) (local.get $r))
                (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)) (local.get $r))
                (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
            (f32x4.mul (local.get $r) (local.get $r)))
          (local.get $r))
          (v128.const f32x4 1 1 1 1))
        (i32x4.shl (i32x4.add (local.get $h) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
      (i32x4.shl (i32x4.add (i32x4.sub (local.get $n) (local.get $h)) (v128.const i32x4 127 127 127 127))
        (i32.const 23))))

  ;; $exp4_rn is e^r·2^n for |r| <= ln2/2 (a little more is fine) and n in
  ;; [-160, 128]: the polynomial, and 2^n as 2^(n>>1)·2^(n-(n>>1)).
  (func $exp4_rn (param $r v128) (param $n v128) (result v128)
    (local $h v128)
    (local.set $h (i32x4.shr_s (local.get $n) (i32.const 1)))
    (f32x4.mul
      (f32x4.mul
        (f32x4.add (f32x4.add
          (f32x4.mul
            (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
              (f32x4.add (f32x4.mul
                (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r))
                (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)) (local.get $r))
                (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)) (local.get $r))
                (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)) (local.get $r))
                (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)) (local.get $r))
                (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
            (f32x4.mul (local.get $r) (local.get $r)))
          (local.get $r))
          (v128.const f32x4 1 1 1 1))
        (i32x4.shl (i32x4.add (local.get $h) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
      (i32x4.shl (i32x4.add (i32x4.sub (local.get $n) (local.get $h)) (v128.const i32x4 127 127 127 127))
        (i32.const 23))))

  (func $tanh4 (param $x v128) (result v128)
    (local $a v128) (local $z v128) (local $small v128) (local $big v128)
    (local.set $a (f32x4.abs (local.get $x)))
    ;; 1 - 2/(exp(2a)+1)
    (local.set $big (f32x4.sub (v128.const f32x4 1 1 1 1)
      (f32x4.div (v128.const f32x4 2 2 2 2)
        (f32x4.add (call $exp4 (f32x4.add (local.get $a) (local.get $a))) (v128.const f32x4 1 1 1 1)))))
    ;; a + a·z·Q(z)
    (local.set $z (f32x4.mul (local.get $a) (local.get $a)))
    (local.set $small (f32x4.add
      (f32x4.mul (f32x4.mul
        (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
          (v128.const f32x4 -5.70498872745e-3 -5.70498872745e-3 -5.70498872745e-3 -5.70498872745e-3) (local.get $z))
          (v128.const f32x4 2.06390887954e-2 2.06390887954e-2 2.06390887954e-2 2.06390887954e-2)) (local.get $z))
          (v128.const f32x4 -5.37397155531e-2 -5.37397155531e-2 -5.37397155531e-2 -5.37397155531e-2)) (local.get $z))
          (v128.const f32x4 1.33314422036e-1 1.33314422036e-1 1.33314422036e-1 1.33314422036e-1)) (local.get $z))
          (v128.const f32x4 -3.33332819422e-1 -3.33332819422e-1 -3.33332819422e-1 -3.33332819422e-1))
        (local.get $z)) (local.get $a))
      (local.get $a)))
    (v128.or
      (v128.bitselect (local.get $small) (local.get $big)
        (f32x4.lt (local.get $a) (v128.const f32x4 0.625 0.625 0.625 0.625)))
      (v128.and (local.get $x) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))

  ;; The logistic function without overflow: with e = exp(-|x|) in [0, 1],
  ;; sigmoid(|x|) = 1/(1+e) and sigmoid(-|x|) = e/(1+e) are both accurate
  ;; with one division (down to the subnormals; exactly 0 below -103.9,
  ;; exactly 1 above 16.6). $sig4 takes e and the sign from x; a NaN fails
  ;; the sign test and takes e, a NaN.
  (func $sig4 (param $e v128) (param $x v128) (result v128)
    (f32x4.div
      (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $e) (f32x4.ge (local.get $x) (v128.const f32x4 0 0 0 0)))
      (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))

  ;; $dsig4 is s·(1 + k·(1-s)), s the sigmoid of a value with the sign of x
  ;; and e = exp(-|value|): p = 1/(1+e), q = e·p, s and 1-s are p and q in
  ;; the order the sign says. The derivatives of SiLU (k = x) and of GELU
  ;; (value 2u, k = 2c·x(1 + 3a·x²)).
  (func $dsig4 (param $e v128) (param $x v128) (param $k v128) (result v128)
    (local $p v128) (local $q v128)
    (local.set $p (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))
    (local.set $q (f32x4.mul (local.get $e) (local.get $p)))
    (f32x4.mul
      (v128.bitselect (local.get $p) (local.get $q) (f32x4.ge (local.get $x) (v128.const f32x4 0 0 0 0)))
      (f32x4.add (v128.const f32x4 1 1 1 1)
        (f32x4.mul (local.get $k)
          (v128.bitselect (local.get $p) (local.get $q) (f32x4.le (local.get $x) (v128.const f32x4 0 0 0 0)))))))

  (func $sigmoid4 (param $x v128) (result v128)
    (local $e v128)
    ;; $sig4 inline
    (local.set $e (call $exp4 (f32x4.neg (f32x4.abs (local.get $x)))))
    (f32x4.div
      (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $e) (f32x4.ge (local.get $x) (v128.const f32x4 0 0 0 0)))
      (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))

  ;; $gelu_e4 is exp(-|2u|), 2u = 2c·x(1 + a·x²), c = sqrt(2/pi), a = 0.044715
  ;; (2u has the sign of x). 2u and the reduction 2u - k·ln2 are computed in
  ;; float64, two lanes at a time: exp magnifies an argument's relative
  ;; error by the argument, and a float32 2u would cost |2u| ulps.
  (func $gelu_e4 (param $x v128) (result v128)
    (local $d0 v128) (local $d1 v128) (local $t0 v128) (local $t1 v128)
    (local.set $x (f32x4.abs (local.get $x)))
    (local.set $d0 (f64x2.promote_low_f32x4 (local.get $x)))
    (local.set $d1 (f64x2.promote_low_f32x4
      (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))))
    ;; v = max(-2c·|x|(1 + a·x²), -110) (NaN passes)
    (local.set $d0 (f64x2.pmax
      (f64x2.mul (f64x2.mul (local.get $d0) (v128.const f64x2 -1.5957691216057308 -1.5957691216057308))
        (f64x2.add (v128.const f64x2 1 1)
          (f64x2.mul (f64x2.mul (local.get $d0) (local.get $d0)) (v128.const f64x2 0.044715 0.044715))))
      (v128.const f64x2 -110 -110)))
    (local.set $d1 (f64x2.pmax
      (f64x2.mul (f64x2.mul (local.get $d1) (v128.const f64x2 -1.5957691216057308 -1.5957691216057308))
        (f64x2.add (v128.const f64x2 1 1)
          (f64x2.mul (f64x2.mul (local.get $d1) (local.get $d1)) (v128.const f64x2 0.044715 0.044715))))
      (v128.const f64x2 -110 -110)))
    ;; t = v·log2 e + 1.5·2^52 holds k = nearest(v·log2 e) in its low bits;
    ;; r = v - k·ln2
    (local.set $t0 (f64x2.add (f64x2.mul (local.get $d0) (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0))
      (v128.const f64x2 0x1.8p52 0x1.8p52)))
    (local.set $t1 (f64x2.add (f64x2.mul (local.get $d1) (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0))
      (v128.const f64x2 0x1.8p52 0x1.8p52)))
    (local.set $d0 (f64x2.sub (local.get $d0)
      (f64x2.mul (f64x2.sub (local.get $t0) (v128.const f64x2 0x1.8p52 0x1.8p52))
        (v128.const f64x2 0x1.62e42fefa39efp-1 0x1.62e42fefa39efp-1))))
    (local.set $d1 (f64x2.sub (local.get $d1)
      (f64x2.mul (f64x2.sub (local.get $t1) (v128.const f64x2 0x1.8p52 0x1.8p52))
        (v128.const f64x2 0x1.62e42fefa39efp-1 0x1.62e42fefa39efp-1))))
    (call $exp4_rn
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        (f32x4.demote_f64x2_zero (local.get $d0)) (f32x4.demote_f64x2_zero (local.get $d1)))
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $t0) (local.get $t1))))

  ;; 0.5x(1 + tanh u) = x·sigmoid(2u)
  (func $gelu4 (param $x v128) (result v128)
    (f32x4.mul (local.get $x) (call $sig4 (call $gelu_e4 (local.get $x)) (local.get $x))))

  ;; s·(1 + 2c·x·(1-s)·(1 + 3a·x²)), s = sigmoid(2u); x is clamped to ±1e5
  ;; (NaN passes) so that x² cannot overflow into Inf·0.
  (func $gelu_d4 (param $x v128) (result v128)
    (local.set $x (f32x4.pmin (f32x4.pmax (local.get $x) (v128.const f32x4 -1e5 -1e5 -1e5 -1e5))
      (v128.const f32x4 1e5 1e5 1e5 1e5)))
    (call $dsig4 (call $gelu_e4 (local.get $x)) (local.get $x)
      (f32x4.mul
        (f32x4.mul (local.get $x)
          (v128.const f32x4 0x1.988454p+0 0x1.988454p+0 0x1.988454p+0 0x1.988454p+0))
        (f32x4.add (v128.const f32x4 1 1 1 1)
          (f32x4.mul (f32x4.mul (local.get $x) (local.get $x))
            (v128.const f32x4 0.134145 0.134145 0.134145 0.134145))))))

  (func $silu4 (param $x v128) (result v128)
    (f32x4.mul (local.get $x) (call $sigmoid4 (local.get $x))))

  ;; s·(1 + x·(1-s)), s = sigmoid(x)
  (func $silu_d4 (param $x v128) (result v128)
    (call $dsig4 (call $exp4 (f32x4.neg (f32x4.abs (local.get $x)))) (local.get $x) (local.get $x)))

  ;; $sincos_abs4: sin(a) for q = 0, cos(a) for q = 1, a >= 0 (or NaN).
  (func $sincos_abs4 (param $a v128) (param $q i32) (result v128)
    (local $t v128) (local $k v128) (local $r v128) (local $z v128) (local $quad v128)
    (local.set $t (f32x4.add (f32x4.mul (local.get $a)
      (v128.const f32x4 0x1.45f306p-1 0x1.45f306p-1 0x1.45f306p-1 0x1.45f306p-1))
      (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
    (local.set $k (f32x4.sub (local.get $t) (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
    ;; the low bits of t's pattern are k's; plus q for the cosine
    (local.set $quad (i32x4.add (local.get $t) (i32x4.splat (local.get $q))))
    (local.set $r (f32x4.sub (f32x4.sub (f32x4.sub (local.get $a)
      (f32x4.mul (local.get $k) (v128.const f32x4 0x1.92p+0 0x1.92p+0 0x1.92p+0 0x1.92p+0)))
      (f32x4.mul (local.get $k) (v128.const f32x4 0x1.fb8p-12 0x1.fb8p-12 0x1.fb8p-12 0x1.fb8p-12)))
      (f32x4.mul (local.get $k) (v128.const f32x4 -0x1.5dde98p-23 -0x1.5dde98p-23 -0x1.5dde98p-23 -0x1.5dde98p-23))))
    (local.set $r (f32x4.pmin (f32x4.pmax (local.get $r) (v128.const f32x4 -0.8 -0.8 -0.8 -0.8))
      (v128.const f32x4 0.8 0.8 0.8 0.8)))
    (local.set $z (f32x4.mul (local.get $r) (local.get $r)))
    (v128.xor
      (v128.bitselect
        ;; cos r = 1 - z/2 + z²·C(z)
        (f32x4.add (f32x4.sub
          (f32x4.mul (f32x4.mul
            (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
              (v128.const f32x4 2.443315711809948e-5 2.443315711809948e-5 2.443315711809948e-5 2.443315711809948e-5) (local.get $z))
              (v128.const f32x4 -1.388731625493765e-3 -1.388731625493765e-3 -1.388731625493765e-3 -1.388731625493765e-3)) (local.get $z))
              (v128.const f32x4 4.166664568298827e-2 4.166664568298827e-2 4.166664568298827e-2 4.166664568298827e-2))
            (local.get $z)) (local.get $z))
          (f32x4.mul (local.get $z) (v128.const f32x4 0.5 0.5 0.5 0.5)))
          (v128.const f32x4 1 1 1 1))
        ;; sin r = r + r·z·S(z)
        (f32x4.add
          (f32x4.mul (f32x4.mul
            (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
              (v128.const f32x4 -1.9515295891e-4 -1.9515295891e-4 -1.9515295891e-4 -1.9515295891e-4) (local.get $z))
              (v128.const f32x4 8.3321608736e-3 8.3321608736e-3 8.3321608736e-3 8.3321608736e-3)) (local.get $z))
              (v128.const f32x4 -1.6666654611e-1 -1.6666654611e-1 -1.6666654611e-1 -1.6666654611e-1))
            (local.get $z)) (local.get $r))
          (local.get $r))
        (i32x4.eq (v128.and (local.get $quad) (v128.const i32x4 1 1 1 1)) (v128.const i32x4 1 1 1 1)))
      ;; quadrants 2 and 3 negate
      (i32x4.shl (v128.and (local.get $quad) (v128.const i32x4 2 2 2 2)) (i32.const 30))))

  (func $sin4 (param $x v128) (result v128)
    (v128.xor (call $sincos_abs4 (f32x4.abs (local.get $x)) (i32.const 0))
      (v128.and (local.get $x) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))

  (func $cos4 (param $x v128) (result v128)
    (call $sincos_abs4 (f32x4.abs (local.get $x)) (i32.const 1)))

  ;; log(x) for x >= 1 (any positive normal float) in scalar float32; NaN and
  ;; +Inf are returned as they are.
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

  ;; y = max(x, 0)
  (func $relu (export "relu") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y) (f32x4.max (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $y)
        (f32x4.max (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)) (v128.const f32x4 0 0 0 0))
        (local.get $n)))))

  (func $tanh (export "tanh") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y) (call $tanh4 (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $y)
        (call $tanh4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  (func $sigmoid (export "sigmoid") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y) (call $sigmoid4 (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $y)
        (call $sigmoid4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  (func $gelu (export "gelu") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y) (call $gelu4 (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $y)
        (call $gelu4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  (func $silu (export "silu") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y) (call $silu4 (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $y)
        (call $silu4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  (func $sine (export "sine") (type $unary) (param $n i32) (param $y i32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y) (call $sin4 (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $y)
        (call $sin4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  ;; ---- backward kernels (n dx x y dy) ----

  ;; dx = dy where x > 0, else 0
  (func $relu_backward (export "relu_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $dx) (v128.and (v128.load (local.get $dy))
          (f32x4.gt (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $dx)
        (v128.and (call $load_part (local.get $dy) (local.get $n) (v128.const i32x4 0 0 0 0))
          (f32x4.gt (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)) (v128.const f32x4 0 0 0 0)))
        (local.get $n)))))

  ;; dx = dy·(1 - y²)
  (func $tanh_d4 (param $y v128) (param $dy v128) (result v128)
    (f32x4.mul (local.get $dy)
      (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $y) (local.get $y)))))

  (func $tanh_backward (export "tanh_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $dx) (call $tanh_d4 (v128.load (local.get $y)) (v128.load (local.get $dy))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $dx)
        (call $tanh_d4
          (call $load_part (local.get $y) (local.get $n) (v128.const i32x4 0 0 0 0))
          (call $load_part (local.get $dy) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  ;; dx = (dy·y)·(1 - y)
  (func $sigmoid_d4 (param $y v128) (param $dy v128) (result v128)
    (f32x4.mul (f32x4.mul (local.get $dy) (local.get $y))
      (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $y))))

  (func $sigmoid_backward (export "sigmoid_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $dx) (call $sigmoid_d4 (v128.load (local.get $y)) (v128.load (local.get $dy))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $dx)
        (call $sigmoid_d4
          (call $load_part (local.get $y) (local.get $n) (v128.const i32x4 0 0 0 0))
          (call $load_part (local.get $dy) (local.get $n) (v128.const i32x4 0 0 0 0)))
        (local.get $n)))))

  (func $gelu_backward (export "gelu_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $dx) (f32x4.mul (v128.load (local.get $dy)) (call $gelu_d4 (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $dx)
        (f32x4.mul (call $load_part (local.get $dy) (local.get $n) (v128.const i32x4 0 0 0 0))
          (call $gelu_d4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0))))
        (local.get $n)))))

  (func $silu_backward (export "silu_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $dx) (f32x4.mul (v128.load (local.get $dy)) (call $silu_d4 (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $dx)
        (f32x4.mul (call $load_part (local.get $dy) (local.get $n) (v128.const i32x4 0 0 0 0))
          (call $silu_d4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0))))
        (local.get $n)))))

  ;; dx = dy·cos(x)
  (func $sine_backward (export "sine_backward") (type $backward)
    (param $n i32) (param $dx i32) (param $x i32) (param $y i32) (param $dy i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $dx) (f32x4.mul (v128.load (local.get $dy)) (call $cos4 (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (call $store_part (local.get $dx)
        (f32x4.mul (call $load_part (local.get $dy) (local.get $n) (v128.const i32x4 0 0 0 0))
          (call $cos4 (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0))))
        (local.get $n)))))

;; ---- row softmaxes (rows cols x) ----

  ;; $softmax_core replaces each row of the contiguous rows x cols block at
  ;; x with its softmax (log = 0): exp(x - max)·(1/sum), or its log-softmax
  ;; (log = 1): x - (max + log sum), sum = the sum of exp(x - max). The max
  ;; propagates NaN as Go's max does (f32x4.max); every exp(x - max) <= 1
  ;; and the largest is exp(0) = 1 exactly. Row work is inlined, exp too,
  ;; so a short row costs no calls (engines that do not inline wasm calls
  ;; pay for each).
  (func $softmax_core (param $rows i32) (param $cols i32) (param $x i32) (param $log i32)
    (local $p i32) (local $j i32) (local $m f32) (local $vm v128) (local $v v128) (local $s v128)
    (local $k v128) (local $t v128) (local $r v128) (local $n v128) (local $h v128)
    (if (i32.le_s (local.get $cols) (i32.const 0)) (then (return)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.le_s (local.get $rows) (i32.const 0)))
        ;; the row max; a tail's missing lanes are -Inf
        (local.set $vm (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $p (local.get $x))
        (local.set $j (local.get $cols))
        (block $done
          (loop $l
            (br_if $done (i32.lt_s (local.get $j) (i32.const 4)))
            (local.set $vm (f32x4.max (local.get $vm) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 4)))
            (br $l)))
        (if (i32.gt_s (local.get $j) (i32.const 0))
          (then (local.set $vm (f32x4.max (local.get $vm)
            (call $load_part (local.get $p) (local.get $j) (v128.const f32x4 -inf -inf -inf -inf))))))
        (local.set $m (f32.max
          (f32.max (f32x4.extract_lane 0 (local.get $vm)) (f32x4.extract_lane 1 (local.get $vm)))
          (f32.max (f32x4.extract_lane 2 (local.get $vm)) (f32x4.extract_lane 3 (local.get $vm)))))
        (local.set $vm (f32x4.splat (local.get $m)))

        ;; e = exp(x - max), stored for the softmax, summed (only the
        ;; loaded lanes of a tail)
        (local.set $s (v128.const i32x4 0 0 0 0))
        (local.set $p (local.get $x))
        (local.set $j (local.get $cols))
        (loop $l
          (if (i32.ge_s (local.get $j) (i32.const 4))
            (then (local.set $v (v128.load (local.get $p))))
            (else (local.set $v (call $load_part (local.get $p) (local.get $j) (v128.const i32x4 0 0 0 0)))))
          ;; $exp4 of x - max, inline: see $exp4 (the argument is <= 0 or NaN)
          (local.set $v (f32x4.pmax (f32x4.sub (local.get $v) (local.get $vm)) (v128.const f32x4 -110 -110 -110 -110)))
          (local.set $t (f32x4.add (f32x4.mul (local.get $v)
            (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0))
            (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
          (local.set $k (f32x4.sub (local.get $t) (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $v)
              (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $n (i32x4.sub (local.get $t) (v128.const i32x4 0x4B400000 0x4B400000 0x4B400000 0x4B400000)))
          (local.set $h (i32x4.shr_s (local.get $n) (i32.const 1)))
          (local.set $v
            (f32x4.mul
              (f32x4.mul
                (f32x4.add (f32x4.add
                  (f32x4.mul
                    (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
                      (f32x4.add (f32x4.mul
                        (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r))
                        (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)) (local.get $r))
                        (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)) (local.get $r))
                        (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)) (local.get $r))
                        (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)) (local.get $r))
                        (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
                    (f32x4.mul (local.get $r) (local.get $r)))
                  (local.get $r))
                  (v128.const f32x4 1 1 1 1))
                (i32x4.shl (i32x4.add (local.get $h) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
              (i32x4.shl (i32x4.add (i32x4.sub (local.get $n) (local.get $h)) (v128.const i32x4 127 127 127 127))
                (i32.const 23))))
          (if (i32.ge_s (local.get $j) (i32.const 4))
            (then
              (if (i32.eqz (local.get $log)) (then (v128.store (local.get $p) (local.get $v))))
              (local.set $s (f32x4.add (local.get $s) (local.get $v))))
            (else
              (if (i32.eqz (local.get $log)) (then (call $store_part (local.get $p) (local.get $v) (local.get $j))))
              (local.set $s (f32x4.add (local.get $s) (v128.and (local.get $v)
                (i32x4.gt_s (i32x4.splat (local.get $j)) (v128.const i32x4 0 1 2 3)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $l (i32.gt_s (local.tee $j (i32.sub (local.get $j) (i32.const 4))) (i32.const 0))))

        ;; softmax: e·(1/sum); log-softmax: x - (max + log sum)
        (local.set $v (f32x4.splat (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
          (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
        (if (local.get $log)
          (then (local.set $k (f32x4.splat (f32.add (local.get $m) (call $log (f32x4.extract_lane 0 (local.get $v)))))))
          (else (local.set $k (f32x4.div (v128.const f32x4 1 1 1 1) (local.get $v)))))
        (local.set $p (local.get $x))
        (local.set $j (local.get $cols))
        (loop $l
          (if (i32.ge_s (local.get $j) (i32.const 4))
            (then (local.set $v (v128.load (local.get $p))))
            (else (local.set $v (call $load_part (local.get $p) (local.get $j) (v128.const i32x4 0 0 0 0)))))
          (if (local.get $log)
            (then (local.set $v (f32x4.sub (local.get $v) (local.get $k))))
            (else (local.set $v (f32x4.mul (local.get $v) (local.get $k)))))
          (if (i32.ge_s (local.get $j) (i32.const 4))
            (then (v128.store (local.get $p) (local.get $v)))
            (else (call $store_part (local.get $p) (local.get $v) (local.get $j))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $l (i32.gt_s (local.tee $j (i32.sub (local.get $j) (i32.const 4))) (i32.const 0))))

        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  (func $softmax_rows (export "softmax_rows") (type $softmax) (param $rows i32) (param $cols i32) (param $x i32)
    (call $softmax_core (local.get $rows) (local.get $cols) (local.get $x) (i32.const 0)))

  (func $log_softmax_rows (export "log_softmax_rows") (type $softmax) (param $rows i32) (param $cols i32) (param $x i32)
    (call $softmax_core (local.get $rows) (local.get $cols) (local.get $x) (i32.const 1)))
)
