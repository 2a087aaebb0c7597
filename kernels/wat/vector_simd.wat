;; vector_simd.wat: the vector kernels (slots 3-10 of stub.wat) in SIMD128.
;;
;; Semantics are those of the Go bodies in vector.go and optimizer.go; the
;; signatures are stub.wat's. Pointers are byte addresses into Go's memory,
;; aligned to 4 bytes only: v128.load/store carry no alignment promise.
;; Four elements go per vector; a tail of 1-3 elements is moved lane by
;; lane ($load_part, $store_part), so nothing outside an operand is read or
;; written. A length <= 0 touches nothing. y may alias x (and dst, c, w, m,
;; v are updated in place) since every element is read before it is
;; written in the same step.
;;
;; Exactness against the Go bodies (float32 arithmetic, no FMA in SIMD128):
;;   axpy, axpy_sign, scale, add_bias, adam_update: the same operations in
;;     the same order per element, bit-identical to Go compiled without FMA
;;     (Go on amd64; Go on arm64 fuses a*x+y).
;;   sum_rows: each column sums its rows in row order from dst: identical.
;;   dot: four vector accumulators over blocks of 16 (16 partial sums),
;;     sum_abs: two vector accumulators (8). Go keeps 4 and 2 partial sums,
;;     so these may differ from the Go bodies (and from the scalar body,
;;     which keeps Go's) in the last bits; one accumulator, Go's order,
;;     measured half as fast (0.12 against 0.064 ns/element at n = 65536
;;     in Node 20): each addition waits on the previous one.
;; Measured by kernels/vector_wat_test.go against gonum's float64
;; results: element-wise results within their float32 roundings (at most
;; 2^-24 of each operand per rounding); dot, sum_abs and sum_rows within
;; the (n+2)·2^-23 bound of the Go tests relative to the sum of |terms|.
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  (type $axpy (func (param i32 f32 i32 i32)))
  (type $scale (func (param i32 f32 i32)))
  (type $dot (func (param i32 i32 i32) (result f32)))
  (type $reduce (func (param i32 i32) (result f32)))
  (type $rows (func (param i32 i32 i32 i32 i32)))
  (type $adam (func (param i32 i32 i32 i32 i32 f32 f32 f32 f32 f32 f32)))

  (elem (i32.const 3) func $axpy $axpy_sign $scale $dot $sum_abs $add_bias $sum_rows $adam_update)

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

  ;; $hsum adds the lanes as (l0+l1)+(l2+l3).
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; y += alpha*x
  (func $axpy (export "axpy") (type $axpy) (param $n i32) (param $alpha f32) (param $x i32) (param $y i32)
    (local $a v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y)
          (f32x4.add (v128.load (local.get $y)) (f32x4.mul (local.get $a) (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then
        (call $store_part (local.get $y)
          (f32x4.add
            (call $load_part (local.get $y) (local.get $n) (v128.const i32x4 0 0 0 0))
            (f32x4.mul (local.get $a) (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0))))
          (local.get $n)))))

  ;; $sign_step is alpha where x > 0, -alpha where x < 0 and -0 elsewhere
  ;; (zero, NaN), so y + step leaves y bit-for-bit alone there, -0 included.
  (func $sign_step (param $x v128) (param $a v128) (result v128)
    (v128.bitselect (local.get $a)
      (v128.bitselect (f32x4.neg (local.get $a)) (v128.const f32x4 -0 -0 -0 -0)
        (f32x4.lt (local.get $x) (v128.const f32x4 0 0 0 0)))
      (f32x4.gt (local.get $x) (v128.const f32x4 0 0 0 0))))

  ;; y += alpha*sign(x), sign(0) = 0
  (func $axpy_sign (export "axpy_sign") (type $axpy) (param $n i32) (param $alpha f32) (param $x i32) (param $y i32)
    (local $a v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $y)
          (f32x4.add (v128.load (local.get $y)) (call $sign_step (v128.load (local.get $x)) (local.get $a))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then
        (call $store_part (local.get $y)
          (f32x4.add
            (call $load_part (local.get $y) (local.get $n) (v128.const i32x4 0 0 0 0))
            (call $sign_step (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)) (local.get $a)))
          (local.get $n)))))

  ;; x *= alpha
  (func $scale (export "scale") (type $scale) (param $n i32) (param $alpha f32) (param $x i32)
    (local $a v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (v128.store (local.get $x) (f32x4.mul (v128.load (local.get $x)) (local.get $a)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then
        (call $store_part (local.get $x)
          (f32x4.mul (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)) (local.get $a))
          (local.get $n)))))

  ;; sum of x[i]*y[i]: four accumulators over blocks of 16 keep four
  ;; independent addition chains in flight.
  (func $dot (export "dot") (type $dot) (param $n i32) (param $x i32) (param $y i32) (result f32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 16)))
        (local.set $s0 (f32x4.add (local.get $s0)
          (f32x4.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $s1 (f32x4.add (local.get $s1)
          (f32x4.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
        (local.set $s2 (f32x4.add (local.get $s2)
          (f32x4.mul (v128.load offset=32 (local.get $x)) (v128.load offset=32 (local.get $y)))))
        (local.set $s3 (f32x4.add (local.get $s3)
          (f32x4.mul (v128.load offset=48 (local.get $x)) (v128.load offset=48 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $y (i32.add (local.get $y) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $l)))
    (block $done4
      (loop $l4
        (br_if $done4 (i32.lt_s (local.get $n) (i32.const 4)))
        (local.set $s0 (f32x4.add (local.get $s0)
          (f32x4.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l4)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then
        (local.set $s1 (f32x4.add (local.get $s1)
          (f32x4.mul
            (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0))
            (call $load_part (local.get $y) (local.get $n) (v128.const i32x4 0 0 0 0)))))))
    (call $hsum (f32x4.add (f32x4.add (local.get $s0) (local.get $s1)) (f32x4.add (local.get $s2) (local.get $s3)))))

  ;; sum of |x[i]|
  (func $sum_abs (export "sum_abs") (type $reduce) (param $n i32) (param $x i32) (result f32)
    (local $s0 v128) (local $s1 v128)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 8)))
        (local.set $s0 (f32x4.add (local.get $s0) (f32x4.abs (v128.load (local.get $x)))))
        (local.set $s1 (f32x4.add (local.get $s1) (f32x4.abs (v128.load offset=16 (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $n (i32.sub (local.get $n) (i32.const 8)))
        (br $l)))
    (if (i32.ge_s (local.get $n) (i32.const 4))
      (then
        (local.set $s0 (f32x4.add (local.get $s0) (f32x4.abs (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then
        (local.set $s1 (f32x4.add (local.get $s1)
          (f32x4.abs (call $load_part (local.get $x) (local.get $n) (v128.const i32x4 0 0 0 0)))))))
    (call $hsum (f32x4.add (local.get $s0) (local.get $s1))))

  ;; c[i,j] += bias[j] over the rows x cols block of c (leading dimension ldc)
  (func $add_bias (export "add_bias") (type $rows)
    (param $rows i32) (param $cols i32) (param $bias i32) (param $c i32) (param $ldc i32)
    (local $j i32) (local $b i32) (local $p i32)
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $j (local.get $cols))
        (local.set $b (local.get $bias))
        (local.set $p (local.get $c))
        (block $done
          (loop $l
            (br_if $done (i32.lt_s (local.get $j) (i32.const 4)))
            (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (v128.load (local.get $b))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 4)))
            (br $l)))
        (if (i32.gt_s (local.get $j) (i32.const 0))
          (then
            (call $store_part (local.get $p)
              (f32x4.add
                (call $load_part (local.get $p) (local.get $j) (v128.const i32x4 0 0 0 0))
                (call $load_part (local.get $b) (local.get $j) (v128.const i32x4 0 0 0 0)))
              (local.get $j))))
        (local.set $c (i32.add (local.get $c) (local.get $ldc)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; dst[j] += sum_i a[i,j]: four columns at a time, summed down the rows in
  ;; row order in a register, starting from dst as the Go body does.
  (func $sum_rows (export "sum_rows") (type $rows)
    (param $rows i32) (param $cols i32) (param $a i32) (param $lda i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $s v128)
    (if (i32.le_s (local.get $rows) (i32.const 0)) (then (return)))
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $cols) (i32.const 4)))
        (local.set $s (v128.load (local.get $dst)))
        (local.set $p (local.get $a))
        (local.set $i (local.get $rows))
        (loop $down
          (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (local.get $lda)))
          (br_if $down (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
        (v128.store (local.get $dst) (local.get $s))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $cols (i32.sub (local.get $cols) (i32.const 4)))
        (br $l)))
    (if (i32.gt_s (local.get $cols) (i32.const 0))
      (then
        (local.set $s (call $load_part (local.get $dst) (local.get $cols) (v128.const i32x4 0 0 0 0)))
        (local.set $p (local.get $a))
        (local.set $i (local.get $rows))
        (loop $down
          (local.set $s (f32x4.add (local.get $s)
            (call $load_part (local.get $p) (local.get $cols) (v128.const i32x4 0 0 0 0))))
          (local.set $p (i32.add (local.get $p) (local.get $lda)))
          (br_if $down (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
        (call $store_part (local.get $dst) (local.get $s) (local.get $cols)))))

  ;; One Adam step, four lanes at a time, in the Go body's operation order:
  ;;   m = beta1 m + (1-beta1) g;  v = beta2 v + ((1-beta2) g) g
  ;;   w -= (lr (m corr1)) / (sqrt(v corr2) + eps)
  (func $adam_update (export "adam_update") (type $adam)
    (param $n i32) (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $lr f32) (param $beta1 f32) (param $beta2 f32) (param $eps f32) (param $corr1 f32) (param $corr2 f32)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128)
    (local $vlr v128) (local $veps v128) (local $k1 v128) (local $k2 v128)
    (local $gi v128) (local $mi v128) (local $vi v128) (local $wi v128)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $c1 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta1))))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $c2 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta2))))
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $k1 (f32x4.splat (local.get $corr1)))
    (local.set $k2 (f32x4.splat (local.get $corr2)))
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (if (i32.ge_s (local.get $n) (i32.const 4))
          (then
            (local.set $gi (v128.load (local.get $g)))
            (local.set $mi (v128.load (local.get $m)))
            (local.set $vi (v128.load (local.get $v)))
            (local.set $wi (v128.load (local.get $w))))
          (else
            (local.set $gi (call $load_part (local.get $g) (local.get $n) (v128.const i32x4 0 0 0 0)))
            (local.set $mi (call $load_part (local.get $m) (local.get $n) (v128.const i32x4 0 0 0 0)))
            (local.set $vi (call $load_part (local.get $v) (local.get $n) (v128.const i32x4 0 0 0 0)))
            (local.set $wi (call $load_part (local.get $w) (local.get $n) (v128.const i32x4 0 0 0 0)))))
        (local.set $mi (f32x4.add (f32x4.mul (local.get $b1) (local.get $mi)) (f32x4.mul (local.get $c1) (local.get $gi))))
        (local.set $vi (f32x4.add (f32x4.mul (local.get $b2) (local.get $vi))
          (f32x4.mul (f32x4.mul (local.get $c2) (local.get $gi)) (local.get $gi))))
        (local.set $wi (f32x4.sub (local.get $wi)
          (f32x4.div
            (f32x4.mul (local.get $vlr) (f32x4.mul (local.get $mi) (local.get $k1)))
            (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vi) (local.get $k2))) (local.get $veps)))))
        (if (i32.ge_s (local.get $n) (i32.const 4))
          (then
            (v128.store (local.get $m) (local.get $mi))
            (v128.store (local.get $v) (local.get $vi))
            (v128.store (local.get $w) (local.get $wi)))
          (else
            (call $store_part (local.get $m) (local.get $mi) (local.get $n))
            (call $store_part (local.get $v) (local.get $vi) (local.get $n))
            (call $store_part (local.get $w) (local.get $wi) (local.get $n))
            (return)))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l))))
)
