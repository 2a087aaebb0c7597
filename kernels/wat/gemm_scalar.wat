;; Matrix products, scalar body (no SIMD instructions: for browsers without
;; SIMD128; it validates with SIMD disabled): slots 0-2 of the kernel table.
;;
;; Semantics are those of kernels/gemm.go (BLAS sgemm, row-major):
;;   C = alpha*op(A)*op(B) + beta*C,  C m x n, inner dimension k.
;; m<=0 or n<=0 touches nothing; alpha==0 or k<=0 reads neither A nor B and
;; leaves C = beta*C; beta==0 overwrites C without reading it. Pointers are
;; byte addresses into Go's memory; no access leaves an operand's block.
;; The module has no memory, globals or state of its own.
;;
;; Blocking, and why: all three forms run one register-blocked kernel of
;; 4 rows x 2 columns of C, 8 f32 accumulators held in locals for the whole
;; k loop. Per step p it loads the two op(B) scalars and then, row by row,
;; one op(A) scalar feeding two multiply-adds: 6 loads for 8 multiply-adds
;; (a naive loop does 2 loads and a load/store of C per multiply-add), and
;; 8 + 2 + 1 live values fit x64's 16 float registers (4x3 and 4x4 need 16
;; and 21). The kernel returns its sums to the driver rather than storing
;; them through helper calls: a call after the loop makes V8 keep the
;; accumulators in memory (measured 9.5 -> 11.5 GFLOP/s at 256^3). The forms differ only in addresses, so the kernel takes them as
;; start pointers and steps:
;;   op(A)[i,p] at A + i*ars + p*aps, op(B)[p,j] at B + j*bcs + p*bps
;;   NN: ars = lda*4, aps = 4,      bcs = 4,      bps = ldb*4
;;   NT: ars = lda*4, aps = 4,      bcs = ldb*4,  bps = 4
;;   TN: ars = 4,     aps = lda*4,  bcs = 4,      bps = ldb*4
;; Row and column tails (m mod 4, n odd) point the missing rows/columns at
;; the last real one and do not store their results: no separate tail code.
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  (elem (i32.const 0) func $gemm_nn $gemm_nt $gemm_tn)
  (export "gemm_nn" (func $gemm_nn))
  (export "gemm_nt" (func $gemm_nt))
  (export "gemm_tn" (func $gemm_tn))

  ;; ---------------------------------------------------------------------
  ;; Entry points (the stub's $gemm signature).

  (func $gemm_nn (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    (call $blocks (local.get $m) (local.get $n) (local.get $k) (local.get $alpha)
      (local.get $a) (i32.shl (local.get $lda) (i32.const 2)) (i32.const 4)
      (local.get $b) (i32.const 4) (i32.shl (local.get $ldb) (i32.const 2))
      (local.get $beta) (local.get $c) (local.get $ldc)))

  (func $gemm_nt (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    (call $blocks (local.get $m) (local.get $n) (local.get $k) (local.get $alpha)
      (local.get $a) (i32.shl (local.get $lda) (i32.const 2)) (i32.const 4)
      (local.get $b) (i32.shl (local.get $ldb) (i32.const 2)) (i32.const 4)
      (local.get $beta) (local.get $c) (local.get $ldc)))

  (func $gemm_tn (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    (call $blocks (local.get $m) (local.get $n) (local.get $k) (local.get $alpha)
      (local.get $a) (i32.const 4) (i32.shl (local.get $lda) (i32.const 2))
      (local.get $b) (i32.const 4) (i32.shl (local.get $ldb) (i32.const 2))
      (local.get $beta) (local.get $c) (local.get $ldc)))

  ;; ---------------------------------------------------------------------
  ;; Driver: walks C in 4 x 2 blocks.

  (func $blocks (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $ars i32) (param $aps i32)
      (param $b i32) (param $bcs i32) (param $bps i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    (local $cs i32) (local $i i32) (local $j i32) (local $rows i32) (local $cols i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $ci i32)
    (local $b0 i32) (local $cij i32)
    (local $s00 f32) (local $s01 f32) (local $s10 f32) (local $s11 f32)
    (local $s20 f32) (local $s21 f32) (local $s30 f32) (local $s31 f32)
    (if (i32.or (i32.le_s (local.get $m) (i32.const 0)) (i32.le_s (local.get $n) (i32.const 0)))
      (then (return)))
    (if (i32.or (f32.eq (local.get $alpha) (f32.const 0)) (i32.le_s (local.get $k) (i32.const 0)))
      (then
        (call $scale_c (local.get $m) (local.get $n) (local.get $beta) (local.get $c) (local.get $ldc))
        (return)))
    (local.set $cs (i32.shl (local.get $ldc) (i32.const 2)))
    (loop $row_blocks
      ;; Four rows of op(A); missing rows repeat the last real one.
      (local.set $rows (i32.sub (local.get $m) (local.get $i)))
      (if (i32.gt_s (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
      (local.set $a1 (select (i32.add (local.get $a0) (local.get $ars)) (local.get $a0)
        (i32.gt_s (local.get $rows) (i32.const 1))))
      (local.set $a2 (select (i32.add (local.get $a1) (local.get $ars)) (local.get $a1)
        (i32.gt_s (local.get $rows) (i32.const 2))))
      (local.set $a3 (select (i32.add (local.get $a2) (local.get $ars)) (local.get $a2)
        (i32.gt_s (local.get $rows) (i32.const 3))))
      (local.set $ci (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cs))))
      (local.set $j (i32.const 0))
      (loop $col_blocks
        ;; Two columns of op(B); a lone last column is computed twice.
        (local.set $cols (select (i32.const 2) (i32.const 1)
          (i32.ge_s (i32.sub (local.get $n) (local.get $j)) (i32.const 2))))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $bcs))))
        (call $k4x2 (local.get $k)
          (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $aps)
          (local.get $b0)
          (select (i32.add (local.get $b0) (local.get $bcs)) (local.get $b0)
            (i32.eq (local.get $cols) (i32.const 2)))
          (local.get $bps))
        (local.set $s31) (local.set $s30) (local.set $s21) (local.set $s20)
        (local.set $s11) (local.set $s10) (local.set $s01) (local.set $s00)
        (local.set $cij (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 2))))
        (block $stored
          (call $out_pair (local.get $cij) (local.get $cols) (local.get $s00) (local.get $s01)
            (local.get $alpha) (local.get $beta))
          (br_if $stored (i32.le_s (local.get $rows) (i32.const 1)))
          (local.set $cij (i32.add (local.get $cij) (local.get $cs)))
          (call $out_pair (local.get $cij) (local.get $cols) (local.get $s10) (local.get $s11)
            (local.get $alpha) (local.get $beta))
          (br_if $stored (i32.le_s (local.get $rows) (i32.const 2)))
          (local.set $cij (i32.add (local.get $cij) (local.get $cs)))
          (call $out_pair (local.get $cij) (local.get $cols) (local.get $s20) (local.get $s21)
            (local.get $alpha) (local.get $beta))
          (br_if $stored (i32.le_s (local.get $rows) (i32.const 3)))
          (local.set $cij (i32.add (local.get $cij) (local.get $cs)))
          (call $out_pair (local.get $cij) (local.get $cols) (local.get $s30) (local.get $s31)
            (local.get $alpha) (local.get $beta)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br_if $col_blocks (i32.lt_s (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $row_blocks (i32.lt_s (local.get $i) (local.get $m)))))

  ;; The sums over p < k (k >= 1) of op(A) at a_r + p*aps times op(B) at
  ;; b_c + p*bps, for r = 0..3, c = 0..1, returned (s00 s01 s10 ... s31) for
  ;; the driver to store: a call after the loop would make V8 keep the
  ;; accumulators in memory during it.
  (func $k4x2 (param $k i32)
      (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $aps i32)
      (param $b0 i32) (param $b1 i32) (param $bps i32)
      (result f32 f32 f32 f32 f32 f32 f32 f32)
    (local $offa i32) (local $offb i32) (local $y0 f32) (local $y1 f32) (local $x f32)
    (local $s00 f32) (local $s01 f32) (local $s10 f32) (local $s11 f32)
    (local $s20 f32) (local $s21 f32) (local $s30 f32) (local $s31 f32)
    (loop $p
      (local.set $y0 (f32.load (i32.add (local.get $b0) (local.get $offb))))
      (local.set $y1 (f32.load (i32.add (local.get $b1) (local.get $offb))))
      (local.set $x (f32.load (i32.add (local.get $a0) (local.get $offa))))
      (local.set $s00 (f32.add (local.get $s00) (f32.mul (local.get $x) (local.get $y0))))
      (local.set $s01 (f32.add (local.get $s01) (f32.mul (local.get $x) (local.get $y1))))
      (local.set $x (f32.load (i32.add (local.get $a1) (local.get $offa))))
      (local.set $s10 (f32.add (local.get $s10) (f32.mul (local.get $x) (local.get $y0))))
      (local.set $s11 (f32.add (local.get $s11) (f32.mul (local.get $x) (local.get $y1))))
      (local.set $x (f32.load (i32.add (local.get $a2) (local.get $offa))))
      (local.set $s20 (f32.add (local.get $s20) (f32.mul (local.get $x) (local.get $y0))))
      (local.set $s21 (f32.add (local.get $s21) (f32.mul (local.get $x) (local.get $y1))))
      (local.set $x (f32.load (i32.add (local.get $a3) (local.get $offa))))
      (local.set $s30 (f32.add (local.get $s30) (f32.mul (local.get $x) (local.get $y0))))
      (local.set $s31 (f32.add (local.get $s31) (f32.mul (local.get $x) (local.get $y1))))
      (local.set $offa (i32.add (local.get $offa) (local.get $aps)))
      (local.set $offb (i32.add (local.get $offb) (local.get $bps)))
      (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (local.get $s00) (local.get $s01) (local.get $s10) (local.get $s11)
    (local.get $s20) (local.get $s21) (local.get $s30) (local.get $s31))

  ;; ---------------------------------------------------------------------
  ;; Writing results: C = alpha*acc + beta*C, C not read when beta == 0.

  ;; Entries c and (when cols == 2) c+4 of a row of C.
  (func $out_pair (param $c i32) (param $cols i32) (param $v0 f32) (param $v1 f32)
      (param $alpha f32) (param $beta f32)
    (call $out1 (local.get $c) (local.get $v0) (local.get $alpha) (local.get $beta))
    (if (i32.eq (local.get $cols) (i32.const 2))
      (then (call $out1 (i32.add (local.get $c) (i32.const 4)) (local.get $v1)
        (local.get $alpha) (local.get $beta)))))

  (func $out1 (param $c i32) (param $v f32) (param $alpha f32) (param $beta f32)
    (local.set $v (f32.mul (local.get $v) (local.get $alpha)))
    (if (f32.ne (local.get $beta) (f32.const 0))
      (then
        (local.set $v (f32.add (local.get $v) (f32.mul (f32.load (local.get $c)) (local.get $beta))))))
    (f32.store (local.get $c) (local.get $v)))

  ;; C = beta*C for the alpha == 0 / k <= 0 case: beta 1 leaves C alone,
  ;; beta 0 stores zeros without reading C.
  (func $scale_c (param $m i32) (param $n i32) (param $beta f32) (param $c i32) (param $ldc i32)
    (local $cs i32) (local $p i32) (local $end i32)
    (if (f32.eq (local.get $beta) (f32.const 1)) (then (return)))
    (local.set $cs (i32.shl (local.get $ldc) (i32.const 2)))
    (loop $rows
      (local.set $p (local.get $c))
      (local.set $end (i32.add (local.get $c) (i32.shl (local.get $n) (i32.const 2))))
      (loop $cols
        (f32.store (local.get $p)
          (if (result f32) (f32.eq (local.get $beta) (f32.const 0))
            (then (f32.const 0))
            (else (f32.mul (f32.load (local.get $p)) (local.get $beta)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $cols (i32.lt_u (local.get $p) (local.get $end))))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (br_if $rows (local.tee $m (i32.sub (local.get $m) (i32.const 1))))))
)
