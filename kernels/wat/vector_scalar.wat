;; vector_scalar.wat: the vector kernels (slots 3-10 of stub.wat) without
;; SIMD, for browsers that lack SIMD128. Only WebAssembly 1.0 (MVP)
;; instructions are used: it validates with `wasm-validate --disable-simd`
;; and needs neither saturating conversions nor sign extension.
;;
;; Semantics are those of the Go bodies in vector.go and optimizer.go and of
;; vector_simd.wat; the signatures are stub.wat's. Pointers are byte
;; addresses into Go's memory aligned to 4 bytes; n <= 0 touches nothing;
;; y may alias x, and dst, c, w, m, v are updated in place.
;;
;; Exactness: axpy, axpy_sign, scale, add_bias, sum_rows and adam_update
;; do the Go bodies' float32 operations in the same order (bit-identical to
;; Go without FMA, and to vector_simd.wat). dot keeps Go's four partial sums
;; (s0..s3 over i mod 4, the tail into s0, then (s0+s1)+(s2+s3)) and sum_abs
;; Go's two, so both are bit-identical to the Go bodies; vector_simd.wat
;; keeps more partial sums and may differ from them in the last bits.
;; Measured by kernels/vector_wat_test.go against gonum's float64 results:
;; element-wise results within their float32 roundings; dot, sum_abs and
;; sum_rows within the (n+2)·2^-23 bound of the Go tests relative to the
;; sum of |terms|.
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

  ;; y += alpha*x
  (func $axpy (export "axpy") (type $axpy) (param $n i32) (param $alpha f32) (param $x i32) (param $y i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $y)
          (f32.add (f32.load (local.get $y)) (f32.mul (local.get $alpha) (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; y += alpha where x > 0, y -= alpha where x < 0 (zero and NaN: untouched)
  (func $axpy_sign (export "axpy_sign") (type $axpy) (param $n i32) (param $alpha f32) (param $x i32) (param $y i32)
    (local $v f32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $v (f32.load (local.get $x)))
        (if (f32.gt (local.get $v) (f32.const 0))
          (then (f32.store (local.get $y) (f32.add (f32.load (local.get $y)) (local.get $alpha))))
          (else
            (if (f32.lt (local.get $v) (f32.const 0))
              (then (f32.store (local.get $y) (f32.sub (f32.load (local.get $y)) (local.get $alpha)))))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; x *= alpha
  (func $scale (export "scale") (type $scale) (param $n i32) (param $alpha f32) (param $x i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (f32.store (local.get $x) (f32.mul (f32.load (local.get $x)) (local.get $alpha)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))

  ;; sum of x[i]*y[i] with the Go body's four partial sums
  (func $dot (export "dot") (type $dot) (param $n i32) (param $x i32) (param $y i32) (result f32)
    (local $s0 f32) (local $s1 f32) (local $s2 f32) (local $s3 f32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 4)))
        (local.set $s0 (f32.add (local.get $s0) (f32.mul (f32.load (local.get $x)) (f32.load (local.get $y)))))
        (local.set $s1 (f32.add (local.get $s1) (f32.mul (f32.load offset=4 (local.get $x)) (f32.load offset=4 (local.get $y)))))
        (local.set $s2 (f32.add (local.get $s2) (f32.mul (f32.load offset=8 (local.get $x)) (f32.load offset=8 (local.get $y)))))
        (local.set $s3 (f32.add (local.get $s3) (f32.mul (f32.load offset=12 (local.get $x)) (f32.load offset=12 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $l)))
    (block $done1
      (loop $l1
        (br_if $done1 (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $s0 (f32.add (local.get $s0) (f32.mul (f32.load (local.get $x)) (f32.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l1)))
    (f32.add (f32.add (local.get $s0) (local.get $s1)) (f32.add (local.get $s2) (local.get $s3))))

  ;; sum of |x[i]| with the Go body's two partial sums
  (func $sum_abs (export "sum_abs") (type $reduce) (param $n i32) (param $x i32) (result f32)
    (local $s0 f32) (local $s1 f32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (local.set $s0 (f32.add (local.get $s0) (f32.abs (f32.load (local.get $x)))))
        (local.set $s1 (f32.add (local.get $s1) (f32.abs (f32.load offset=4 (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $l)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (local.set $s0 (f32.add (local.get $s0) (f32.abs (f32.load (local.get $x)))))))
    (f32.add (local.get $s0) (local.get $s1)))

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
            (br_if $done (i32.le_s (local.get $j) (i32.const 0)))
            (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (f32.load (local.get $b))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $l)))
        (local.set $c (i32.add (local.get $c) (local.get $ldc)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; dst[j] += sum_i a[i,j], row after row as the Go body adds them
  (func $sum_rows (export "sum_rows") (type $rows)
    (param $rows i32) (param $cols i32) (param $a i32) (param $lda i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $d i32)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $j (local.get $cols))
        (local.set $p (local.get $a))
        (local.set $d (local.get $dst))
        (block $done
          (loop $l
            (br_if $done (i32.le_s (local.get $j) (i32.const 0)))
            (f32.store (local.get $d) (f32.add (f32.load (local.get $d)) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $d (i32.add (local.get $d) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $l)))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; One Adam step in the Go body's operation order:
  ;;   m = beta1 m + (1-beta1) g;  v = beta2 v + ((1-beta2) g) g
  ;;   w -= (lr (m corr1)) / (sqrt(v corr2) + eps)
  (func $adam_update (export "adam_update") (type $adam)
    (param $n i32) (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $lr f32) (param $beta1 f32) (param $beta2 f32) (param $eps f32) (param $corr1 f32) (param $corr2 f32)
    (local $c1 f32) (local $c2 f32) (local $gi f32) (local $mi f32) (local $vi f32)
    (local.set $c1 (f32.sub (f32.const 1) (local.get $beta1)))
    (local.set $c2 (f32.sub (f32.const 1) (local.get $beta2)))
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $gi (f32.load (local.get $g)))
        (local.set $mi (f32.add (f32.mul (local.get $beta1) (f32.load (local.get $m))) (f32.mul (local.get $c1) (local.get $gi))))
        (local.set $vi (f32.add (f32.mul (local.get $beta2) (f32.load (local.get $v)))
          (f32.mul (f32.mul (local.get $c2) (local.get $gi)) (local.get $gi))))
        (f32.store (local.get $m) (local.get $mi))
        (f32.store (local.get $v) (local.get $vi))
        (f32.store (local.get $w) (f32.sub (f32.load (local.get $w))
          (f32.div
            (f32.mul (local.get $lr) (f32.mul (local.get $mi) (local.get $corr1)))
            (f32.add (f32.sqrt (f32.mul (local.get $vi) (local.get $corr2))) (local.get $eps)))))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (local.set $v (i32.add (local.get $v) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))
)
