;; Matrix products, SIMD128 body: slots 0-2 of the kernel table (stub.wat).
;;
;; Semantics are those of kernels/gemm.go (BLAS sgemm, row-major):
;;   C = alpha*op(A)*op(B) + beta*C,  C m x n, inner dimension k.
;; m<=0 or n<=0 touches nothing; alpha==0 or k<=0 reads neither A nor B and
;; leaves C = beta*C; beta==0 overwrites C, whose old contents (NaN
;; included) never reach the result (see the stores, below). Pointers are byte addresses into Go's memory, only 4-byte
;; aligned: every v128 access is an ordinary (unaligned-tolerant) load or
;; store, and no access ever reaches outside an operand's m x n (or k x ...)
;; block, so column and inner-dimension tails use lane or scalar accesses.
;; The module has no memory, globals or state of its own.
;;
;; Blocking, and why:
;;
;; NN and TN (C row i = sum_p op(A)[i,p] * B row p) share one driver. C is
;; cut into blocks of 4 rows x 8 columns; the block's 8 f32x4 accumulators
;; stay in registers for the whole k loop, which per step loads two vectors
;; of B's row p and splats the four A scalars op(A)[i..i+3, p] (one
;; v128.load32_splat each): 6 loads for 8 mul + 8 add. 8 accumulators + 2 B
;; + 1 splat fit x64's 16 XMM registers with room for V8's scratch; a 4x12
;; or 6x8 block would not (unrolling k by 2 measured slower). NN and TN
;; differ only in where those A scalars live: op(A)[i,p] is at
;; a_i + p*aps, with a_i = A + i*lda*4 and aps = 4 for NN, a_i = A + i*4
;; and aps = lda*4 for TN. Column tails: a 4x4 block (one vector per row),
;; then 1-3 leftover columns as a 4 x t block vectorised down the rows (the
;; four A scalars gathered into one vector by lane loads, B scalars
;; splatted). Row tails (m mod 4) reuse the 4-row kernels with the missing
;; rows pointing at the last real row of A and their results not stored:
;; no separate code, a little wasted work on one block.
;;
;; NT (C[i,j] = dot(A row i, B row j)): both operands run along k, so C
;; entries are dot products. Blocks of 2 rows of A x 4 rows of B: 8 f32x4
;; partial-sum accumulators over k, 6 vector loads per 8 mul + 8 add (the
;; same ratio as above); the k tail (k mod 4) continues with load32_zero.
;; At the end the four accumulators of a row are reduced and transposed
;; together by shuffles into one vector of 4 adjacent C entries, so alpha,
;; beta and the store are vector operations. For k < 8 those reductions
;; cost more than the products, and NT switches to 4x4 outer-product
;; blocks ($nt_short): A scalars splatted, B's column of op(B) gathered by
;; lane loads. Row and column tails clamp pointers as above and store only
;; the real entries.
;;
;; V8 detail that shaped the code: a call made after a kernel's k loop
;; (say, to a store helper) clobbers every XMM register, and V8 then keeps
;; the accumulators in memory during the whole loop (measured 35 -> 51
;; GFLOP/s for NN when the 4x8 stores were inlined). So the hot kernels
;; make no calls: $k4x8 and $k4x4 store C inline, the others return their
;; sums (multi-value) to their driver, which stores them.
;;
;; Stores compute alpha*acc + (beta*C masked to +0 when beta == 0), so C's
;; old contents, NaN included, never reach the result when beta is 0.
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
    ;; op(A)[i,p] = A[i*lda + p]: rows lda*4 bytes apart, p steps 4 bytes.
    (call $rows_of_b (local.get $m) (local.get $n) (local.get $k) (local.get $alpha)
      (local.get $a) (i32.shl (local.get $lda) (i32.const 2)) (i32.const 4)
      (local.get $b) (local.get $ldb) (local.get $beta) (local.get $c) (local.get $ldc)))

  (func $gemm_tn (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    ;; op(A)[i,p] = A[p*lda + i]: rows 4 bytes apart, p steps lda*4 bytes.
    (call $rows_of_b (local.get $m) (local.get $n) (local.get $k) (local.get $alpha)
      (local.get $a) (i32.const 4) (i32.shl (local.get $lda) (i32.const 2))
      (local.get $b) (local.get $ldb) (local.get $beta) (local.get $c) (local.get $ldc)))

  (func $gemm_nt (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    (local $as i32) (local $bs i32) (local $cs i32)
    (local $i i32) (local $j i32) (local $rows i32) (local $cols i32)
    (local $a0 i32) (local $a1 i32) (local $ci i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $cj i32) (local $v0 v128) (local $v1 v128)
    (local $va v128) (local $vb v128) (local $keep v128)
    (if (i32.or (i32.le_s (local.get $m) (i32.const 0)) (i32.le_s (local.get $n) (i32.const 0)))
      (then (return)))
    (if (i32.or (f32.eq (local.get $alpha) (f32.const 0)) (i32.le_s (local.get $k) (i32.const 0)))
      (then
        (call $scale_c (local.get $m) (local.get $n) (local.get $beta) (local.get $c) (local.get $ldc))
        (return)))
    (local.set $as (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $bs (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $cs (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $va (f32x4.splat (local.get $alpha)))
    (local.set $vb (f32x4.splat (local.get $beta)))
    (local.set $keep (i32x4.splat (i32.sub (i32.const 0) (f32.ne (local.get $beta) (f32.const 0)))))
    (if (i32.lt_s (local.get $k) (i32.const 8))
      (then
        (call $nt_short (local.get $m) (local.get $n) (local.get $k) (local.get $alpha)
          (local.get $a) (local.get $as) (local.get $b) (local.get $bs)
          (local.get $beta) (local.get $c) (local.get $cs))
        (return)))
    (loop $row_blocks
      ;; Two rows of A; a lone last row is computed twice, stored once.
      (local.set $rows (select (i32.const 2) (i32.const 1)
        (i32.ge_s (i32.sub (local.get $m) (local.get $i)) (i32.const 2))))
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $as))))
      (local.set $a1 (select (i32.add (local.get $a0) (local.get $as)) (local.get $a0)
        (i32.eq (local.get $rows) (i32.const 2))))
      (local.set $ci (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cs))))
      (local.set $j (i32.const 0))
      (loop $col_blocks
        ;; Four rows of B (four columns of C), clamped to the last real one.
        (local.set $cols (i32.sub (local.get $n) (local.get $j)))
        (if (i32.gt_s (local.get $cols) (i32.const 4)) (then (local.set $cols (i32.const 4))))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $bs))))
        (local.set $b1 (select (i32.add (local.get $b0) (local.get $bs)) (local.get $b0)
          (i32.gt_s (local.get $cols) (i32.const 1))))
        (local.set $b2 (select (i32.add (local.get $b1) (local.get $bs)) (local.get $b1)
          (i32.gt_s (local.get $cols) (i32.const 2))))
        (local.set $b3 (select (i32.add (local.get $b2) (local.get $bs)) (local.get $b2)
          (i32.gt_s (local.get $cols) (i32.const 3))))
        (call $dot2x4 (local.get $k) (local.get $a0) (local.get $a1)
          (local.get $b0) (local.get $b1) (local.get $b2) (local.get $b3))
        (local.set $v1) (local.set $v0)
        (local.set $cj (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 2))))
        (if (i32.eq (local.get $cols) (i32.const 4))
          (then
            (v128.store (local.get $cj) (f32x4.add (f32x4.mul (local.get $v0) (local.get $va))
              (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $cj)) (local.get $vb)))))
            (if (i32.eq (local.get $rows) (i32.const 2))
              (then (v128.store (i32.add (local.get $cj) (local.get $cs)) (f32x4.add (f32x4.mul (local.get $v1) (local.get $va))
              (v128.and (local.get $keep) (f32x4.mul (v128.load (i32.add (local.get $cj) (local.get $cs))) (local.get $vb))))))))
          (else
            (call $out_row (local.get $cj) (local.get $cols) (local.get $v0) (local.get $alpha) (local.get $beta))
            (if (i32.eq (local.get $rows) (i32.const 2))
              (then (call $out_row (i32.add (local.get $cj) (local.get $cs)) (local.get $cols) (local.get $v1)
                (local.get $alpha) (local.get $beta))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $col_blocks (i32.lt_s (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br_if $row_blocks (i32.lt_s (local.get $i) (local.get $m)))))

  ;; ---------------------------------------------------------------------
  ;; NN / TN driver: op(A)[i,p] at a + i*ars + p*aps; B k x n, row-major.

  (func $rows_of_b (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $ars i32) (param $aps i32) (param $b i32) (param $ldb i32)
      (param $beta f32) (param $c i32) (param $ldc i32)
    (local $bs i32) (local $cs i32) (local $i i32) (local $j i32) (local $rows i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $ci i32)
    (local $t i32) (local $v0 v128) (local $v1 v128) (local $v2 v128)
    (if (i32.or (i32.le_s (local.get $m) (i32.const 0)) (i32.le_s (local.get $n) (i32.const 0)))
      (then (return)))
    (if (i32.or (f32.eq (local.get $alpha) (f32.const 0)) (i32.le_s (local.get $k) (i32.const 0)))
      (then
        (call $scale_c (local.get $m) (local.get $n) (local.get $beta) (local.get $c) (local.get $ldc))
        (return)))
    (local.set $bs (i32.shl (local.get $ldb) (i32.const 2)))
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
      (block $wide_done
        (loop $wide
          (br_if $wide_done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
          (call $k4x8 (local.get $k)
            (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $aps)
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bs)
            (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 2))) (local.get $cs)
            (local.get $rows) (local.get $alpha) (local.get $beta))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $wide)))
      (if (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $n))
        (then
          (call $k4x4 (local.get $k)
            (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $aps)
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bs)
            (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 2))) (local.get $cs)
            (local.get $rows) (local.get $alpha) (local.get $beta))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))))
      (if (i32.lt_s (local.get $j) (local.get $n))
        (then
          (local.set $t (i32.sub (local.get $n) (local.get $j)))
          (call $k4xt (local.get $k)
            (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $aps)
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bs)
            (local.get $t))
          (local.set $v2) (local.set $v1) (local.set $v0)
          (local.set $ci (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 2))))
          (call $out_column (local.get $ci) (local.get $cs) (local.get $rows) (local.get $v0)
            (local.get $alpha) (local.get $beta))
          (if (i32.gt_s (local.get $t) (i32.const 1))
            (then (call $out_column (i32.add (local.get $ci) (i32.const 4)) (local.get $cs) (local.get $rows)
              (local.get $v1) (local.get $alpha) (local.get $beta))))
          (if (i32.gt_s (local.get $t) (i32.const 2))
            (then (call $out_column (i32.add (local.get $ci) (i32.const 8)) (local.get $cs) (local.get $rows)
              (local.get $v2) (local.get $alpha) (local.get $beta))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $row_blocks (i32.lt_s (local.get $i) (local.get $m)))))

  ;; 4 rows x 8 columns of C: two f32x4 accumulators per row, k >= 1.
  (func $k4x8 (param $k i32)
      (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $aps i32)
      (param $b i32) (param $bs i32) (param $c i32) (param $cs i32) (param $rows i32)
      (param $alpha f32) (param $beta f32)
    (local $off i32) (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $va v128) (local $vb v128) (local $keep v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (loop $p
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a0) (local.get $off))))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
      (local.set $av (v128.load32_splat (i32.add (local.get $a1) (local.get $off))))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
      (local.set $av (v128.load32_splat (i32.add (local.get $a2) (local.get $off))))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
      (local.set $av (v128.load32_splat (i32.add (local.get $a3) (local.get $off))))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
      (local.set $off (i32.add (local.get $off) (local.get $aps)))
      (local.set $b (i32.add (local.get $b) (local.get $bs)))
      (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    ;; C = alpha*acc + beta*C; keep masks beta*C off when beta == 0, so
    ;; whatever C held (NaN included) does not survive. Stores are inline:
    ;; a call here would make V8 keep the accumulators in memory.
    (local.set $va (f32x4.splat (local.get $alpha)))
    (local.set $vb (f32x4.splat (local.get $beta)))
    (local.set $keep (i32x4.splat (i32.sub (i32.const 0) (f32.ne (local.get $beta) (f32.const 0)))))
    (block $stored
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c00) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (v128.store offset=16 (local.get $c) (f32x4.add (f32x4.mul (local.get $c01) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load offset=16 (local.get $c)) (local.get $vb)))))
      (br_if $stored (i32.le_s (local.get $rows) (i32.const 1)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c10) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (v128.store offset=16 (local.get $c) (f32x4.add (f32x4.mul (local.get $c11) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load offset=16 (local.get $c)) (local.get $vb)))))
      (br_if $stored (i32.le_s (local.get $rows) (i32.const 2)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c20) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (v128.store offset=16 (local.get $c) (f32x4.add (f32x4.mul (local.get $c21) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load offset=16 (local.get $c)) (local.get $vb)))))
      (br_if $stored (i32.le_s (local.get $rows) (i32.const 3)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c30) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (v128.store offset=16 (local.get $c) (f32x4.add (f32x4.mul (local.get $c31) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load offset=16 (local.get $c)) (local.get $vb)))))))

  ;; 4 rows x 4 columns of C: one f32x4 accumulator per row, k >= 1.
  (func $k4x4 (param $k i32)
      (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $aps i32)
      (param $b i32) (param $bs i32) (param $c i32) (param $cs i32) (param $rows i32)
      (param $alpha f32) (param $beta f32)
    (local $off i32) (local $b0 v128) (local $va v128) (local $vb v128) (local $keep v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (loop $p
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $b0)
        (v128.load32_splat (i32.add (local.get $a0) (local.get $off))))))
      (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $b0)
        (v128.load32_splat (i32.add (local.get $a1) (local.get $off))))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $b0)
        (v128.load32_splat (i32.add (local.get $a2) (local.get $off))))))
      (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $b0)
        (v128.load32_splat (i32.add (local.get $a3) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (local.get $aps)))
      (local.set $b (i32.add (local.get $b) (local.get $bs)))
      (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    ;; Stores as in $k4x8.
    (local.set $va (f32x4.splat (local.get $alpha)))
    (local.set $vb (f32x4.splat (local.get $beta)))
    (local.set $keep (i32x4.splat (i32.sub (i32.const 0) (f32.ne (local.get $beta) (f32.const 0)))))
    (block $stored
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c0) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (br_if $stored (i32.le_s (local.get $rows) (i32.const 1)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c1) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (br_if $stored (i32.le_s (local.get $rows) (i32.const 2)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c2) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))
      (br_if $stored (i32.le_s (local.get $rows) (i32.const 3)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (v128.store (local.get $c) (f32x4.add (f32x4.mul (local.get $c3) (local.get $va))
        (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $c)) (local.get $vb)))))))

  ;; 4 rows x t columns of C (1 <= t <= 3), vectorised down the rows: per p
  ;; the four op(A) scalars are gathered into one vector by lane loads and
  ;; each B scalar is splatted. Columns past t repeat column t-1 (never
  ;; read past the block). Returns the sums of columns 0-2 (lane r: row r)
  ;; for the driver to store: no call after the loop (see $k4x8). k >= 1.
  (func $k4xt (param $k i32)
      (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $aps i32)
      (param $b i32) (param $bs i32) (param $t i32)
      (result v128 v128 v128)
    (local $off i32) (local $o1 i32) (local $o2 i32) (local $av v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local.set $o1 (select (i32.const 4) (i32.const 0) (i32.gt_s (local.get $t) (i32.const 1))))
    (local.set $o2 (select (i32.const 8) (local.get $o1) (i32.gt_s (local.get $t) (i32.const 2))))
    (loop $p
      (local.set $av (v128.load32_zero (i32.add (local.get $a0) (local.get $off))))
      (local.set $av (v128.load32_lane 1 (i32.add (local.get $a1) (local.get $off)) (local.get $av)))
      (local.set $av (v128.load32_lane 2 (i32.add (local.get $a2) (local.get $off)) (local.get $av)))
      (local.set $av (v128.load32_lane 3 (i32.add (local.get $a3) (local.get $off)) (local.get $av)))
      (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $av)
        (v128.load32_splat (local.get $b)))))
      (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $av)
        (v128.load32_splat (i32.add (local.get $b) (local.get $o1))))))
      (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $av)
        (v128.load32_splat (i32.add (local.get $b) (local.get $o2))))))
      (local.set $off (i32.add (local.get $off) (local.get $aps)))
      (local.set $b (i32.add (local.get $b) (local.get $bs)))
      (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (local.get $s0) (local.get $s1) (local.get $s2))

  ;; ---------------------------------------------------------------------
  ;; NT kernel: C[i..i+1, j..j+3] from rows a0, a1 of A and b0..b3 of B.

  ;; Returns (C row i, C row i+1) as sums over k, for the driver to store.
  (func $dot2x4 (param $k i32) (param $a0 i32) (param $a1 i32)
      (param $b0 i32) (param $b1 i32) (param $b2 i32) (param $b3 i32)
      (result v128 v128)
    (local $off i32) (local $end i32) (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    ;; Whole vectors of k.
    (local.set $end (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 2)))
    (if (local.get $end)
      (then
        (loop $p
          (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $off))))
          (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $off))))
          (local.set $y (v128.load (i32.add (local.get $b0) (local.get $off))))
          (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $b1) (local.get $off))))
          (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $b2) (local.get $off))))
          (local.set $s02 (f32x4.add (local.get $s02) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s12 (f32x4.add (local.get $s12) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $b3) (local.get $off))))
          (local.set $s03 (f32x4.add (local.get $s03) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s13 (f32x4.add (local.get $s13) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br_if $p (i32.lt_u (local.get $off) (local.get $end))))))
    ;; The last k mod 4 elements, one at a time in lane 0.
    (local.set $end (i32.shl (local.get $k) (i32.const 2)))
    (if (i32.lt_u (local.get $off) (local.get $end))
      (then
        (loop $q
          (local.set $x0 (v128.load32_zero (i32.add (local.get $a0) (local.get $off))))
          (local.set $x1 (v128.load32_zero (i32.add (local.get $a1) (local.get $off))))
          (local.set $y (v128.load32_zero (i32.add (local.get $b0) (local.get $off))))
          (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load32_zero (i32.add (local.get $b1) (local.get $off))))
          (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load32_zero (i32.add (local.get $b2) (local.get $off))))
          (local.set $s02 (f32x4.add (local.get $s02) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s12 (f32x4.add (local.get $s12) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load32_zero (i32.add (local.get $b3) (local.get $off))))
          (local.set $s03 (f32x4.add (local.get $s03) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s13 (f32x4.add (local.get $s13) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $off (i32.add (local.get $off) (i32.const 4)))
          (br_if $q (i32.lt_u (local.get $off) (local.get $end))))))
    ;; Reduce each row's four accumulators to one vector of their lane sums
    ;; (sum s_r0, ..., sum s_r3), inline (a call would spill them). First
    ;; (x0[0]+x0[2], x1[0]+x1[2], x0[1]+x0[3], x1[1]+x1[3]) for pairs, then
    ;; the low and high halves of those.
    (local.set $s00 (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s00) (local.get $s01))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s00) (local.get $s01))))
    (local.set $s02 (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s02) (local.get $s03))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s02) (local.get $s03))))
    (local.set $s10 (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s10) (local.get $s11))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s10) (local.get $s11))))
    (local.set $s12 (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s12) (local.get $s13))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s12) (local.get $s13))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s00) (local.get $s02))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s00) (local.get $s02)))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s10) (local.get $s12))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s10) (local.get $s12))))

  ;; NT for short k, where per-block reductions would cost more than the
  ;; products: blocks of 4 x 4 entries of C accumulated as outer products,
  ;; like $k4x4, with the four A scalars of step p splatted and the four B
  ;; scalars B[j..j+3, p] (a column of op(B)) gathered by lane loads. Rows
  ;; and columns past m and n repeat the last real one and are not stored.
  ;; as, bs, cs are the row strides in bytes; k >= 1.
  (func $nt_short (param $m i32) (param $n i32) (param $k i32) (param $alpha f32)
      (param $a i32) (param $as i32) (param $b i32) (param $bs i32)
      (param $beta f32) (param $c i32) (param $cs i32)
    (local $i i32) (local $j i32) (local $rows i32) (local $cols i32) (local $cij i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $va v128) (local $vb v128) (local $keep v128)
    (local.set $va (f32x4.splat (local.get $alpha)))
    (local.set $vb (f32x4.splat (local.get $beta)))
    (local.set $keep (i32x4.splat (i32.sub (i32.const 0) (f32.ne (local.get $beta) (f32.const 0)))))
    (loop $row_blocks
      (local.set $rows (i32.sub (local.get $m) (local.get $i)))
      (if (i32.gt_s (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $as))))
      (local.set $a1 (select (i32.add (local.get $a0) (local.get $as)) (local.get $a0)
        (i32.gt_s (local.get $rows) (i32.const 1))))
      (local.set $a2 (select (i32.add (local.get $a1) (local.get $as)) (local.get $a1)
        (i32.gt_s (local.get $rows) (i32.const 2))))
      (local.set $a3 (select (i32.add (local.get $a2) (local.get $as)) (local.get $a2)
        (i32.gt_s (local.get $rows) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $col_done (loop $col_blocks
        (local.set $cols (i32.sub (local.get $n) (local.get $j)))
        (if (i32.gt_s (local.get $cols) (i32.const 4)) (then (local.set $cols (i32.const 4))))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $bs))))
        (local.set $b1 (select (i32.add (local.get $b0) (local.get $bs)) (local.get $b0)
          (i32.gt_s (local.get $cols) (i32.const 1))))
        (local.set $b2 (select (i32.add (local.get $b1) (local.get $bs)) (local.get $b1)
          (i32.gt_s (local.get $cols) (i32.const 2))))
        (local.set $b3 (select (i32.add (local.get $b2) (local.get $bs)) (local.get $b2)
          (i32.gt_s (local.get $cols) (i32.const 3))))
        (call $outer4x4 (local.get $k) (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
          (local.get $b0) (local.get $b1) (local.get $b2) (local.get $b3))
        (local.set $v3) (local.set $v2) (local.set $v1) (local.set $v0)
        (local.set $cij (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cs)))
          (i32.shl (local.get $j) (i32.const 2))))
        (if (i32.eq (local.get $cols) (i32.const 4))
          (then
            ;; Full rows of four, stored inline as in $k4x8.
            (block $stored4
              (v128.store (local.get $cij) (f32x4.add (f32x4.mul (local.get $v0) (local.get $va))
              (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $cij)) (local.get $vb)))))
              (br_if $stored4 (i32.le_s (local.get $rows) (i32.const 1)))
              (v128.store (i32.add (local.get $cij) (local.get $cs)) (f32x4.add (f32x4.mul (local.get $v1) (local.get $va))
              (v128.and (local.get $keep) (f32x4.mul (v128.load (i32.add (local.get $cij) (local.get $cs))) (local.get $vb)))))
              (br_if $stored4 (i32.le_s (local.get $rows) (i32.const 2)))
              (local.set $cij (i32.add (local.get $cij) (i32.shl (local.get $cs) (i32.const 1))))
              (v128.store (local.get $cij) (f32x4.add (f32x4.mul (local.get $v2) (local.get $va))
              (v128.and (local.get $keep) (f32x4.mul (v128.load (local.get $cij)) (local.get $vb)))))
              (br_if $stored4 (i32.le_s (local.get $rows) (i32.const 3)))
              (v128.store (i32.add (local.get $cij) (local.get $cs)) (f32x4.add (f32x4.mul (local.get $v3) (local.get $va))
              (v128.and (local.get $keep) (f32x4.mul (v128.load (i32.add (local.get $cij) (local.get $cs))) (local.get $vb))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br_if $col_blocks (i32.lt_s (local.get $j) (local.get $n)))
            (br $col_done)))
        (block $stored
          (call $out_row (local.get $cij) (local.get $cols) (local.get $v0) (local.get $alpha) (local.get $beta))
          (br_if $stored (i32.le_s (local.get $rows) (i32.const 1)))
          (local.set $cij (i32.add (local.get $cij) (local.get $cs)))
          (call $out_row (local.get $cij) (local.get $cols) (local.get $v1) (local.get $alpha) (local.get $beta))
          (br_if $stored (i32.le_s (local.get $rows) (i32.const 2)))
          (local.set $cij (i32.add (local.get $cij) (local.get $cs)))
          (call $out_row (local.get $cij) (local.get $cols) (local.get $v2) (local.get $alpha) (local.get $beta))
          (br_if $stored (i32.le_s (local.get $rows) (i32.const 3)))
          (local.set $cij (i32.add (local.get $cij) (local.get $cs)))
          (call $out_row (local.get $cij) (local.get $cols) (local.get $v3) (local.get $alpha) (local.get $beta)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $col_blocks (i32.lt_s (local.get $j) (local.get $n)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $row_blocks (i32.lt_s (local.get $i) (local.get $m)))))

  ;; sum_p A_r[p] * (B_0[p], B_1[p], B_2[p], B_3[p]) for rows r = 0..3 of a
  ;; 4 x 4 block of C, with A_r and B_c rows running along p. k >= 1.
  (func $outer4x4 (param $k i32) (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32)
      (param $b0 i32) (param $b1 i32) (param $b2 i32) (param $b3 i32)
      (result v128 v128 v128 v128)
    (local $off i32) (local $y v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (loop $p
      (local.set $y (v128.load32_zero (i32.add (local.get $b0) (local.get $off))))
      (local.set $y (v128.load32_lane 1 (i32.add (local.get $b1) (local.get $off)) (local.get $y)))
      (local.set $y (v128.load32_lane 2 (i32.add (local.get $b2) (local.get $off)) (local.get $y)))
      (local.set $y (v128.load32_lane 3 (i32.add (local.get $b3) (local.get $off)) (local.get $y)))
      (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $y)
        (v128.load32_splat (i32.add (local.get $a0) (local.get $off))))))
      (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $y)
        (v128.load32_splat (i32.add (local.get $a1) (local.get $off))))))
      (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $y)
        (v128.load32_splat (i32.add (local.get $a2) (local.get $off))))))
      (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $y)
        (v128.load32_splat (i32.add (local.get $a3) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const 4)))
      (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3))

  ;; ---------------------------------------------------------------------
  ;; Writing results: C = alpha*acc + beta*C, C not read when beta == 0.

  ;; The first cols (1-4) lanes of v into a row of C. No nested calls: these
  ;; run once per row of a block, and for narrow C they are most of the work.
  (func $out_row (param $c i32) (param $cols i32) (param $v v128) (param $alpha f32) (param $beta f32)
    (local $keep v128)
    (local.set $v (f32x4.mul (local.get $v) (f32x4.splat (local.get $alpha))))
    (if (i32.eq (local.get $cols) (i32.const 4))
      (then
        (local.set $keep (i32x4.splat (i32.sub (i32.const 0) (f32.ne (local.get $beta) (f32.const 0)))))
        (v128.store (local.get $c) (f32x4.add (local.get $v) (v128.and (local.get $keep)
          (f32x4.mul (v128.load (local.get $c)) (f32x4.splat (local.get $beta))))))
        (return)))
    (f32.store (local.get $c) (call $blend (f32x4.extract_lane 0 (local.get $v)) (local.get $c) (local.get $beta)))
    (br_if 0 (i32.le_s (local.get $cols) (i32.const 1)))
    (f32.store offset=4 (local.get $c) (call $blend (f32x4.extract_lane 1 (local.get $v))
      (i32.add (local.get $c) (i32.const 4)) (local.get $beta)))
    (br_if 0 (i32.le_s (local.get $cols) (i32.const 2)))
    (f32.store offset=8 (local.get $c) (call $blend (f32x4.extract_lane 2 (local.get $v))
      (i32.add (local.get $c) (i32.const 8)) (local.get $beta))))

  ;; The first rows (1-4) lanes of v down a column of C (rows cs bytes apart).
  (func $out_column (param $c i32) (param $cs i32) (param $rows i32) (param $v v128)
      (param $alpha f32) (param $beta f32)
    (local.set $v (f32x4.mul (local.get $v) (f32x4.splat (local.get $alpha))))
    (f32.store (local.get $c) (call $blend (f32x4.extract_lane 0 (local.get $v)) (local.get $c) (local.get $beta)))
    (br_if 0 (i32.le_s (local.get $rows) (i32.const 1)))
    (local.set $c (i32.add (local.get $c) (local.get $cs)))
    (f32.store (local.get $c) (call $blend (f32x4.extract_lane 1 (local.get $v)) (local.get $c) (local.get $beta)))
    (br_if 0 (i32.le_s (local.get $rows) (i32.const 2)))
    (local.set $c (i32.add (local.get $c) (local.get $cs)))
    (f32.store (local.get $c) (call $blend (f32x4.extract_lane 2 (local.get $v)) (local.get $c) (local.get $beta)))
    (br_if 0 (i32.le_s (local.get $rows) (i32.const 3)))
    (local.set $c (i32.add (local.get $c) (local.get $cs)))
    (f32.store (local.get $c) (call $blend (f32x4.extract_lane 3 (local.get $v)) (local.get $c) (local.get $beta))))

  ;; v + beta*C[c], or v alone when beta == 0 (C not read then).
  (func $blend (param $v f32) (param $c i32) (param $beta f32) (result f32)
    (if (result f32) (f32.eq (local.get $beta) (f32.const 0))
      (then (local.get $v))
      (else (f32.add (local.get $v) (f32.mul (f32.load (local.get $c)) (local.get $beta))))))

  ;; C = beta*C for the alpha == 0 / k <= 0 case: beta 1 leaves C alone,
  ;; beta 0 stores zeros without reading C.
  (func $scale_c (param $m i32) (param $n i32) (param $beta f32) (param $c i32) (param $ldc i32)
    (local $cs i32) (local $p i32) (local $end i32) (local $vb v128)
    (if (f32.eq (local.get $beta) (f32.const 1)) (then (return)))
    (local.set $cs (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $vb (f32x4.splat (local.get $beta)))
    (loop $rows
      (local.set $p (local.get $c))
      (local.set $end (i32.add (local.get $c) (i32.shl (local.get $n) (i32.const 2))))
      (block $vec_done
        (loop $vec
          (br_if $vec_done (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
          (v128.store (local.get $p)
            (if (result v128) (f32.eq (local.get $beta) (f32.const 0))
              (then (v128.const i32x4 0 0 0 0))
              (else (f32x4.mul (v128.load (local.get $p)) (local.get $vb)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $vec)))
      (block $tail_done
        (loop $tail
          (br_if $tail_done (i32.ge_u (local.get $p) (local.get $end)))
          (f32.store (local.get $p)
            (if (result f32) (f32.eq (local.get $beta) (f32.const 0))
              (then (f32.const 0))
              (else (f32.mul (f32.load (local.get $p)) (local.get $beta)))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $tail)))
      (local.set $c (i32.add (local.get $c) (local.get $cs)))
      (br_if $rows (local.tee $m (i32.sub (local.get $m) (i32.const 1))))))
)
